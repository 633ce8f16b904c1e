"""The shipped JSON Schemas (draft 2020-12), loaded once into validators.

An import checks every event of a bundle, and walking a schema with
`jsonschema` costs more than the rest of the import together. So each schema
is also compiled once into plain Python checks (`_compile`), keyword for
keyword as `jsonschema` defines them; that answers "valid or not". Only when
it says "not valid" does `jsonschema` run, to confirm and to word the error.
A schema using a keyword the compiler does not know is left to `jsonschema`
alone, so nothing is ever checked less than `jsonschema` would check it.

Two readings are stricter than `jsonschema`'s defaults, in both paths alike:
an "integer" is a JSON integer (`1.0` parsed as a float is not one; a
receiving database would store it as 1 and its hash chain would no longer
verify), and a pattern's `$` is the end of the text (Python's `$` also
matches before a final newline, which let "410611100901\n" pass as a code).
"""

from __future__ import annotations

import json
import numbers
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..resources import data_dir

Check = Callable[[Any], bool]


def _schema_files() -> dict[str, dict[str, Any]]:
    root = data_dir("schemas")
    found: dict[str, dict[str, Any]] = {}
    for entry in root.iterdir():
        if entry.name.endswith(".json"):
            found[entry.name] = json.loads(entry.read_text(encoding="utf-8"))
    for entry in root.joinpath("events").iterdir():
        if entry.name.endswith(".json"):
            found["events/" + entry.name] = json.loads(entry.read_text(encoding="utf-8"))
    return found


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every shipped schema by its path under schemas/ ("manifest.json", "events/<type>.json")."""
    return _schema_files()


def whole_text(pattern: str) -> str:
    """`pattern` with every `$` anchor (outside a character class) made the very end of the text."""
    out, escaped, in_class = [], False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "$":
            ch = r"\Z"
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=256)
def pattern_search(pattern: str) -> Callable[[str], Any]:
    """The search function a schema's `pattern` stands for here (see `whole_text`)."""
    return re.compile(whole_text(pattern)).search


@lru_cache(maxsize=1)
def strict_validator_class():
    """Draft 2020-12, with exact integers and whole-text patterns (the module docstring says why)."""
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import ValidationError

    def pattern(validator, patrn, instance, schema):
        if validator.is_type(instance, "string") and not pattern_search(patrn)(instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, x: type(x) is int
    )
    return validators.extend(
        Draft202012Validator, validators={"pattern": pattern}, type_checker=checker
    )


@lru_cache(maxsize=1)
def _validators() -> dict[str, Any]:
    from referencing import Registry, Resource

    schemas = _schema_files()
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values()
    )
    cls = strict_validator_class()
    return {path: cls(schema, registry=registry) for path, schema in schemas.items()}


def validator(path: str):
    """The validator for one schema, e.g. "manifest.json" or "events/step.recorded.json"."""
    return _validators().get(path)


@lru_cache(maxsize=1)
def _checks() -> dict[str, Check]:
    out: dict[str, Check] = {}
    for path, v in _validators().items():
        try:
            out[path] = compile_validator(v)
        except Unsupported:
            out[path] = v.is_valid
    return out


def fast_check(path: str) -> Check | None:
    """The compiled yes/no check for one schema (None when there is no such schema)."""
    return _checks().get(path)


def first_error(path: str, instance: Any) -> str | None:
    """A short description of why `instance` breaks the schema, or None when it fits."""
    check = fast_check(path)
    if check is None:
        return f"no schema {path}"
    if check(instance):
        return None
    v = validator(path)
    if v.is_valid(instance):  # the compiled check is never laxer; stricter would be a bug
        return None
    from jsonschema.exceptions import best_match

    err = best_match(v.iter_errors(instance))
    where = "/".join(str(p) for p in err.absolute_path) or "(top)"
    return f"{where}: {err.message[:160]}"


# --- the compiler -------------------------------------------------------------


class Unsupported(Exception):
    """A schema feature the compiler leaves to `jsonschema`."""


# Keywords `jsonschema` does not validate with (annotations, containers of definitions).
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$defs",
        "definitions",
        "$comment",
        "title",
        "description",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
        "then",  # read with "if"; alone it does nothing
        "else",
    }
)


def _is_int(x: Any) -> bool:
    return type(x) is int  # what JSON parses as an integer; never a bool, never 1.0


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "integer": _is_int,
    "number": _is_number,
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
}


