"""The Chinese report of an import: per document, what was recognised and what needs a person."""

from __future__ import annotations

from collections.abc import Sequence

from zhengxie.registry.problems import Problem
from zhengxie.text.outline import int_to_chinese
from zhengxie.tools.importer import Imported, Part

COUNTS = (
    ("headings", "标题"),
    ("articles", "条文"),
    ("items", "协商项目"),
    ("tables", "项目表格"),
    ("figures", "数字"),
    ("run_in", "带编号的段落（非标题）"),
    ("joined", "断行已接上"),
    ("residue", "占位符"),
)


def format_report(imported: Imported, problems: Sequence[Problem] = ()) -> str:
    """`problems`: the check's findings on the whole repository after the import; those on a draft
    that its todos do not already name (a missing section, a numbering gap the original has) are
    listed with the draft, so the report names every gap the check will."""
    out = [f"导入 {imported.source}（{imported.encoding}）：{len(imported.parts)} 份文档"]
    out += _word_lines(imported)
    if imported.preface:
        out.append(f"  第一篇之前的 {imported.preface} 段是合集的开头语，不属于任何文档，没有导入。")
    for part in imported.parts:
        name = f"篇{int_to_chinese(part.number)}" if part.number else "文档"
        out.append("")
        if part.error:
            out.append(f"{name}：没有写出草稿——{part.error}")
            continue
        out.append(f"{name} → {part.doc_id}" + ("（UPDATE=1：改写已有草稿）" if part.updating else ""))
        if part.updating:
            out += [f"  {change}" for change in part.changes]
        else:
            for path in part.paths:
                out.append(f"  已写出 {path}")
        counts = "，".join(f"{label} {part.found.counts[key]}" for key, label in COUNTS if part.found.counts[key])
        out.append(_accounted(part))
        out.append(f"  识别出：{counts or '无编号结构'}")
        for what, value in part.found.seen:
            out.append(f"    {what}：{value}")
        for number, item in enumerate(part.found.items, 1):
            form = item.form or "形式待核"
            out.append(f"    项目 p{number:02d} {item.title}（{form}）　← {item.where}")
        for figure in part.found.figures:
            label = f"{figure.label}（{figure.unit}）" if figure.label else figure.path
            where = f"{figure.where}（{figure.section}）" if figure.section else figure.where
            out.append(f"    数字 {label} = {figure.value}　← {where}：{figure.sentence[:60]}")
        if part.found.left_out:
            out.append(f"  有意没有导入的内容 {len(part.found.left_out)} 处（公文格式中没有对应字段的部分）：")
            out += [f"    - “{text[:60]}”——{why}" for text, why in part.found.left_out]
        marks = sum(block.count("【待核") for block in part.found.blocks)
        if marks:
            out.append(f"  草稿正文中有 {marks} 处【待核：…】标记：对照原件处理后删去标记")
        todos = part.found.todos
        if todos:
            out.append(f"  需要人工处理 {len(todos)} 处：")
            for todo in todos:
                code = f"[{todo.code}] " if todo.code else ""
                out.append(f"    - {code}{todo.what}")
        else:
            out.append("  没有需要人工处理的地方。")
        named = {todo.code for todo in todos}
        more = [p for p in problems if p.file in part.paths and p.code not in named]
        if more:
            out.append(
                f"  检查还报告 {len(more)} 处（原件的结构与登记的章节结构不同时，照原件保留并用 waive 说明，见编辑指南）："
            )
            for problem in more:
                out.append(f"    - [{problem.code}] {problem.file}:{problem.line or ''} {problem.message}")
    out.append("")
    out.append(
        "下一步：对照原件逐条处理上面的事项（草稿中的【待核：…】标记、以“# 字段:”开头的注释行），"
        "原件没有写明的写 原文未载，不要推断；然后运行 make check，直到检查通过。"
    )
    return "\n".join(out)


def _accounted(part: Part) -> str:
    """Every paragraph of the original accounted for: in a field, set aside with its reason, or in
    the draft's text or data file."""
    source = part.found.counts.get("source", 0)
    accounted = part.found.accounted
    fields, left = accounted.get("fields", set()), accounted.get("left", set())
    fields = fields - left
    rest = max(0, source - len(fields | left))
    return (
        f"  原件 {source} 段（一个表格算一段）：{len(fields)} 段写进文首字段，{len(left)} 段有意没有导入（见下），"
        f"其余 {rest} 段在草稿正文或数据文件中"
    )


def _word_lines(imported: Imported) -> list[str]:
    """What the Word reader did to the original's text: resolved, kept, deliberately left out."""
    word = imported.word
    if word is None:
        return []
    done = [
        f"读出 {word.paragraphs} 段",
        f"自动编号 {word.numbered} 段已按 Word 显示的编号写进正文" if word.numbered else "",
        f"脚注/尾注 {word.notes} 条（正文中标为〔注N〕，注文放在文末）" if word.notes else "",
        f"文本框 {word.boxes} 个的文字已作为正文段落保留" if word.boxes else "",
        f"内容控件 {word.controls} 个的文字已保留" if word.controls else "",
    ]
    out = ["  Word 原件：" + "；".join(d for d in done if d)]
    if word.inserted or word.deleted:
        out.append(
            f"  原件有修订痕迹，按接受全部修订后的文字导入：保留插入 {word.inserted} 处，去掉删除 {len(word.deleted)} 处"
            "——请对照原件确认修订都已定稿"
        )
    left = [("修订中删去的文字", text) for text in word.deleted] + [
        ("批注（不是正文）", text) for text in word.comments
    ]
    left += [("嵌套超过导入上限的内容，请复制到正文中再导入", text) for text in word.too_deep]
    if left:
        out.append(f"  有意没有导入的内容 {len(left)} 处：")
        out += [f"    - {what}：“{text}”" for what, text in left]
    return out
