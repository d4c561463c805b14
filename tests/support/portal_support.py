"""Government-portal declarations for tests (data/site.yml, zhengxie.model.portal): a site file with a
small size limit, helpers to attach originals to a mini-repository's document, and the broken fixtures
of the originals and body-code problems in the form of tests/checks/test_checks_codes.py's CASES:
(code, how to break the repo, file, line, column)."""

from __future__ import annotations

from checks_support import PLAN

SITE_YML = """\
# yaml-language-server: $schema=schemas/site.schema.json
sample: true
sample_note: 测试用的网站信息，全部是虚构的示例。
footer:
  sponsor: 测试主办单位（示例）
  organizer: 测试承办单位（示例）
  contact: 电话 0000-0000000（示例）
  site_code: 0000000000（示例）
  icp:
    text: 示ICP备00000000号（示例）
    url: https://beian.miit.gov.cn/
  police:
    text: 示公网安备00000000000000号（示例）
    url: https://beian.mps.gov.cn/
  correction:
    text: jiucuo@example.org（示例）
    url: mailto:jiucuo@example.org
index_number: "{body_code}-{year}-{seq:04d}"
originals:
  max_bytes: 4096
  types:
    - suffix: .pdf
      name: PDF
      signatures: ["255044462d"]
    - suffix: .docx
      name: Word
      signatures: ["504b0304"]
licence:
  name: 测试许可协议（示例）
  url: https://example.org/licence
"""

PDF = b"%PDF-1.4\n% a small stand-in for an original\n%%EOF\n"
DOCX = b"PK\x03\x04" + b"\x00" * 60
ORIGINAL = "docs/plans/originals/2019-test-plan.pdf"


def with_site(r, text: str = SITE_YML) -> None:
    r.write("data/site.yml", text)


def attach(r, *paths: str, doc: str = PLAN) -> None:
    """List `paths` as the document's originals (a YAML list, one per line)."""
    listed = "".join(f"  - {p}\n" for p in paths)
    r.edit(doc, "topics: [ecology, industry]\n", f"topics: [ecology, industry]\noriginals:\n{listed}")


def _original(r, path: str, content: bytes) -> None:
    with_site(r)
    r.write(path, content)
    attach(r, path)


def _duplicate_code(r) -> None:
    r.write(
        "data/bodies.yml",
        r.read("data/bodies.yml")
        + "- {id: test-one, name: 测试一, short: 测试一, level: city, code: TST}\n"
        + "- {id: test-two, name: 测试二, short: 测试二, level: city, code: TST}\n",
    )


LISTED = (PLAN, "  - docs/plans/originals/")

PORTAL_CASES = [
    ("ZX151", lambda r: _original(r, "docs/plans/originals/2019-test-plan.zip", PDF), PLAN, LISTED, None),
    ("ZX152", lambda r: _original(r, ORIGINAL, PDF + b"0" * 5000), PLAN, LISTED, None),
    ("ZX153", lambda r: (with_site(r), attach(r, ORIGINAL)), PLAN, LISTED, None),
    ("ZX154", lambda r: _original(r, ORIGINAL, b"just text, renamed\n"), PLAN, LISTED, None),
    ("ZX155", lambda r: (with_site(r), r.write(ORIGINAL, PDF)), ORIGINAL, 1, None),
    ("ZX231", _duplicate_code, "data/bodies.yml", ("data/bodies.yml", "test-two"), None),
]