def compile_validator(v: Any) -> Check:
    """A `jsonschema` validator's schema as one Python check; raises `Unsupported`."""
    if v.format_checker is not None:
        raise Unsupported("format assertions")
    schema = v.schema
    resolver = v._resolver  # the registry and base URI the validator itself resolves $ref with
    memo: dict[tuple[int, str], Check] = {}
    root = dict(schema) if isinstance(schema, dict) else schema
    if isinstance(root, dict):
        root.pop("$id", None)  # the resolver already stands at this base URI
    return _compile(root, resolver, memo)


def _compile(schema: Any, resolver: Any, memo: dict) -> Check:
    if schema is True:
        return lambda x: True
    if schema is False:
        return lambda x: False
    if not isinstance(schema, dict):
        raise Unsupported(f"schema {schema!r}")
    checks: list[Check] = []
    handled: frozenset[str] = frozenset()
    if _plain_object(schema):
        checks.append(_object(schema, resolver, memo))
        handled = _OBJECT_KEYS
    else:
        ns = _namespace()
        parts = _leaf_parts(schema, resolver, memo, ns)
        if parts is not None:  # one expression: one function instead of one per keyword
            return eval("lambda v: " + (" and ".join(parts) or "True"), ns)  # noqa: S307
    for key, value in schema.items():
        if key in handled:
            continue
        if key in _ANNOTATIONS or (key == "format" and isinstance(value, str)):
            continue
        build = _KEYWORDS.get(key)
        if build is None:
            raise Unsupported(key)
        checks.append(build(value, schema, resolver, memo))
    if not checks:
        return lambda x: True
    if len(checks) == 1:
        return checks[0]
    checks_t = tuple(checks)

    def all_of(x: Any) -> bool:
        for c in checks_t:  # noqa: SIM110 - a plain loop is twice as fast as all(<generator>)
            if not c(x):
                return False
        return True

    return all_of


_OBJECT_KEYS = frozenset({"type", "properties", "required", "additionalProperties"})


def _plain_object(schema: dict) -> bool:
    """An object schema (or bare `properties`) whose usual keywords can be checked in one pass."""
    return (
        (schema.get("type") == "object" or ("type" not in schema and "properties" in schema))
        and isinstance(schema.get("properties", {}), dict)
        and isinstance(schema.get("required", []), list)
        and schema.get("additionalProperties", True) in (True, False)
        and "patternProperties" not in schema
    )


def _object(schema, resolver, memo) -> Check:
    """type object + properties + required + additionalProperties true/false, as jsonschema has them.

    Written out as the source of one Python function, each property's check
    inlined as an expression where `_leaf` can say it in one (types, lengths,
    bounds, patterns, enums, anyOf of such): calling a closure per property
    cost more than the checks themselves.
    """
    ns = _namespace()
    ns["_REQ"] = frozenset(schema.get("required", []))
    props = schema.get("properties", {})
    ns["_KNOWN"] = frozenset(props)
    # without "type": "object", jsonschema lets anything that is not an object through
    typed = "type" in schema
    lines = ["def check(x):", "    if not isinstance(x, dict):", f"        return {not typed}"]
    if ns["_REQ"] or schema.get("additionalProperties", True) is False:
        lines.append("    keys = x.keys()")
    if ns["_REQ"]:
        lines += ["    if not _REQ <= keys:", "        return False"]
    if schema.get("additionalProperties", True) is False:
        lines += ["    if not _KNOWN >= keys:", "        return False"]
    lines.append("    g = x.get")
    for i, (key, sub) in enumerate(props.items()):
        ns[f"_k{i}"] = key
        lines += [
            f"    v = g(_k{i}, _M)",
            f"    if v is not _M and not {_leaf(sub, resolver, memo, ns)}:",
            "        return False",
        ]
    lines.append("    return True")
    exec("\n".join(lines), ns)  # noqa: S102 - source built above from fixed templates only
    return ns["check"]


_MISSING = object()


def _namespace() -> dict[str, Any]:
    return {"_is_int": _is_int, "_is_number": _is_number, "_M": _MISSING, "_NUMS": (int, float)}


_LEAF_TYPES = {
    "object": "isinstance(v, dict)",
    "array": "isinstance(v, list)",
    "string": "isinstance(v, str)",
    "integer": "(v.__class__ is int or _is_int(v))",  # the common case first, then the rules
    "number": "(v.__class__ in _NUMS or _is_number(v))",
    "boolean": "isinstance(v, bool)",
    "null": "v is None",
}
_LEAF_BOUNDS = {
    "minLength": "(not isinstance(v, str) or not len(v) < {})",
    "maxLength": "(not isinstance(v, str) or not len(v) > {})",
    "minimum": "(not (v.__class__ in _NUMS or _is_number(v)) or not v < {})",
    "maximum": "(not (v.__class__ in _NUMS or _is_number(v)) or not v > {})",
}


