"""Figures checked like an auditor, published like an archivist.

Each summary's figures (data/summaries/<id>.yml) are read against data/measures.yml: totals against
their breakdowns and declared parts, rates against their numerator and denominator, a measure
stated twice against itself, a part against the whole it may not exceed, and what a summary says
about its plan against the plan and the follow-through reports. Values are compared as the
intervals their wording allows (20余, 99%以上, 约300; a rate within its printed precision).

An inconsistency is the original's, so the value stays as printed: unacknowledged it is a problem
that names the computed value; acknowledged (`sic:` plus a reason) it is kept in
corpus.acknowledged with the note the page shows beside the figure. A `sic` on a value that is in
fact consistent is itself a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from zhengxie.checks import wording
from zhengxie.model.corpus import Breakdown, Corpus, Document, Figure, KeyPath, Measure, Part, SummaryData
from zhengxie.text.values import NOT_STATED, Amount, parse_count

WITHIN, BESIDE = "within-filed", "beside-filed"  # data/bodies.yml merged_proposals


@dataclass(frozen=True, slots=True)
class Acknowledged:
    """An inconsistency of the original, kept as printed (原文如此)."""

    doc: Document
    path: KeyPath  # key path of the figure or breakdown part in the data file
    label: str
    value: str  # as printed
    code: str
    note: str  # the project's note beside the figure
    reason: str  # the editor's

    def to_dict(self) -> dict[str, object]:
        return {
            "document": self.doc.id,
            "path": list(self.path),
            "label": self.label,
            "value": self.value,
            "code": self.code,
            "note": self.note,
            "reason": self.reason,
        }


def check_measures(corpus: Corpus) -> None:
    for doc in corpus.documents.values():
        summary, data_path = doc.summary, doc.data_path  # (a summary is read from its data file)
        if summary is not None and summary.figures and data_path is not None:
            _Audit(corpus, doc, summary, data_path).run()


def fmt(value: float) -> str:
    """73.17 -> 73.2, 171.0 -> 171."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def span(low: float, high: float) -> str:
    if high == float("inf"):
        return f"{fmt(low)}以上"
    return fmt(low) if abs(high - low) < 1e-9 else f"{fmt(low)}～{fmt(high)}"


def with_unit(low: float, high: float, unit: str) -> str:
    """span() with its unit where Chinese prints it: 171件, 238件以上."""
    if high == float("inf"):
        return f"{fmt(low)}{unit}以上"
    return f"{span(low, high)}{unit}"


Bounds = tuple[float, float]  # the interval a value's wording allows (Amount.bounds)
Stated = tuple[Figure, Amount]  # a figure with a value, and that value


def _operands(measure: Measure) -> tuple[str, str] | None:
    """A difference's (minuend, subtrahend); None unless the registry names exactly two (its schema
    reports any other count)."""
    if len(measure.difference) != 2:
        return None
    minuend, subtrahend = measure.difference
    return minuend, subtrahend


