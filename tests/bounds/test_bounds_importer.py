"""The importer is bounded: declared size limits (Chinese messages), reading that stops as soon as an
original passes its block or cell limit, and a Word reader whose work is proportional to the file
(styles from a table made once, merged cells from the row above). Numbers past 999 import."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengxie.tools.importer import blocks, import_file
from zhengxie.tools.importer import read as reader
from zhengxie.tools.importer.read import ImportFailed, read_original


def _save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def _python_docx_rows(path: Path) -> list:
    """What python-docx's own (slow) API gives for the tables: the reference for our reader."""
    found = []
    for table in docx.Document(str(path)).tables:
        rows = [[reader.clean(cell.text) for cell in row.cells] for row in table.rows]
        found.append([row for row in rows if any(row)])
    return found


def test_a_text_file_of_1002_articles_imports(zx_repo, tmp_path):
    source = tmp_path / "rules.txt"
    source.write_text(
        "洛阳市政协工作规则\n" + "".join(f"第{n}条　内容{n}。\n" for n in range(1, 1003)), encoding="utf-8"
    )
    imported = import_file(zx_repo.root, source, kind="rule", body="luoyang-city")
    text = zx_repo.read(imported.parts[0].paths[0])
    assert imported.parts[0].found.counts["articles"] == 1002
    assert "第一千条　内容1000。" in text and "第一千零二条　内容1002。" in text
    assert not [p for p in zx_repo.check() if p.code in ("ZX305", "ZX306")]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _word_file(tmp_path: Path, body: str, styles: str = "") -> Path:
    """A Word file whose body (and extra paragraph styles) are written as XML: python-docx's own
    API needs minutes to build the large fixtures below."""
    path = _save(docx.Document(), tmp_path / "built.docx")
    _rewrite(
        path,
        "word/document.xml",
        lambda xml: xml[: xml.index(b"<w:body>") + 8] + body.encode() + b"</w:body></w:document>",
    )
    _rewrite(path, "word/styles.xml", lambda xml: xml.replace(b"</w:styles>", styles.encode() + b"</w:styles>"))
    return path


def _cell(text: str, merge: str = "") -> str:
    props = f"<w:tcPr><w:vMerge{merge}/></w:tcPr>" if merge is not None else ""
    return f"<w:tc>{props}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>" if text else f"<w:tc>{props}<w:p/></w:tc>"


def test_a_table_of_vertically_merged_columns_reads_as_python_docx_does(tmp_path):
    size = 200  # python-docx's cell API needs minutes for 60 × 60 (it walks up the column for each cell)
    grid = "<w:tblGrid>" + "<w:gridCol/>" * size + "</w:tblGrid>"
    first = "<w:tr>" + "".join(_cell(f"列{c}", ' w:val="restart"') for c in range(size)) + "</w:tr>"
    rest = ("<w:tr>" + _cell("", "") * size + "</w:tr>") * (size - 1)
    blocks = read_original(_word_file(tmp_path, f"<w:tbl>{grid}{first}{rest}</w:tbl>")).blocks
    assert len(blocks) == 1 and len(blocks[0].rows) == size
    assert all(row == [f"列{c}" for c in range(size)] for row in blocks[0].rows)


_MERGES = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 4), st.integers(0, 4)), max_size=4)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.integers(1, 5), st.integers(1, 5), _MERGES)
def test_merged_cells_read_as_python_docx_does(tmp_path, rows, columns, merges):
    document = docx.Document()
    table = document.add_table(rows=rows, cols=columns)
    for r in range(rows):
        for c in range(columns):
            table.cell(r, c).text = f"{r}-{c}"
    for r1, c1, r2, c2 in merges:
        before = copy.deepcopy(table._tbl)
        try:
            table.cell(min(r1, rows - 1), min(c1, columns - 1)).merge(
                table.cell(min(r2, rows - 1), min(c2, columns - 1))
            )
        except Exception:  # python-docx refuses some overlapping merges, some after changing the table: undone
            table._tbl.getparent().replace(table._tbl, before)
            table = document.tables[0]
    path = _save(document, tmp_path / "random.docx")
    assert [b.rows for b in read_original(path).blocks if b.is_table] == _python_docx_rows(path)