def _leaf(schema: Any, resolver: Any, memo: dict, ns: dict[str, Any]) -> str:
    """A Python expression over `v` that is true exactly when `v` fits `schema`.

    What it cannot write inline it calls: the schema compiled as usual, put in `ns`.
    """
    parts = _leaf_parts(schema, resolver, memo, ns) if isinstance(schema, dict) else None
    if parts is None:
        name = f"_c{len(ns)}"
        ns[name] = _compile(schema, resolver, memo)
        return f"{name}(v)"
    return "(" + " and ".join(parts) + ")" if parts else "True"


def _leaf_parts(schema: dict, resolver: Any, memo: dict, ns: dict[str, Any]) -> list[str] | None:
    parts: list[str] = []
    for key, value in schema.items():
        if key in _ANNOTATIONS or (key == "format" and isinstance(value, str)):
            continue
        if key == "type":
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or any(n not in _LEAF_TYPES for n in names):
                return None
            parts.append("(" + " or ".join(_LEAF_TYPES[n] for n in names) + ")")
        elif key in _LEAF_BOUNDS and _is_int(value):
            parts.append(_LEAF_BOUNDS[key].format(int(value)))
        elif key == "pattern" and isinstance(value, str):
            name = f"_p{len(ns)}"
            ns[name] = pattern_search(value)
            parts.append(f"(not isinstance(v, str) or {name}(v) is not None)")
        elif key == "enum" and isinstance(value, list) and all(isinstance(e, str) for e in value):
            name = f"_e{len(ns)}"
            ns[name] = frozenset(value)
            parts.append(f"(isinstance(v, str) and v in {name})")
        elif key == "const" and isinstance(value, str):
            name = f"_s{len(ns)}"
            ns[name] = value
            parts.append(f"(isinstance(v, str) and v == {name})")
        elif key == "anyOf" and isinstance(value, list) and value:
            parts.append("(" + " or ".join(_leaf(s, resolver, memo, ns) for s in value) + ")")
        elif key == "$ref":
            name = f"_r{len(ns)}"
            ns[name] = _ref(value, schema, resolver, memo)
            parts.append(f"{name}(v)")
        else:
            return None
    return parts


def _type(value, schema, resolver, memo) -> Check:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or any(n not in _TYPES for n in names):
        raise Unsupported(f"type {value!r}")
    preds = tuple(_TYPES[n] for n in names)
    if len(preds) == 1:
        return preds[0]
    return lambda x: any(p(x) for p in preds)


def _equal_to(value) -> Check:
    from jsonschema._utils import equal

    return lambda x: equal(x, value)


def _enum(value, schema, resolver, memo) -> Check:
    if not isinstance(value, list):
        raise Unsupported("enum")
    if all(isinstance(e, str) for e in value):
        options = frozenset(value)
        return lambda x: isinstance(x, str) and x in options
    from jsonschema._utils import equal

    return lambda x: any(equal(e, x) for e in value)


def _const(value, schema, resolver, memo) -> Check:
    if isinstance(value, str):
        return lambda x: isinstance(x, str) and x == value
    return _equal_to(value)


def _properties(value, schema, resolver, memo) -> Check:
    props = tuple((k, _compile(s, resolver, memo)) for k, s in value.items())

    def properties(x: Any) -> bool:
        if not isinstance(x, dict):
            return True
        for k, c in props:  # noqa: SIM110 - as above
            if k in x and not c(x[k]):
                return False
        return True

    return properties


def _required(value, schema, resolver, memo) -> Check:
    names = frozenset(value)
    return lambda x: not isinstance(x, dict) or names <= x.keys()


def _additional(value, schema, resolver, memo) -> Check:
    if "patternProperties" in schema:
        raise Unsupported("patternProperties")
    known = frozenset(schema.get("properties", {}))
    if value is False:
        return lambda x: not isinstance(x, dict) or known.issuperset(x)
    c = _compile(value, resolver, memo)
    return lambda x: not isinstance(x, dict) or all(c(x[k]) for k in x if k not in known)


def _items(value, schema, resolver, memo) -> Check:
    if "prefixItems" in schema:
        raise Unsupported("prefixItems")
    c = _compile(value, resolver, memo)
    return lambda x: not isinstance(x, list) or all(c(i) for i in x)


def _length(op: Callable[[int, int], bool]):
    def build(value, schema, resolver, memo) -> Check:
        return lambda x: not isinstance(x, str) or op(len(x), value)

    return build


def _count(op: Callable[[int, int], bool]):
    def build(value, schema, resolver, memo) -> Check:
        return lambda x: not isinstance(x, list) or op(len(x), value)

    return build


