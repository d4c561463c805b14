"""Chinese names for ids: one table per vocabulary, from the registry (data/*.yml).

A clerk may write an entry's registered name (`name`), its declared other names (a body's `short`,
any entry's `aliases`) or its id wherever the id is accepted; the loader turns every such value into
the id, so that everything downstream reads ids only. A name two entries share (or that is another
entry's id) resolves to neither: it is the registry's problem (reported at the name), never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Spelling:
    """One way an entry may be written: its text and where the registry declares it."""

    text: str
    path: KeyPath = ()  # keys into the data file, for the line of a clash


@dataclass(frozen=True, slots=True)
class Clash:
    """A name that stands for several entries: it resolves to none of them."""

    text: str
    ids: tuple[str, ...]  # in the registry's order
    path: KeyPath  # where the second of them declares it


@dataclass
class Names:
    """name, alias or id → id for one vocabulary."""

    ids: tuple[str, ...] = ()
    names: dict[str, str] = field(default_factory=dict)  # every spelling that resolves, id included
    shown: dict[str, str] = field(default_factory=dict)  # id -> its registered name (the first spelling)
    clashes: dict[str, Clash] = field(default_factory=dict)
    # The registry file could not be read (its own problem says why): every value would look unknown,
    # so no value is reported as unknown until it reads again.
    unread: bool = False

    @classmethod
    def of(cls, entries: Iterable[tuple[str, Iterable[Spelling]]]) -> Names:
        """The table of (id, spellings) in the registry's order. An id always stands for itself."""
        listed = [(id_, [s for s in spellings if s.text.strip()]) for id_, spellings in entries]
        table = cls(ids=tuple(dict.fromkeys(id_ for id_, _ in listed)))
        owners: dict[str, list[str]] = {id_: [id_] for id_ in table.ids}
        for id_, spellings in listed:
            if spellings and id_ not in table.shown:
                table.shown[id_] = spellings[0].text.strip()
            for spelling in spellings:
                text = spelling.text.strip()
                holders = owners.setdefault(text, [])
                if id_ in holders:
                    continue
                holders.append(id_)
                if len(holders) > 1:  # reported where it is declared the second time
                    path = table.clashes[text].path if text in table.clashes else spelling.path
                    table.clashes[text] = Clash(text, tuple(holders), path)
        table.names = {text: holders[0] for text, holders in owners.items() if len(holders) == 1}
        table.names.update({id_: id_ for id_ in table.ids})  # an id always stands for itself
        return table

    def resolve(self, value: str) -> str:
        """The id `value` names, or `value` itself when it names no entry (or several)."""
        return self.names.get(value.strip(), value)

    def unknown(self, value: object) -> bool:
        """A value to report as unknown: no entry's id, name or alias; not a name several entries
        share (ZX220, reported at the registry); and the registry was read."""
        return (
            not self.unread and isinstance(value, str) and value.strip() not in self.names and not self.ambiguous(value)
        )

    def ambiguous(self, value: object) -> bool:
        """A name several entries share: the registry's problem, reported where it is declared."""
        return isinstance(value, str) and value.strip() in self.clashes and value.strip() not in self.names

    def spellings(self) -> list[str]:
        """Every name and alias (ids left out), in the registry's order."""
        return [text for text, id_ in self.names.items() if text != id_]

    def name_of(self, id_: str) -> str:
        return self.shown.get(id_, id_)
