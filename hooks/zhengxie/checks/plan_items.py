"""Plan items (data/plans/<id>.yml): unique ids; a form or stages (not both); what each form requires
(data/forms.yml `requires`: a time, roles) is written or marked 原文未载; roles are declared in
data/roles.yml; a body's own form is used only by that body; an exact stated count equals the items
(an approximate one, 20余项, is a lower bound); a time in an accepted form is a real one (not 5月至3月
or 2018-02-30); and `{{ plan_items() }}` has items to show. Value forms are the schema's business,
form ids the `references` check's."""

from __future__ import annotations

import functools
import re

from zhengxie.checks import wording
from zhengxie.checks.pages import line_col
from zhengxie.model.corpus import Corpus, Document, KeyPath
from zhengxie.sources.loader import DATA
from zhengxie.text.values import TIME_PATTERN, Count, parse_count, parse_when

TIME = "time"  # in a form's `requires`, beside role ids
AT_LEAST = ("余", "多", "以上")

MACRO = re.compile(r"\{\{\s*plan_items\(\)\s*\}\}")
TIME_FORM = re.compile(TIME_PATTERN)
IMPOSSIBLE_TIME = (
    "月份范围要从早到晚（3月至5月），日期要是日历上有的日子，日期范围要在同一年内、从早到晚（2018-03-05至2018-03-07）"
)


