"""CI output cannot be steered by content: whatever a value or a file name holds, every format of
`python -m zhengxie check` keeps it on its problem's line and shows control characters as escapes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from checks_support import NOTE, PLAN, ROOT

INJECTED = "\n::warning file=x::pwned\r\n::error::again\x1b[31m red \x1b]0;title\x07\u2028\u202e\x85"


def _break(r):
    quoted = json.dumps(INJECTED)  # a YAML double-quoted string holding the raw characters
    r.edit(PLAN, "type: consultation", f"type: {quoted}")  # ZX211 quotes the type
    r.edit(NOTE, "kind: note\n", f"kind: note\n{quoted}: 1\n")  # ZX201 quotes the unknown key
    r.write("docs/notes/x\n::warning file=y::pwned.png", b"x")  # ZX120 names the file


def _check(root, fmt):
    result = subprocess.run(
        [sys.executable, "-m", "zhengxie", "check", "--root", str(root), "--format", fmt],
        env={"PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 1 and not result.stderr, result.stderr
    return result.stdout.decode("utf-8")


def _no_control(text: str):
    for bad in ("\x1b", "\r", "\x07", "\x85", "\u2028", "\u202e"):
        assert bad not in text, repr(bad)


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_no_line_is_written_by_content(zx_repo, fmt):
    _break(zx_repo)
    out = _check(zx_repo.root, fmt)
    _no_control(out)
    lines = out.split("\n")
    assert not any("pwned" in line and not (line.startswith(("docs/", "::error ", "::warning "))) for line in lines), [
        line for line in lines if "pwned" in line
    ]
    commands = [line for line in lines if line.startswith("::")]
    assert all(line.startswith(("::error file=", "::warning file=")) for line in commands), commands
    assert "\\n::warning file=x::pwned" in out  # shown, escaped, on the problem's own line
    if fmt == "github":
        assert not any(line.startswith(("::warning file=x", "::error::")) for line in lines)


def test_json_stays_valid_and_plain(zx_repo):
    _break(zx_repo)
    out = _check(zx_repo.root, "json")
    _no_control(out)
    problems = json.loads(out)
    assert {"ZX211", "ZX201", "ZX120"} <= {p["code"] for p in problems}
    for problem in problems:
        for value in (problem["file"], problem["message"], problem["hint"]):
            assert "\n" not in value and "\x1b" not in value


def test_the_build_log_gets_the_same_escaped_text(zx_repo):
    from zhengxie.build.website import Site

    _break(zx_repo)
    site = Site.load(zx_repo.root, template_dir=ROOT / "overrides")
    for problem in site.problems:  # what the adapter logs
        text = problem.format()
        assert text.count("\n") == 1 and "\x1b" not in text