def test_many_styles_are_looked_up_once(tmp_path):
    count = 4000  # python-docx searches every style for each paragraph's: 16 million comparisons
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="样式{i}"/></w:style>' for i in range(count)
    )
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="S{i}"/></w:pPr><w:r><w:t>第{i}段</w:t></w:r></w:p>' for i in range(count)
    )
    body += '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>'
    body += '<w:p><w:pPr><w:pStyle w:val="Missing"/></w:pPr><w:r><w:t>无此样式</w:t></w:r></w:p>'
    body += "<w:p><w:r><w:t>无样式</w:t></w:r></w:p>"
    blocks = read_original(_word_file(tmp_path, body, styles)).blocks
    assert [b.style for b in blocks[:count]] == [f"样式{i}" for i in range(count)]
    assert [(b.text, b.style) for b in blocks[count:]] == [
        ("标题", "Title"),
        ("无此样式", "Normal"),
        ("无样式", "Normal"),
    ]


def test_more_styles_than_the_limit_are_refused(tmp_path, monkeypatch):
    document = docx.Document()
    for index in range(30):
        document.styles.add_style(f"样式{index}", WD_STYLE_TYPE.PARAGRAPH)
    path = _save(document, tmp_path / "styles.docx")
    monkeypatch.setattr(reader, "MAX_STYLES", 20)
    with pytest.raises(ImportFailed, match="种样式，超过导入上限 20 种"):
        read_original(path)


def test_more_cells_than_the_limit_stop_the_reading(tmp_path, monkeypatch):
    document = docx.Document()
    table = document.add_table(rows=30, cols=10)
    table.cell(0, 0).text = "x"
    path = _save(document, tmp_path / "cells.docx")
    monkeypatch.setattr(reader, "MAX_CELLS", 100)
    with pytest.raises(ImportFailed, match="表格超过 100 个单元格"):
        read_original(path)