def check_plan_items(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        kind = corpus.vocab.kinds.get(doc.kind)
        if kind is None or kind.data != "plan-items":
            continue
        check_macro_data(corpus, doc, MACRO, "{{ plan_items() }}", "items", has_data=doc.data_path is not None)
        data = doc.data_yaml.data if doc.data_yaml is not None else None
        data_path = doc.data_path
        if not isinstance(data, dict) or data_path is None:  # (a data file is read only with its path)
            continue
        _check_form_counts(corpus, doc, data_path, data)
        raw_items = data.get("items")
        if not isinstance(raw_items, list):
            continue
        _check_items(corpus, doc, data_path, raw_items)
        stated = parse_count(data.get("stated_count"))
        if stated is not None and _count_disagrees(stated, len(raw_items)):
            corpus.reporter.add(
                "ZX404", data_path, doc.data_line("stated_count"), stated=stated.text, actual=len(raw_items)
            )


def _check_form_counts(corpus: Corpus, doc: Document, data_path: str, data: dict[str, object]) -> None:
    """A plan that gives its activities as counts by form (专题协商3次、对口协商5次…) without listing them
    (`form_counts`): each form registered, and the counts against the stated total — exact counts
    must add up to it, 余/以上 counts may not exceed it. An inconsistency of the original is kept with
    `form_counts_sic: {reason, printed, computed}`."""
    raw = data.get("form_counts")
    if not isinstance(raw, dict) or not raw:
        return
    report, vocab = corpus.reporter.add, corpus.vocab
    names = vocab.names_of("forms")
    counts: list[Count[int]] = []
    for form, value in raw.items():
        if isinstance(form, str) and form not in vocab.forms and names.unknown(form):
            report(
                "ZX503",
                data_path,
                doc.data_line("form_counts", form),
                id=form,
                did_you_mean=wording.did_you_mean_name(form, names),
                allowed=wording.join(f"{f.name}（{f.id}）" for f in vocab.forms.values()),
            )
        count = parse_count(value)
        if count is None:
            return  # (the schema reports a count it cannot read)
        counts.append(count)
    stated = parse_count(data.get("stated_count"))
    if stated is None or not stated.exact or names.unread:
        return
    if any(not c.exact and c.qualifier not in AT_LEAST for c in counts):
        return  # 约 / 左右: no bound to hold the total to
    low = sum(c.value for c in counts)
    exact = all(c.exact for c in counts)
    total = f"{low}" if exact else f"{low}以上"
    if low == stated.value or (not exact and low < stated.value):
        if isinstance(data.get("form_counts_sic"), dict | str):
            report("ZX426", data_path, doc.data_line("form_counts_sic"), label="各形式次数合计")
        return
    sic = data.get("form_counts_sic")
    write = f"{{reason: 原因, printed: {stated.value}, computed: {total}}}"
    line = doc.data_line("form_counts")
    if isinstance(sic, str) and sic.strip():
        report(
            "ZX431",
            data_path,
            doc.data_line("form_counts_sic"),
            label="各形式次数合计",
            sic=write.replace("原因", sic.strip()),
        )
        return
    if isinstance(sic, dict) and isinstance(sic.get("reason"), str) and sic["reason"].strip():
        printed, computed = str(sic.get("printed", "")).strip(), str(sic.get("computed", "")).strip()
        if printed == str(stated.value) and computed.removesuffix("项").removesuffix("次") == total:
            return
        write = write.replace("原因", sic["reason"].strip())
    report("ZX434", data_path, line, total=total, stated=stated.text, sic=write)


def _count_disagrees(stated: Count[int], actual: int) -> bool:
    if stated.exact:
        return stated.value != actual
    if stated.qualifier in AT_LEAST:
        return actual < stated.value
    return False  # 约 / 左右: the plan gives no bound to hold it to


def _check_items(corpus: Corpus, doc: Document, data_path: str, raw_items: list[object]) -> None:
    report = corpus.reporter.add
    first: dict[str, int] = {}
    for index, raw in enumerate(raw_items):
        if not isinstance(raw, dict):
            continue
        item_id = raw.get("id")
        label = str(item_id) if isinstance(item_id, (str, int)) and not isinstance(item_id, bool) else f"#{index + 1}"
        if isinstance(item_id, (str, int)) and not isinstance(item_id, bool):
            key = str(item_id)
            if key in first:  # (lines are looked up for a problem only)
                report(
                    "ZX401",
                    data_path,
                    doc.data_line("items", index, "id"),
                    id=key,
                    first_line=doc.data_line("items", first[key], "id"),
                )
            else:
                first[key] = index
        _check_item(corpus, doc, data_path, raw, index, label)


def _check_item(corpus: Corpus, doc: Document, data_path: str, raw: dict[str, object], index: int, label: str) -> None:
    report = corpus.reporter.add
    vocab = corpus.vocab
    has_form, has_stages = "form" in raw, "stages" in raw
    if has_form and has_stages:
        report("ZX403", data_path, doc.data_line("items", index, "stages"), id=label)
    elif not has_form and not has_stages:
        report("ZX406", data_path, doc.data_line("items", index), id=label)
    raw_roles = raw.get("roles")
    roles = raw_roles if isinstance(raw_roles, dict) else {}
    role_names = vocab.names_of("roles")
    meant: set[str] = set()  # the roles a misspelt one stands for: ZX408 says so, ZX407 would repeat it
    for role in roles:
        if role not in vocab.roles and role_names.unknown(role):  # (a shared name: ZX220; roles unread: ZX103)
            near = wording.closest_name(str(role), role_names)
            if near is not None:
                meant.add(role_names.resolve(near))
            report(
                "ZX408",
                data_path,
                doc.data_line("items", index, "roles", role),
                id=role,
                did_you_mean=wording.did_you_mean_name(str(role), role_names),
                allowed=wording.join(f"{r.name}（{r.id}）" for r in vocab.roles.values()),
            )
    raw_stages = raw.get("stages")
    stages = [s for s in raw_stages if isinstance(s, dict)] if isinstance(raw_stages, list) else []
    times: list[tuple[object, KeyPath]] = [(raw.get("time"), ("items", index, "time"))]
    times += [(s.get("time"), ("items", index, "stages", i, "time")) for i, s in enumerate(stages)]
    for value, path in times:
        if _impossible_time(value):
            report(
                "ZX206",
                data_path,
                doc.data_line(*path),
                field="time",
                at=wording.at(path),
                value=value,
                help=IMPOSSIBLE_TIME,
            )
    # (the value, where it is, the mapping that holds it: the item or a stage)
    forms: list[tuple[object, KeyPath, dict[str, object]]] = (
        [(raw.get("form"), ("items", index, "form"), raw)]
        if has_form
        else [(s.get("form"), ("items", index, "stages", i, "form"), s) for i, s in enumerate(stages)]
    )
    for form_id, path, owner in forms:
        form = vocab.forms.get(form_id) if isinstance(form_id, str) else None
        if form is None:
            continue  # missing or unknown: the schema and `references` report it
        if form.body is not None and form.body != doc.body:
            owner_body = vocab.bodies.get(form.body)
            body = vocab.bodies.get(doc.body) if doc.body else None
            report(
                "ZX409",
                data_path,
                doc.data_line(*path),
                form=form.name,
                owner=owner_body.short if owner_body else form.body,
                body=body.short if body else doc.body or "",
            )
        for need in form.requires:
            if need == TIME:
                # Each stage that needs a time says it (or the item does for all): another stage's
                # time is not this one's, and a forgotten one must not pass as stated.
                if "time" not in raw and "time" not in owner:
                    report("ZX402", data_path, doc.data_line(*path[:-1]), id=label, form=form.name)
            elif need not in roles and need not in meant:
                role = vocab.roles.get(need)
                report(
                    "ZX407",
                    data_path,
                    doc.data_line("items", index, "roles") or doc.data_line("items", index),
                    id=label,
                    form=form.name,
                    role=role.name if role else need,
                    role_id=need,
                )


def _impossible_time(value: object) -> bool:
    """Written in an accepted form (the schema passes it) yet no time: 5月至3月, 2018-02-30, a range
    across years. Without this the item would quietly show as 时间未定."""
    return isinstance(value, str) and _impossible_text(value)


@functools.lru_cache(maxsize=4096)
def _impossible_text(value: str) -> bool:  # the same few spellings (6月, 第三季度 …) in every plan
    return TIME_FORM.search(value) is not None and parse_when(value) is None


def check_macro_data(
    corpus: Corpus, doc: Document, pattern: re.Pattern[str], macro: str, field: str, has_data: bool
) -> None:
    """ZX405 when the body uses `macro` but the data it renders is missing."""
    if has_data:
        return
    match = pattern.search(doc.text)
    if match is None:
        return
    line, column = line_col(doc.text, match.start(), doc.body_line)
    folder = corpus.vocab.kinds[doc.kind].folder if doc.kind in corpus.vocab.kinds else doc.kind
    data_path = doc.data_path or f"{DATA}/{folder}/{doc.id}.yml"
    corpus.reporter.add("ZX405", doc.path, line, column, macro=macro, data_path=data_path, field=field)