def _bound(op: Callable[[Any, Any], bool]):
    def build(value, schema, resolver, memo) -> Check:
        return lambda x: not _is_number(x) or op(x, value)

    return build


def _pattern(value, schema, resolver, memo) -> Check:
    search = pattern_search(value)
    return lambda x: not isinstance(x, str) or search(x) is not None


def _any_of(value, schema, resolver, memo) -> Check:
    subs = tuple(_compile(s, resolver, memo) for s in value)

    def any_of(x: Any) -> bool:
        for c in subs:  # noqa: SIM110 - a plain loop is twice as fast as any(<generator>)
            if c(x):
                return True
        return False

    return any_of


def _all_of(value, schema, resolver, memo) -> Check:
    switch = _switch(value, resolver, memo)
    if switch is not None:
        return switch
    subs = tuple(_compile(s, resolver, memo) for s in value)

    def all_of(x: Any) -> bool:
        for c in subs:  # noqa: SIM110 - as above
            if not c(x):
                return False
        return True

    return all_of


def _switch(value: Any, resolver: Any, memo: dict) -> Check | None:
    """allOf [{if: {properties: {K: {const: "a"}}}, then: T}, ...] (one K, text constants, no
    else) as a lookup instead of testing every `if` in turn; None for any other allOf.

    jsonschema's meaning, kept: on an object holding K, only the `then` of the
    matching constant applies; on an object without K (every `if` holds
    vacuously) or on anything that is not an object, every `then` applies.
    """
    if not isinstance(value, list) or not value:
        return None
    field, table = None, {}
    for sub in value:
        if not isinstance(sub, dict) or set(sub) != {"if", "then"}:
            return None
        cond = sub["if"]
        if not isinstance(cond, dict) or set(cond) != {"properties"}:
            return None
        props = cond["properties"]
        if not isinstance(props, dict) or len(props) != 1:
            return None
        ((key, const),) = props.items()
        if field not in (None, key) or not isinstance(const, dict) or set(const) != {"const"}:
            return None
        if not isinstance(const["const"], str):
            return None
        field = key
        table.setdefault(const["const"], []).append(_compile(sub["then"], resolver, memo))
    every = tuple(c for checks in table.values() for c in checks)
    by_value = {k: tuple(v) for k, v in table.items()}

    def switch(x: Any) -> bool:
        if isinstance(x, dict) and field in x:
            v = x[field]
            checks = by_value.get(v, ()) if isinstance(v, str) else ()
        else:
            checks = every
        for c in checks:  # noqa: SIM110 - as above
            if not c(x):
                return False
        return True

    return switch


def _one_of(value, schema, resolver, memo) -> Check:
    subs = tuple(_compile(s, resolver, memo) for s in value)
    return lambda x: sum(1 for c in subs if c(x)) == 1


def _not(value, schema, resolver, memo) -> Check:
    c = _compile(value, resolver, memo)
    return lambda x: not c(x)


def _if(value, schema, resolver, memo) -> Check:
    cond = _compile(value, resolver, memo)
    then = _compile(schema.get("then", True), resolver, memo)
    else_ = _compile(schema.get("else", True), resolver, memo)
    return lambda x: then(x) if cond(x) else else_(x)


def _ref(value, schema, resolver, memo) -> Check:
    resolved = resolver.lookup(value)
    target = resolved.contents
    # (a target with its own $id comes with a resolver already standing at it)
    key = (id(target), str(resolved.resolver._base_uri))
    if key not in memo:
        cell: list[Check] = []
        memo[key] = lambda x: cell[0](x)  # a recursive $ref reaches itself through this
        body = dict(target) if isinstance(target, dict) else target
        if isinstance(body, dict):
            body.pop("$id", None)
        cell.append(_compile(body, resolved.resolver, memo))
        memo[key] = cell[0]
    return memo[key]


_KEYWORDS: dict[str, Callable[..., Check]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "properties": _properties,
    "required": _required,
    "additionalProperties": _additional,
    "items": _items,
    # each written as the negation of jsonschema's own error condition (NaN included)
    "minLength": _length(lambda n, v: not n < v),
    "maxLength": _length(lambda n, v: not n > v),
    "minItems": _count(lambda n, v: not n < v),
    "maxItems": _count(lambda n, v: not n > v),
    "minimum": _bound(lambda x, v: not x < v),
    "maximum": _bound(lambda x, v: not x > v),
    "exclusiveMinimum": _bound(lambda x, v: not x <= v),
    "exclusiveMaximum": _bound(lambda x, v: not x >= v),
    "pattern": _pattern,
    "anyOf": _any_of,
    "allOf": _all_of,
    "oneOf": _one_of,
    "not": _not,
    "if": _if,
    "$ref": _ref,
}
