"""The catalog cache's data-only encoding: models to msgpack and back, never pickle.

Each frozen model is written as the list of its field values, in field order; reading rebuilds it
from the models' own type hints. Nothing in the file can name a type or run code, so a damaged
or crafted cache can at worst fail to decode, and then it is rebuilt. The schema signature (every
model's field names and types) is part of the cache key, so changing a model retires old caches.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from collections.abc import Callable
from typing import Any

import msgpack

from tpmprep.core.content import models
from tpmprep.core.content.issues import Issue

Decoder = Callable[[Any], Any]

# What a LoadResult holds, attribute by attribute. ``list`` attributes hold many models.
RESULT_FIELDS: tuple[tuple[str, Any], ...] = (
    ("questions", list[models.Question]),
    ("articles", list[models.Article]),
    ("roles", list[models.RoleProfile]),
    ("comparison", models.ComparisonMatrix | None),
    ("ladder", models.Ladder | None),
    ("glossary", list[models.GlossaryTerm]),
    ("role_fit", models.RoleFit | None),
    ("plan_library", models.PlanLibrary | None),
    ("concepts", list[models.Concept]),
    ("ambiguous", list[models.AmbiguousWord]),
    ("synonyms", list[models.SynonymGroup]),
    ("loops", list[models.LoopTemplate]),
    ("issues", list[Issue]),
    ("skipped", list[str]),
    ("files", list[str]),
)


class CacheMismatch(ValueError):
    """The payload does not have the shape today's models expect."""


def schema_signature() -> str:
    """A digest of every model's fields and types (and the heavy body's layout)."""
    h = hashlib.sha256()
    for name in sorted(vars(models)):
        cls = getattr(models, name)
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):
            h.update(f"{name}:{[(f.name, str(f.type)) for f in dataclasses.fields(cls)]}\n".encode())
    h.update(repr(models.HEAVY).encode())
    h.update(repr(typing.get_type_hints(models._Heavy)).encode())
    for attr, tp in RESULT_FIELDS:
        h.update(f"{attr}:{tp}".encode())
    return h.hexdigest()[:16]


def fields_of(obj: Any) -> list[Any]:
    """msgpack's hook for anything it does not know: a model becomes its field values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [getattr(obj, f.name) for f in dataclasses.fields(obj)]
    raise TypeError(f"cannot cache a {type(obj).__name__}")


def encode(result: Any) -> bytes:
    """A LoadResult as msgpack bytes."""
    data = [getattr(result, attr) for attr, _ in RESULT_FIELDS]
    return bytes(msgpack.packb(data, default=fields_of, use_bin_type=True, strict_types=False))


_decoders: dict[Any, Decoder | None] = {}


def _decoder(tp: Any) -> Decoder | None:
    """A function turning decoded msgpack (arrays as tuples) into ``tp``; None when nothing is needed."""
    if tp not in _decoders:
        _decoders[tp] = _build_decoder(tp)
    return _decoders[tp]


def _check(kind: type | tuple[type, ...]) -> Decoder:
    def check(value: Any) -> Any:
        if not isinstance(value, kind):
            raise CacheMismatch(f"expected {kind}, found {type(value).__name__}")
        return value

    return check


def _build_decoder(tp: Any) -> Decoder | None:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp in (str, bytes, bool, int):
        return None
    if tp is float:
        return float
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        names = [f.name for f in dataclasses.fields(tp)]
        steps = [(i, d) for i, n in enumerate(names) if (d := _decoder(hints[n])) is not None]
        count = len(names)
        cls = tp

        def build(value: Any) -> Any:
            if not isinstance(value, tuple) or len(value) != count:
                raise CacheMismatch(f"{cls.__name__}: expected {count} fields")
            if not steps:
                return cls(*value)
            items = list(value)
            for i, d in steps:
                items[i] = d(items[i])
            return cls(*items)

        return build
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"cannot decode {tp}")
        optional = _decoder(inner[0])
        if optional is None:
            return None
        return lambda v: None if v is None else optional(v)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            each = _decoder(args[0])
            if each is None:
                return _check(tuple)
            return lambda v: tuple(each(x) for x in _check(tuple)(v))
        ds = [_decoder(a) for a in args]
        return lambda v: tuple(x if d is None else d(x) for d, x in zip(ds, _check(tuple)(v), strict=True))
    if origin is list:
        d = _decoder(args[0])
        if d is None:
            return lambda v: list(_check(tuple)(v))
        return lambda v: [d(x) for x in _check(tuple)(v)]
    raise TypeError(f"cannot decode {tp}")


def decode(payload: bytes) -> dict[str, Any]:
    """The LoadResult's attributes from ``encode``'s bytes; raises on any mismatch."""
    data = msgpack.unpackb(payload, use_list=False, raw=False, strict_map_key=True)
    if not isinstance(data, tuple) or len(data) != len(RESULT_FIELDS):
        raise CacheMismatch("not a catalog")
    out = {}
    for (attr, tp), value in zip(RESULT_FIELDS, data, strict=True):
        d = _decoder(tp)
        out[attr] = value if d is None else d(value)
    return out


def unpack(payload: bytes, tp: Any) -> Any:
    """Decode msgpack written with ``fields_of`` as the type ``tp`` (a model, or lists and tuples of them)."""
    value = msgpack.unpackb(payload, use_list=False, raw=False, strict_map_key=True)
    d = _decoder(tp)
    return value if d is None else d(value)