def test_a_huge_grid_span_is_cut_at_the_table_grid(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并"
    path = _save(document, tmp_path / "span.docx")
    _rewrite(
        path, "word/document.xml", lambda xml: xml.replace(b'w:gridSpan w:val="2"', b'w:gridSpan w:val="999999999"')
    )
    assert read_original(path).blocks[0].rows == [["合并", "合并"]]
    _rewrite(path, "word/document.xml", lambda xml: xml.replace(b'w:val="999999999"', b'w:val="x"'))
    with pytest.raises(ImportFailed, match="无法按 Word 文档读取"):
        read_original(path)


def _rewrite(path: Path, name: str, change) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def test_more_blocks_than_the_limit_stop_the_reading(tmp_path, monkeypatch):
    document = docx.Document()
    for index in range(50):
        document.add_paragraph(f"段落{index}")
    path = _save(document, tmp_path / "blocks.docx")
    text = tmp_path / "blocks.txt"
    text.write_text("\n".join(f"段落{i}" for i in range(50)), encoding="utf-8")
    monkeypatch.setattr(reader, "MAX_BLOCKS", 20)
    for original in (path, text):
        with pytest.raises(ImportFailed, match="超过导入上限 20 段"):
            read_original(original)


def test_declared_sizes_are_checked_before_parsing(tmp_path, monkeypatch):
    document = docx.Document()
    document.add_paragraph("正文" * 5000)
    path = _save(document, tmp_path / "big.docx")
    monkeypatch.setattr(reader, "MAX_DOCX_XML", 10_000)
    with pytest.raises(ImportFailed, match="文字和格式部分解压后超过"):
        read_original(path)
    monkeypatch.setattr(reader, "MAX_DOCX_UNPACKED", 10_000)
    with pytest.raises(ImportFailed, match="解压后超过"):
        read_original(path)
    monkeypatch.setattr(reader, "MAX_DOCX_BYTES", 1_000)
    with pytest.raises(ImportFailed, match="超过导入上限"):
        read_original(path)


def test_a_word_file_with_lists_titles_and_tables_reads_as_word_shows_it(tmp_path):
    document = docx.Document()
    document.add_paragraph("洛阳市政协2019年度协商计划", style="Title")
    document.add_paragraph("第一项", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "议题", "时间"
    blocks = read_original(_save(document, tmp_path / "plain.docx")).blocks
    assert [(b.text, b.style, b.listed) for b in blocks[:2]] == [
        ("洛阳市政协2019年度协商计划", "Title", False),
        ("1.第一项", "List Number", True),  # the number Word draws (the style's numbering) is kept
    ]
    assert blocks[2].rows == [["议题", ""], ["", "时间"]]


def _residue_as_before(text: str) -> list:
    """The old definition (each blank compared with every residue match): the reference."""
    from zhengxie.tools.importer.lines import BLANK, RESIDUE

    found = [(m.start(), m.end(), m.group(0)) for m in RESIDUE.finditer(text)]
    found += [
        (m.start(), m.end(), m.group(0))
        for m in BLANK.finditer(text)
        if not any(s <= m.start() < e for s, e, _ in found)
    ]
    return sorted(found)


@settings(max_examples=300)
@given(st.text(alphabet="□中_＿20xX×届次第十，。 a", max_size=200))
def test_residue_finds_what_it_found_before(text):
    from zhengxie.tools.importer.lines import residue

    assert residue(text) == _residue_as_before(text)


def test_a_line_full_of_placeholders_is_one_sweep():
    from zhengxie.tools.importer.lines import residue

    found = residue("□中_" * 6666)  # 6 666 × 6 666 comparisons before
    assert len(found) == 13_332


def test_deep_controls_cyclic_styles_and_odd_numbering_read_without_a_traceback(tmp_path):
    """Content controls nested past the reader's depth, a basedOn cycle, numbering that points
    nowhere or starts beyond any count: read in bounded work, with a message at worst."""
    deep = "<w:sdt><w:sdtContent>" * 60 + "<w:p><w:r><w:t>深处</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * 60
    body = (
        '<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr><w:r><w:t>循环样式</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="99"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>无定义编号</w:t></w:r></w:p>'
        + deep
        + "<w:p><w:r><w:t>之后</w:t></w:r></w:p>"
    )
    styles = (
        '<w:style w:type="paragraph" w:styleId="A"><w:name w:val="甲"/><w:basedOn w:val="B"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="乙"/><w:basedOn w:val="A"/></w:style>'
    )
    original = read_original(_word_file(tmp_path, body, styles))
    assert [b.text for b in original.blocks] == ["循环样式", "无定义编号", "之后"]
    assert original.word.too_deep == ["深处"]  # past the depth: not read, and said so in the report


def test_numbering_start_values_are_bounded():
    from zhengxie.tools.importer.numbering import Numbering, format_number

    numbering = Numbering.read(None)
    assert numbering.draw("1", 0) is None
    assert format_number(12, "chineseCounting") == "十二"
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(2, "chineseLegalSimplified") == "贰"


def test_long_lines_through_the_layout_figures_and_recognition(zx_repo, tmp_path):
    """Lines at the reader's length limit, made of what the 公文, figure and body patterns look for:
    each pattern is anchored or bounded, so the import ends (and says what it could not tell)."""
    n = blocks.MAX_LINE
    lines = [
        "云溪市政协2024年度工作总结",
        ("各单位、" * n)[:n] + "：",
        ("政协" * n)[:n],
        ("签发人" * n)[:n],
        ("立案率" + "9" * 20) * (n // 23),
        ("收到提案一二三四五六七八九十" * n)[:n],
        ("安排" + "十" * 30) * (n // 32),
        ("抄送：" * n)[:n],
        ("— 1 —" * n)[:n],
    ]
    source = tmp_path / "long.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    part = import_file(zx_repo.root, source, body="yunxi-city").parts[0]
    assert part.found.kind == "summary" and not part.error
