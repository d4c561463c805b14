"""Placeholder: the problem-code reference for the contributor guide (filled by the validation work)."""


def problem_codes_markdown(catalogue) -> str:
    return "\n".join(f"- **{c.code}** {c.title}" for c in catalogue.values())