class _Audit:
    def __init__(self, corpus: Corpus, doc: Document, summary: SummaryData, data_path: str):
        self.corpus, self.doc, self.summary, self.data_path = corpus, doc, summary, data_path
        self.vocab = corpus.vocab
        self.figures = summary.figures
        body = self.vocab.bodies.get(doc.body) if doc.body else None
        self.merging = body.merged_proposals if body else None
        # A registry that could not be read (its own ZX103) leaves what it declares unknown: the checks
        # that need it are not run, and no sic is called unneeded for want of them (one cause, one problem).
        self.bodies_unread = self.vocab.names_of("bodies").unread
        self.partial = self.bodies_unread or self.vocab.names_of("measures").unread
        # (measure id, plan) -> the first figure with a value, and its value
        self.stated: dict[tuple[str | None, str | None], Stated] = {}
        for f in self.figures:
            if f.measure and f.value is not None:
                self.stated.setdefault((f.measure, f.plan), (f, f.value))
        self.used: set[KeyPath] = set()  # key paths whose sic an inconsistency used
        self.unscoped: dict[KeyPath, tuple[str, list[str]]] = {}  # old-form sics used: path -> (label, computed)
        self.unit = ""  # the unit of the figure whose breakdown is being audited (its parts print none)

    # ---- reporting ---------------------------------------------------------------------------

    def flag(
        self,
        owner: Figure | Part,
        path: KeyPath,
        code: str,
        note: str,
        found: str,
        line: int | None = None,
        printed_as: str = "",
        **params: object,
    ) -> None:
        """An inconsistency at `owner` (a Figure or Part) between its printed value and `computed` (a sum,
        a rate, the other statement: `found`): acknowledged by a sic that records both, else a problem."""
        doc = self.doc
        printed = (owner.text if isinstance(owner, Figure) else "") or (owner.value.text if owner.value else "")
        raw = printed_as or (owner.value.text if owner.value else "")  # (a share: as printed, 49%)
        unit = owner.unit if isinstance(owner, Figure) else self.unit
        sic = owner.sic
        write = f"{{reason: {sic.reason if sic else '原因'}, printed: {raw}, computed: {_flow(found)}}}"
        line = line or doc.data_line(*path, "value") or doc.data_line(*path)
        if sic:
            self.used.add(path)
            if not sic.scoped:  # the old form: kept as printed, and one problem showing what to write
                self.unscoped.setdefault(path, (owner.label, []))[1].append(found)
            elif _same(sic.printed, raw, unit) and any(_same(c, found, unit) for c in sic.computed):
                pass
            else:  # something changed since the sic was written: the inconsistency is reported again
                was = f"原文所印{sic.printed}、计算为{wording.join(sic.computed)}"
                now = f"原文所印{raw}、计算为{found}"
                self.corpus.reporter.add(code, self.data_path, line, None, note=note, sic=write, **params)
                self.restale(was, now)
                return
            self.corpus.acknowledged.append(
                Acknowledged(doc, path, owner.label, printed, code, f"{note}（原文如此）", sic.reason)
            )
            return
        self.corpus.reporter.add(code, self.data_path, line, None, note=note, sic=write, **params)  # (no column)

    def restale(self, was: str, now: str) -> None:
        """The last problem reported, its hint saying which sic no longer fits."""
        problems = self.corpus.reporter.problems
        last = problems[-1]
        problems[-1] = replace(
            last,
            hint=f"{last.hint}。这里的 sic 确认的是{was}，现在是{now}：原文确实如此就照上面改写 sic，否则按原文改正数字",
        )

    # ---- the audit -----------------------------------------------------------------------------

    def run(self) -> None:
        for figure in self.figures:
            self.check_registry(figure)
        for figure in self.figures:
            value = figure.value
            if value is None:
                continue
            measure = self.vocab.measures.get(figure.measure) if figure.measure else None
            if figure.breakdown is not None:
                self.check_breakdown(figure, figure.path, value, figure.breakdown, figure.unit)
            if measure is None:
                continue
            self.check_repeated(figure, value)
            if measure.rate:
                self.check_rate(figure, value, measure)
            if measure.at_most:
                self.check_at_most(figure, value, measure.at_most)
            if measure.parts and not self.bodies_unread:  # (并案 counts as the body declares)
                self.check_parts(figure, value, measure)
            if measure.difference and not self.bodies_unread:
                self.check_difference(figure, value, measure)
            if measure.plan:
                self.check_plan(figure, value, measure)
        if not self.partial:
            self.check_unused_sic()

    def check_registry(self, figure: Figure) -> None:
        doc, report, data_path = self.doc, self.corpus.reporter.add, self.data_path
        measures, names = self.vocab.measures, self.vocab.names_of("measures")
        if figure.measure and figure.measure not in measures:
            if names.unknown(figure.measure):  # (a shared name: the registry's ZX220; measures.yml unread: ZX103)
                report(
                    "ZX420",
                    data_path,
                    doc.data_line(*figure.path, "measure"),
                    measure=figure.measure,
                    hint=wording.did_you_mean_name(figure.measure, names),
                )
            return
        measure = measures.get(figure.measure) if figure.measure else None
        if measure is not None and measure.merging and self.merging is None and not self.bodies_unread:
            report("ZX428", data_path, figure.line, body=doc.body or "")
        if isinstance(figure.of, str) and figure.of not in measures and names.unknown(figure.of):
            report(
                "ZX420",
                data_path,
                doc.data_line(*figure.path, "of"),
                measure=figure.of,
                hint=wording.did_you_mean_name(figure.of, names),
            )
        if figure.of is NOT_STATED:
            report("ZX424", data_path, doc.data_line(*figure.path, "of"), label=figure.label)
        if not figure.rate and figure.unit and not names.unread:  # (units are data/measures.yml's too)
            allowed = measure.units if measure is not None and measure.units else self.vocab.units
            if figure.unit not in allowed:
                report(
                    "ZX421",
                    data_path,
                    doc.data_line(*figure.path, "unit") or figure.line,
                    unit=figure.unit,
                    label=figure.label,
                    allowed=wording.join(allowed),
                )
        breakdown = figure.breakdown
        while breakdown is not None and not self.vocab.names_of("breakdowns").unread:  # every level: registered
            if breakdown.by not in self.vocab.breakdowns:
                report(
                    "ZX423",
                    data_path,
                    figure.line,
                    by=breakdown.by,
                    allowed=wording.join(f"{v}（{k}）" for k, v in self.vocab.breakdowns.items()),
                )
                break
            breakdown = next((p.breakdown for p in breakdown.parts if p.breakdown), None)
        if measure is not None and measure.plan and not figure.plan:
            report("ZX511", data_path, figure.line, label=figure.label, plan="（未写 plan）")

    def bounds(self, measure_id: str | None, plan: str | None = None) -> tuple[Bounds | None, Figure | None]:
        """The interval a measure's value may be in this document: stated, or derived (实际立案)."""
        stated = self.stated.get((measure_id, plan))
        if stated is not None:
            figure, value = stated
            return value.bounds, figure
        measure = self.vocab.measures.get(measure_id) if measure_id else None
        operands = _operands(measure) if measure is not None and measure.difference else None
        if operands is not None and self.merging == WITHIN:
            a, b = (self.stated.get((m, plan)) for m in operands)
            if a is not None and b is not None:
                (alo, ahi), (blo, bhi) = a[1].bounds, b[1].bounds
                return (alo - bhi, ahi - blo), None
        return None, None

    def name(self, measure_id: str) -> str:
        stated = self.stated.get((measure_id, None))
        measure = self.vocab.measures.get(measure_id)
        return stated[0].label if stated else measure.name if measure else measure_id

    def check_breakdown(
        self, owner: Figure | Part, path: KeyPath, total: Amount, breakdown: Breakdown, unit: str
    ) -> None:
        parts = [(p, p.value) for p in breakdown.parts if p.value is not None]
        for part, value in parts:
            if part.breakdown is not None:
                self.check_breakdown(part, part.path, value, part.breakdown, unit)
        self.check_shares(owner, total, breakdown, unit)
        if not parts:
            return
        low = sum(value.bounds[0] for _, value in parts)
        high = sum(value.bounds[1] for _, value in parts)
        by = self.vocab.breakdowns.get(breakdown.by, breakdown.by)
        if len(parts) != len(breakdown.parts):  # some parts without a number: the others only not exceed it
            if low <= total.bounds[1] + 1e-9:
                return
            note = f"按{by}已写明数字的分项合计{span(low, high)}{unit}，已多于{owner.label}{total.text}{unit}"
            high = float("inf")
        elif total.overlaps(low, high):
            return
        else:
            note = f"按{by}分项合计{span(low, high)}{unit}，与{owner.label}{total.text}{unit}不符"
        self.unit = unit
        self.flag(
            owner,
            path,
            "ZX422",
            note,
            span(low, high),
            sum=span(low, high),
            total=total.text,
            label=owner.label,
            by=by,
            unit=unit,
        )

    def check_shares(self, owner: Figure | Part, total: Amount, breakdown: Breakdown, unit: str) -> None:
        """占X%: each share against its part over the total, to the share's printed precision; no share,
        and no set of shares, over 100 % (whatever the base). Shares the original rounded so that they
        add up to 100 are recognised: one unit of their last digit off, noted beside the part."""
        shared = [p for p in breakdown.parts if p.share is not None]
        if not shared:
            return
        self.unit = unit
        over = False  # one cause, one problem: a share over 100 % is not also a sum over 100 %
        for part in shared:
            share = part.share
            if share is not None and share.bounds[0] > 100 + 1e-9:
                note = f"{part.label}占{share.text}，超过100%"
                self.flag(part, part.path, "ZX433", note, "100%以内", self.share_line(part), share.text)
                over = True
        shares = [p.share for p in shared if p.share is not None]
        if breakdown.share_of is not NOT_STATED and total.exact and total.value > 0 and not over:
            over = self.check_each_share(owner, total, shared, len(breakdown.parts), unit)
        floor = sum(s.interval(rounded=True)[0] for s in shares)
        if floor > 100 + 1e-9 and not over:
            listed = "＋".join(s.text for s in shares)
            by = self.vocab.breakdowns.get(breakdown.by, breakdown.by)
            note = f"按{by}各分项占比合计{fmt(floor)}%以上（{listed}），超过100%"
            self.flag(owner, owner.path, "ZX433", note, "100%以内")

    def check_each_share(self, owner: Figure | Part, total: Amount, shared: list[Part], count: int, unit: str) -> bool:
        """Each share against its part over the total; True when one was reported."""
        shares = [p.share for p in shared if p.share is not None]
        to_100 = len(shared) == count and abs(sum(s.value for s in shares) - 100) < 1e-9
        reported = False
        for part in shared:
            share, value = part.share, part.value
            if share is None or value is None:
                continue
            low, high = value.bounds[0] / total.value * 100, value.bounds[1] / total.value * 100
            stated = share.interval(rounded=True) if share.exact else share.bounds
            if stated[0] - 1e-9 <= high and low <= stated[1] + 1e-9:
                continue
            computed = _digits(low, share.decimals + 1) if abs(high - low) < 1e-9 else span(low, high)
            step = 10**-share.decimals
            if to_100 and share.exact and min(abs(share.value - low), abs(share.value - high)) <= step + 1e-9:
                note = f"按{value.text}÷{total.text}计算为{computed}%，原文各项占比调整为合计100%"
                self.corpus.acknowledged.append(
                    Acknowledged(self.doc, part.path, part.label, share.text, "ZX432", note, "")
                )
                continue
            note = (
                f"{part.label}占{share.text}，按{part.label}{value.text}{unit}除以"
                f"{owner.label}{total.text}{unit}计算为{computed}%"
            )
            self.flag(part, part.path, "ZX432", note, f"{computed}%", self.share_line(part), share.text)
            reported = True
        return reported

    def share_line(self, part: Part) -> int | None:
        return self.doc.data_line(*part.path, "share") or self.doc.data_line(*part.path)

    def check_repeated(self, figure: Figure, value: Amount) -> None:
        stated = self.stated.get((figure.measure, figure.plan))
        if stated is None or stated[0] is figure:
            return
        first, first_value = stated
        low, high = first_value.bounds
        if not value.overlaps(low, high):
            note = f"{figure.label}另处为{first.text}，此处为{figure.text}"
            self.flag(
                figure,
                figure.path,
                "ZX425",
                note,
                first.text,
                label=figure.label,
                first=first.text,
                first_line=first.line,
                value=figure.text,
            )

    def check_rate(self, figure: Figure, value: Amount, measure: Measure) -> None:
        if figure.of is NOT_STATED:
            return  # ZX424: the original does not say over what
        numerator, denominator = measure.numerator, figure.of or measure.denominator
        if numerator is None or denominator is None:
            return  # a rate the registry gives no parts (nothing to compute it from)
        (num, num_fig), (den, den_fig) = self.bounds(numerator), self.bounds(denominator)
        if num is None or den is None or den[0] <= 0:
            return
        low, high = num[0] / den[1] * 100, (num[1] / den[0] * 100 if den[0] > 0 else float("inf"))
        stated = value.interval(rounded=True) if value.exact else value.bounds
        if stated[0] - 1e-9 <= high and low <= stated[1] + 1e-9:
            return
        num_text = num_fig.text if num_fig else f"{span(*num)}{self.unit_of(numerator)}"
        den_text = den_fig.text if den_fig else f"{span(*den)}{self.unit_of(denominator)}"
        computed = span(low, high)
        note = (
            f"{figure.label}{figure.text}，按{self.name(numerator)}{num_text}除以"
            f"{self.name(denominator)}{den_text}计算为{computed}%"
        )
        self.flag(
            figure,
            figure.path,
            "ZX413",
            note,
            f"{computed}%",
            label=figure.label,
            stated=figure.text,
            computed=computed,
            numerator=f"{self.name(numerator)}{num_text}",
            denominator=f"{self.name(denominator)}{den_text}",
        )

    def unit_of(self, measure_id: str) -> str:
        measure = self.vocab.measures.get(measure_id)
        return measure.unit if measure else ""

    def check_at_most(self, figure: Figure, value: Amount, at_most: str) -> None:
        whole, whole_fig = self.bounds(at_most, figure.plan)
        if whole is None or value.bounds[0] <= whole[1] + 1e-9:
            return
        whole_text = whole_fig.text if whole_fig else span(*whole)
        note = f"{figure.label}{figure.text}多于{self.name(at_most)}{whole_text}"
        self.flag(
            figure,
            figure.path,
            "ZX411",
            note,
            whole_text,
            part=f"{figure.label}{figure.text}",
            whole=f"{self.name(at_most)}{whole_text}",
        )

    def check_parts(self, figure: Figure, value: Amount, measure: Measure) -> None:
        parts = []
        for part_id in measure.parts:
            part = self.vocab.measures.get(part_id)
            if part is not None and part.merging and self.merging != BESIDE:
                continue  # merged out of 立案 (already inside it), or undeclared (ZX428)
            parts.append(part_id)
        found: list[tuple[str, Bounds, Figure | None]] = []
        for part_id in parts:
            bounds, stated = self.bounds(part_id, figure.plan)
            if bounds is not None:
                found.append((part_id, bounds, stated))
        if not found:
            return
        low, high = sum(b[0] for _, b, _ in found), sum(b[1] for _, b, _ in found)
        formula = " + ".join(f"{self.name(p)}{f.text if f else span(*b)}" for p, b, f in found)
        if len(found) < len(parts):  # some parts not stated: those stated can only not exceed the whole
            if low <= value.bounds[1] + 1e-9:
                return
            missing = wording.join(self.name(p) for p in parts if p not in {f[0] for f in found})
            note = (
                f"{formula} = {span(low, high)}{figure.unit}，已多于{figure.label}{figure.text}"
                f"（{missing}原文未载，不计）"
            )
            high = float("inf")  # what the whole would have to be: at least the stated parts
        elif value.overlaps(low, high):
            return
        else:
            note = f"{formula} = {span(low, high)}{figure.unit}，与{figure.label}{figure.text}不符"
        self.flag_formula(figure, formula, note, low, high)

    def flag_formula(self, figure: Figure, formula: str, note: str, low: float, high: float) -> None:
        """ZX427: a figure against what its parts compute (a sum or a difference of stated figures)."""
        computed = with_unit(low, high, figure.unit)
        self.flag(
            figure,
            figure.path,
            "ZX427",
            note,
            computed,
            label=figure.label,
            value=figure.text,
            formula=formula,
            computed=computed,
        )

    def check_difference(self, figure: Figure, value: Amount, measure: Measure) -> None:
        operands = _operands(measure)
        if self.merging != WITHIN or operands is None:
            return
        a, b = (self.stated.get((m, figure.plan)) for m in operands)
        if a is None or b is None:
            return
        (minuend, a_value), (subtrahend, b_value) = a, b
        low, high = a_value.bounds[0] - b_value.bounds[1], a_value.bounds[1] - b_value.bounds[0]
        if value.overlaps(low, high):
            return
        formula = f"{minuend.label}{minuend.text} − {subtrahend.label}{subtrahend.text}"
        note = f"{formula} = {span(low, high)}{figure.unit}，与{figure.label}{figure.text}不符"
        self.flag_formula(figure, formula, note, low, high)

    def check_plan(self, figure: Figure, value: Amount, measure: Measure) -> None:
        if not figure.plan:
            return
        self.corpus.note_dependency(self.data_path, f"id:{figure.plan}")
        plan = self.corpus.documents.get(figure.plan)
        plan_kind = self.vocab.kinds.get(plan.kind) if plan is not None else None
        if plan is None or plan_kind is None or plan_kind.data != "plan-items":
            self.corpus.reporter.add(
                "ZX511", self.data_path, self.doc.data_line(*figure.path, "plan"), label=figure.label, plan=figure.plan
            )
            return
        if measure.plan == "stated":
            data = plan.data_yaml.data if plan.data_yaml is not None else None
            count = parse_count(data.get("stated_count")) if isinstance(data, dict) else None
            if count is not None:
                other = Amount(count.value, count.text, count.exact, count.qualifier)
                where = f"计划写明{count.text}" + ("" if count.text.endswith("项") else "项")
            else:
                other = Amount(len(plan.items), str(len(plan.items)), True)
                where = f"计划列出{len(plan.items)}项"
            if not value.overlaps(*other.bounds):
                note = f"{figure.label}{figure.text}，{where}"
                self.flag(
                    figure,
                    figure.path,
                    "ZX509",
                    note,
                    other.text,
                    label=figure.label,
                    value=figure.text,
                    where=where,
                    plan=plan.id,
                )
        else:
            refs = {item.ref for item in plan.items}
            reports = [r for r in self.summary.reports if r.item in refs]
            if not reports:
                return  # the summary reports no follow-through for this plan: nothing to compare
            statuses = self.corpus.vocab.statuses
            held = sum(1 for r in reports if r.status in statuses and statuses[r.status].held)
            if not value.admits(held):
                note = f"{figure.label}{figure.text}，落实情况报告中已开展{held}项"
                self.flag(
                    figure,
                    figure.path,
                    "ZX510",
                    note,
                    str(held),
                    label=figure.label,
                    value=figure.text,
                    held=held,
                    plan=plan.id,
                )

    def check_unused_sic(self) -> None:
        doc = self.doc
        for figure in self.figures:
            owners: list[tuple[Figure | Part, KeyPath]] = [(figure, figure.path)]
            stack = [figure.breakdown] if figure.breakdown else []
            while stack:
                breakdown = stack.pop()
                for part in breakdown.parts:
                    owners.append((part, part.path))
                    if part.breakdown:
                        stack.append(part.breakdown)
            for owner, path in owners:
                if owner.sic and path not in self.used:
                    self.corpus.reporter.add("ZX426", self.data_path, doc.data_line(*path, "sic"), label=owner.label)
        for path, (label, computed) in self.unscoped.items():
            owner_value = self.value_at(path)
            write = f"{{reason: {self.reason_at(path)}, printed: {owner_value}, computed: {_flow(*computed)}}}"
            self.corpus.reporter.add("ZX431", self.data_path, doc.data_line(*path, "sic"), label=label, sic=write)

    def value_at(self, path: KeyPath) -> str:
        owner = self.owner_at(path)
        return owner.value.text if owner is not None and owner.value else ""

    def reason_at(self, path: KeyPath) -> str:
        owner = self.owner_at(path)
        return owner.sic.reason if owner is not None and owner.sic else "原因"

    def owner_at(self, path: KeyPath) -> Figure | Part | None:
        for figure in self.figures:
            stack: list[Figure | Part] = [figure]
            while stack:
                owner = stack.pop()
                if owner.path == path:
                    return owner
                if owner.breakdown:
                    stack.extend(owner.breakdown.parts)
        return None


def _digits(value: float, decimals: int) -> str:
    """To one digit more than a share prints, without trailing zeros: 49, 33.3, 46.67."""
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _flow(*values: str) -> str:
    """One computed value, or a flow list of several (each once), as a sic writes it."""
    unique = list(dict.fromkeys(values))
    return unique[0] if len(unique) == 1 else "[" + ", ".join(unique) + "]"


def _same(written: str, value: str, unit: str) -> bool:
    """The value a sic records is the one found: compared without spaces, % and the unit."""

    def bare(text: str) -> str:
        text = text.replace(" ", "").replace("%", "")
        return text.replace(unit, "") if unit else text

    return bare(written) == bare(value)
