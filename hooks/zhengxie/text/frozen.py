"""Pickling for the frozen dataclasses with slots that documents hold (amounts, times, periods …).

The forked loader (zhengxie.sources.forked) sends documents from a child to the parent pickled.
For a frozen class with slots, `dataclass` pickles through Python functions that look up the
fields on every object: at 10 000 documents that was a fifth of the time spent pickling. Here
an object is pickled as its class and its field values and unpickled by calling the class with
them — the object its own constructor makes, equal to the one sent.
"""

from __future__ import annotations

import dataclasses
import operator
from typing import Any, TypeVar

T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """`cls` (a dataclass whose fields are all __init__ arguments, with no __post_init__) pickled as
    (cls, field values); a subclass too, its fields looked up each time unless it is decorated too."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    if any(not f.init for f in dataclasses.fields(cls)) or hasattr(cls, "__post_init__"):  # type: ignore[arg-type]
        raise TypeError(f"{cls.__name__}: not every field is given to __init__")
    values = operator.attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def __reduce__(self: Any) -> tuple[Any, ...]:  # noqa: N807 - the pickle protocol's name
        if self.__class__ is not cls:  # a subclass: its own fields
            return (self.__class__, tuple(getattr(self, f.name) for f in dataclasses.fields(self)))
        return (cls, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls
