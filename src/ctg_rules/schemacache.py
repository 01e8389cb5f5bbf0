"""Start-up without pydantic's schema generation: the dossier model's core schema kept on disk.

Generating the models' core schema (pydantic's schema generation, in Python) was most of the
start-up of a one-dossier check (about 75 ms of 190). The models are declared with
``defer_build``; the root model's core schema is kept in the on-disk cache (cache.py: marshal,
reading it runs no code), the classes and functions it holds written as names that are looked up
in the model module only, and its validator and serializer are built from it by pydantic-core
(Rust, about a millisecond). The key is the model module's source and the versions of pydantic
and pydantic-core. Any miss or surprise falls back to pydantic's own build: the cache only ever
saves time. The other models build themselves on first use (``defer_build``).
"""

from __future__ import annotations

import types
from typing import Any

from . import cache

_REF = "\x00ref"  # a dict {_REF: name} stands for a class or function of the model module
_KIND = "model-schema"


class _Unknown(Exception):
    """Something in the schema this module does not know how to write or read back."""


def install(model: type, module: types.ModuleType) -> None:
    """Give ``model`` (defined with ``defer_build``) its validator and serializer, from the cache
    when it holds this module's schema, else built by pydantic and then stored."""
    import pydantic
    import pydantic_core

    source = (module.__loader__.get_source(module.__name__) or "") if module.__loader__ else ""  # type: ignore[attr-defined]
    key = f"{source}\x00{pydantic.VERSION}\x00{pydantic_core.__version__}".encode()
    kept = cache.load(_KIND, key)
    if kept is not cache.MISSING:
        try:
            schema, config = _decode(kept["schema"], module), kept["config"]
            model.__pydantic_validator__ = pydantic_core.SchemaValidator(schema, config)  # type: ignore[attr-defined]
            model.__pydantic_serializer__ = pydantic_core.SchemaSerializer(schema, config)  # type: ignore[attr-defined]
            return
        except (_Unknown, KeyError, TypeError, pydantic_core.SchemaError):
            pass  # a stale or damaged entry: build it as pydantic does
    model.model_rebuild()  # type: ignore[attr-defined]
    try:
        from pydantic._internal._config import ConfigWrapper

        config = ConfigWrapper(model.model_config, check=False).core_config(title=model.__name__)  # type: ignore[attr-defined]
        encoded = _encode(model.__pydantic_core_schema__, module)  # type: ignore[attr-defined]
    except (_Unknown, ImportError, AttributeError):  # pydantic's internals moved: no cache
        return
    cache.store(_KIND, key, {"schema": encoded, "config": dict(config)})


def _encode(node: Any, module: types.ModuleType) -> Any:
    if isinstance(node, dict):
        # metadata only feeds JSON Schema generation, which rebuilds the model itself
        return {k: _encode(v, module) for k, v in node.items() if k != "metadata"}
    if isinstance(node, list | tuple):
        return [_encode(v, module) for v in node]
    if node is None or isinstance(node, str | int | float | bool):
        return node
    name = getattr(node, "__qualname__", None)
    if name and getattr(node, "__module__", None) == module.__name__ and getattr(module, name, None) is node:
        return {_REF: name}
    raise _Unknown(repr(node))


def _decode(node: Any, module: types.ModuleType) -> Any:
    if isinstance(node, dict):
        if _REF in node:
            found = getattr(module, node[_REF], None)
            if not callable(found) or getattr(found, "__module__", None) != module.__name__:
                raise _Unknown(node[_REF])
            return found
        return {k: _decode(v, module) for k, v in node.items()}
    if isinstance(node, list):
        return [_decode(v, module) for v in node]
    return node
