"""Word files with what python-docx cannot make by itself — automatic numbering (numbering.xml with
第%1条 / %1、 / （%2） / %3.), outline levels, tracked changes (w:ins / w:del), comments, footnotes,
text boxes (mc:AlternateContent, as Word writes them) and content controls (w:sdt) — built with
python-docx plus OOXML edits, from content written for the project.

`Builder` keeps, for every paragraph it adds, the text a reader must keep (`kept`) and the text it
must not (`dropped`: deleted runs, comments), so a test can measure what a reader loses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

# (numFmt, lvlText) per level of each list the builder declares: the way 政协 documents number
LISTS: dict[str, list[tuple[str, str]]] = {
    "article": [("chineseCounting", "第%1条")],
    "outline": [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")],
    "decimal": [("decimal", "%1.")],
}


def _frag(inner: str) -> Any:
    """Elements parsed inside a wrapper that declares every namespace; returns the wrapper."""
    from docx.oxml import parse_xml

    declarations = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
    return parse_xml(f"<w:wrap {declarations}>{inner}</w:wrap>")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'


@dataclass
class Builder:
    document: Any = None
    kept: list[str] = field(default_factory=list)  # each paragraph's text as a reader must give it
    dropped: list[str] = field(default_factory=list)  # text a reader must not keep
    _lists: dict[str, int] = field(default_factory=dict)
    _footnotes: Any = None
    _next_note: int = 1

    def __post_init__(self) -> None:
        import docx

        if self.document is None:
            self.document = docx.Document()

    @property
    def body(self) -> Any:
        return self.document.element.body

    def _append(self, element: Any) -> Any:
        self.body.insert(len(self.body) - 1, element)  # before sectPr
        return element

    # ---- plain paragraphs, styles, outline levels -------------------------------------------------
    def para(self, text: str, style: str | None = None, kept: str | None = None) -> Any:
        paragraph = self.document.add_paragraph(text, style=style)
        self.kept.append(kept if kept is not None else text)
        return paragraph

    def outline(self, text: str, level: int) -> Any:
        """A paragraph in the Normal style made a heading only by w:outlineLvl (大纲级别)."""
        paragraph = self.para(text)
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.append(_frag(f'<w:outlineLvl w:val="{level}"/>')[0])
        return paragraph

    # ---- automatic numbering ----------------------------------------------------------------------
    def _num_id(self, name: str) -> int:
        if name in self._lists:
            return self._lists[name]
        numbering = self.document.part.numbering_part.element
        abstract_id = 900 + len(self._lists)
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
            for i, (fmt, text) in enumerate(LISTS[name])
        )
        abstract = _frag(f'<w:abstractNum w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>')[0]
        first_num = numbering.find(f"{{{W}}}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num_id = 900 + len(self._lists)
        numbering.append(_frag(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')[0])
        self._lists[name] = num_id
        return num_id

    def numbered(self, text: str, name: str, level: int = 0, rendered: str = "", style: str | None = None) -> Any:
        """A paragraph numbered by Word (numPr): `rendered` is the number Word draws before it."""
        paragraph = self.document.add_paragraph(text, style=style)
        p_pr = paragraph._p.get_or_add_pPr()
        num_pr = _frag(f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{self._num_id(name)}"/></w:numPr>')[0]
        p_style = p_pr.find(f"{{{W}}}pStyle")
        if p_style is not None:
            p_style.addnext(num_pr)
        else:
            p_pr.insert(0, num_pr)
        self.kept.append(rendered + text)
        return paragraph

    # ---- revisions and comments ------------------------------------------------------------------
    def tracked(self, before: str, inserted: str, deleted: str, after: str) -> Any:
        """before + <ins>inserted</ins> + <del>deleted</del> + after: the adopted text keeps the
        insertion and drops the deletion."""
        p = _frag(
            "<w:p>"
            + _run(before)
            + f'<w:ins w:id="1" w:author="办公室" w:date="2024-03-01T00:00:00Z">{_run(inserted)}</w:ins>'
            + f'<w:del w:id="2" w:author="办公室" w:date="2024-03-01T00:00:00Z"><w:r>'
            f'<w:delText xml:space="preserve">{_esc(deleted)}</w:delText></w:r></w:del>' + _run(after) + "</w:p>"
        )[0]
        self._append(p)
        self.kept.append(before + inserted + after)
        self.dropped.append(deleted)
        return p

    def deleted_paragraph(self, text: str) -> Any:
        """A whole paragraph deleted with tracking on (its mark deleted too)."""
        p = _frag(
            '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="办公室" w:date="2024-03-01T00:00:00Z"/></w:rPr></w:pPr>'
            f'<w:del w:id="4" w:author="办公室" w:date="2024-03-01T00:00:00Z"><w:r>'
            f'<w:delText xml:space="preserve">{_esc(text)}</w:delText></w:r></w:del></w:p>'
        )[0]
        self._append(p)
        self.dropped.append(text)
        return p

    def commented(self, text: str, comment: str) -> Any:
        paragraph = self.para(text)
        self.document.add_comment(paragraph.runs, text=comment, author="审核人", initials="SH")
        self.dropped.append(comment)
        return paragraph

    # ---- footnotes, text boxes, content controls ---------------------------------------------------
    def footnoted(self, text: str, note: str) -> Any:
        paragraph = self.para(text)
        self._ensure_footnotes()
        number = self._next_note
        self._next_note += 1
        self._footnotes.element.append(
            _frag(
                f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f"{_run(' ' + note)}</w:p></w:footnote>"
            )[0]
        )
        paragraph._p.append(
            _frag(
                f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'
            )[0]
        )
        self.kept.append(note)
        return paragraph

    def _ensure_footnotes(self) -> None:
        if self._footnotes is not None:
            return
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart
        from docx.oxml import parse_xml

        element = parse_xml(
            f'<w:footnotes xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            "</w:footnote></w:footnotes>"
        )
        part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, element, self.document.part.package)
        self.document.part.relate_to(part, FOOTNOTES_RT)
        self._footnotes = part

    def text_box(self, anchor: str, inside: str) -> Any:
        """A paragraph with a floating text box, as Word writes it: the DrawingML box (mc:Choice)
        and its VML copy (mc:Fallback) hold the same text once each."""
        box = f"<w:txbxContent><w:p>{_run(inside)}</w:p></w:txbxContent>"
        p = _frag(
            "<w:p>" + _run(anchor) + '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
            'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="1828800" cy="457200"/><wp:wrapNone/><wp:docPr id="1" name="文本框 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"<wps:wsp><wps:txbx>{box}</wps:txbx><wps:bodyPr/></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            f'<mc:Fallback><w:pict><v:shape style="width:144pt;height:36pt"><v:textbox>{box}</v:textbox>'
            "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        )[0]
        self._append(p)
        self.kept += [anchor, inside]
        return p

    def control(self, text: str, inline_before: str = "") -> Any:
        """A content control (w:sdt): a block-level one holding a paragraph, or, with
        `inline_before`, a run-level one inside a paragraph."""
        if inline_before:
            p = _frag(
                "<w:p>"
                + _run(inline_before)
                + f'<w:sdt><w:sdtPr><w:alias w:val="填写"/></w:sdtPr><w:sdtContent>{_run(text)}</w:sdtContent></w:sdt>'
                + "</w:p>"
            )[0]
            self.kept.append(inline_before + text)
        else:
            p = _frag(
                '<w:sdt><w:sdtPr><w:alias w:val="正文"/></w:sdtPr>'
                f"<w:sdtContent><w:p>{_run(text)}</w:p></w:sdtContent></w:sdt>"
            )[0]
            self.kept.append(text)
        self._append(p)
        return p

    def table(self, rows: list[list[str]]) -> Any:
        table = self.document.add_table(rows=0, cols=max(len(r) for r in rows))
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=False):
                cell.text = text
        for row in rows:
            self.kept += [c for c in row if c]
        return table

    def save(self, path: Path) -> Path:
        self.document.save(str(path))
        return path


def rich_docx(path: Path) -> Builder:
    """A rule shaped as offices write them, with everything a Word reader can lose."""
    b = Builder()
    b.para("云溪市政协委员履职服务暂行规定", style="Title")
    b.para("（二〇二三年六月八日政协云溪市第十届委员会第九次主席会议通过）")
    b.para("总　则", style="Heading 1")
    b.numbered("为服务委员依章履职，结合本市实际，制定本规定。", "article", rendered="第一条")
    b.numbered("本规定适用于市政协委员。", "article", rendered="第二条")
    b.outline("履职服务", 0)
    b.tracked("办公室每年", "两次", "一次", "汇总委员履职情况。")
    b.deleted_paragraph("本条已删去的旧文字不应出现。")
    b.commented("专门委员会负责联系本界别委员。", "此处是否改为界别召集人？")
    b.footnoted("委员履职档案按年度建立。", "履职档案的格式另行制定。")
    b.text_box("档案内容包括以下几类。", "文本框中的说明：档案保存五年。")
    b.control("内容控件中的一段：委员可查阅本人档案。")
    b.control("乙方。", inline_before="填写人：")
    b.numbered("组织实施", "outline", rendered="一、")
    b.numbered("加强统筹", "outline", level=1, rendered="（一）")
    b.numbered("按季度通报。", "outline", level=2, rendered="1.")
    b.table([["事项", "责任部门"], ["履职档案", "委员工作室"]])
    b.numbered("本规定自通过之日起施行。", "article", rendered="第三条")
    b.save(path)
    return b
