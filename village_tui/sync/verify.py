"""Everything that can be checked about a bundle without a database."""

from __future__ import annotations

import hashlib
import json
import json.encoder
import operator
import re
from dataclasses import dataclass, field
from typing import Any

from ..domain import events as ev
from ..domain.chain import HASHED_FIELDS, Event, event_from, event_hash
from ..domain.events import review_ledger
from ..domain.text import CONTROL, PAYLOAD_CHARS, control_in, printable
from ..store.apply import canonical_text
from . import bundle as bf
from .keys import Identity, fingerprint, verify_signature
from .schemas import fast_check, first_error

_quote = json.encoder.encode_basestring  # the string encoder of json.dumps(ensure_ascii=False)
# A control character in an event line is either an escape (\u00XX, \b, \f: json.dumps
# writes C0 that way, the payload's doubly) or itself (DEL, C1). Most bundles have none of
# these bytes at all, which a few scans of the whole member settle; otherwise each line is
# searched, and the few that match are looked at string by string.
_ESCAPE = re.compile(rb"\\[bfu]")
_C1 = re.compile(rb"\xc2[\x80-\x9f]")  # U+0080-U+009F in UTF-8
_MAYBE_CONTROL = re.compile(r"\\[ubf]|[\x7f-\x9f]")


def _may_hold_control(raw: bytes) -> bool:
    if _ESCAPE.search(raw) or b"\x7f" in raw:
        return True
    return b"\xc2" in raw and _C1.search(raw) is not None


@dataclass(frozen=True)
class Signed:
    """One event as it travels, with its own signature when it has one (review events)."""

    event: Event
    signature: str | None = None
    signer: str | None = None
    # The payload parsed once here, handed to apply so it is not parsed again.
    data: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Bundle:
    """A bundle whose structure, hashes, signature, schemas and chain are all in order."""

    manifest: dict[str, Any]
    manifest_text: str
    manifest_sha256: str
    signature: str
    signer: Identity
    events: list[Signed]
    files: dict[str, bytes] = field(default_factory=dict)  # attached files by sha256, verified

    @property
    def kind(self) -> str:
        return self.manifest["kind"]

    @property
    def ledger(self) -> str:
        return self.manifest["ledger"]

    @property
    def first_seq(self) -> int:
        return self.manifest["first_seq"]

    @property
    def last_seq(self) -> int:
        return self.manifest["last_seq"]


def parse_bundle(data: bytes, limits: bf.Limits = bf.DEFAULT_LIMITS) -> Bundle:
    """Check a bundle's bytes from the zip up; raise `Refused` at the first fault."""
    members = bf.read_members(data, limits)
    raw_manifest = members[bf.MANIFEST]
    try:
        manifest = json.loads(raw_manifest.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise bf.Refused("manifest_json", err=_short(exc)) from None
    if isinstance(manifest, dict) and manifest.get("format_version") not in (
        None,
        bf.FORMAT_VERSION,
    ):
        raise bf.Refused(
            "format_version", version=manifest.get("format_version"), supported=bf.FORMAT_VERSION
        )
    err = first_error("manifest.json", manifest)
    if err:
        raise bf.Refused("manifest_schema", err=err)
    s = manifest["signer"]
    signer = Identity(s["public_key"], s["owner_code"], s["owner_name"], s["role"])
    signature = members[bf.SIGNATURE].decode("ascii", errors="replace").strip()
    if s["fingerprint"] != fingerprint(signer.public_key) or not verify_signature(
        signer.public_key, signature, raw_manifest
    ):
        raise bf.Refused("bad_signature")
    raw_events = members[bf.EVENTS]
    if hashlib.sha256(raw_events).hexdigest() != manifest["members"][bf.EVENTS]["sha256"]:
        raise bf.Refused("member_hash", name=bf.EVENTS)
    events = _events(raw_events, manifest, signer)
    files = _files(members, manifest, events)
    return Bundle(
        manifest=manifest,
        manifest_text=raw_manifest.decode("utf-8"),
        manifest_sha256=hashlib.sha256(raw_manifest).hexdigest(),
        signature=signature,
        signer=signer,
        events=events,
        files=files,
    )


def _files(members: dict[str, bytes], manifest: dict[str, Any], events: list[Signed]) -> dict:
    """The attached files, each the very bytes an event of this bundle records (hash and size).

    A file missing, changed or not recorded refuses the whole bundle: its events would
    otherwise point at nothing, or the township would keep bytes nobody vouched for.
    """
    present = {
        name.removeprefix(bf.FILES_PREFIX): data
        for name, data in members.items()
        if bf.is_file_member(name)
    }
    recorded: set[str] = set()
    for x in events:
        if x.event.type != ev.ATTACHMENT_ADDED:
            continue
        f = x.data["file"]
        name = printable(f["name"], one_line=True)
        data = present.get(f["sha256"])
        if data is None:
            raise bf.Refused("bundle_file_missing", seq=x.event.seq, name=name)
        if len(data) != f["size"] or hashlib.sha256(data).hexdigest() != f["sha256"]:
            raise bf.Refused("bundle_file_mismatch", seq=x.event.seq, name=name)
        recorded.add(f["sha256"])
    listed = {f["sha256"]: f["size"] for f in manifest.get("files", [])}
    for sha, data in present.items():
        if sha not in recorded or listed.get(sha) != len(data):
            raise bf.Refused("bundle_file_extra", name=sha[:12])
    if set(listed) - set(present):
        raise bf.Refused("bundle_file_extra", name=sorted(set(listed) - set(present))[0][:12])
    return present


def _events(raw: bytes, manifest: dict[str, Any], signer: Identity) -> list[Signed]:
    kind, ledger = manifest["kind"], manifest["ledger"]
    expected_ledger = (
        manifest["village_code"] if kind == "village" else review_ledger(manifest["village_code"])
    )
    if ledger != expected_ledger:
        raise bf.Refused("manifest_mismatch", what=f"ledger {ledger}")
    allowed = ev.VILLAGE_TYPES if kind == "village" else ev.REVIEW_LEDGER_TYPES
    try:
        lines = raw.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise bf.Refused("events_json", line=1) from None
    out: list[Signed] = []
    prev, expected = manifest["prev_hash"], manifest["first_seq"]
    envelope_ok = fast_check("event.json")
    payload_ok: dict[str, Any] = {}
    loads = json.loads
    review = kind == "review"
    suspect = _may_hold_control(raw)
    for n, line in enumerate(lines, start=1):
        try:
            d = loads(line)
        except ValueError:
            raise bf.Refused("events_json", line=n) from None
        if not envelope_ok(d):
            err = first_error("event.json", d)
            if err:
                raise bf.Refused("envelope_schema", line=n, err=err)
        type_, seq = d["type"], d["seq"]
        if d["ledger"] != ledger:
            raise bf.Refused("ledger_mismatch", seq=seq, ledger=d["ledger"], expected=ledger)
        if type_ not in allowed:
            raise bf.Refused("event_type", seq=seq, type=type_)
        e = event_from(d)
        reason, payload = _link(e, prev, expected)
        if reason:
            raise bf.Refused("chain", seq=seq, reason=reason)
        if len(e.payload) > PAYLOAD_CHARS:
            raise bf.Refused("payload_too_big", seq=seq, size=len(e.payload), limit=PAYLOAD_CHARS)
        if suspect and _MAYBE_CONTROL.search(line):
            _check_text(e, payload)
        check = payload_ok.get(type_)
        if check is None:
            check = payload_ok[type_] = fast_check(f"events/{type_}.json") or (lambda x: False)
        if not check(payload):
            err = first_error(f"events/{type_}.json", payload)
            if err:
                raise bf.Refused("event_schema", seq=seq, type=type_, err=err)
        if type_ == ev.KEY_ROTATED:
            _check_rotation(seq, payload)
        out.append(Signed(e, d.get("signature"), d.get("signer"), payload))
        prev, expected = e.hash, expected + 1
    if len(out) != manifest["event_count"]:
        raise bf.Refused("count", expected=manifest["event_count"], actual=len(out))
    if expected - 1 != manifest["last_seq"]:
        raise bf.Refused("manifest_mismatch", what=f"last_seq {manifest['last_seq']}")
    if prev != manifest["last_hash"]:
        raise bf.Refused("manifest_mismatch", what="last_hash")
    if review:
        _check_event_signatures(out, signer)
    return out


def _check_rotation(seq: int, d: dict[str, Any]) -> None:
    """A `key.rotated` event names both keys truly, and the old key signed the change."""
    from .trust import rotation_statement

    statement = rotation_statement(
        d["owner_code"], d["role"], d["old_fingerprint"], d["new_public_key"]
    )
    if (
        fingerprint(d["old_public_key"]) != d["old_fingerprint"]
        or fingerprint(d["new_public_key"]) != d["new_fingerprint"]
        or not verify_signature(d["old_public_key"], d["old_signature"], statement)
    ):
        raise bf.Refused("bad_rotation", seq=seq, fp=d["old_fingerprint"])


def _check_event_signatures(out: list[Signed], signer: Identity) -> None:
    """Each review event is signed by the key in force when it was recorded.

    That is the manifest's signer, back to the last `key.rotated` event; that
    event and those before it were signed by the key it retired, and so on.
    """
    fp, public_key = signer.fingerprint, signer.public_key
    for x in reversed(out):
        if x.event.type == ev.KEY_ROTATED:
            if x.data["new_fingerprint"] != fp:
                raise bf.Refused("event_signature", seq=x.event.seq)
            fp, public_key = x.data["old_fingerprint"], x.data["old_public_key"]
        if (
            x.signer != fp
            or not x.signature
            or not verify_signature(public_key, x.signature, x.event.hash.encode("ascii"))
        ):
            raise bf.Refused("event_signature", seq=x.event.seq)


def _check_text(e: Event, payload: Any) -> None:
    """Refuse what a village may not record either: a control character in any text."""
    found = None
    for name in ("actor", "recorded_at", "matter_id"):
        value = getattr(e, name)
        if isinstance(value, str) and CONTROL.search(value):
            found = control_in(value, name)
            break
    found = found or control_in(payload)
    if found:
        field, ch = found
        raise bf.Refused("control_text", seq=e.seq, field=field, code=f"U+{ord(ch):04X}")


# The envelope as `chain.event_hash` writes it (canonical JSON: keys sorted, no
# spaces), filled in with the same string encoder json.dumps uses.
_ENVELOPE = "{{" + ",".join(f'"{name}":{{}}' for name in HASHED_FIELDS) + "}}\n"


_hashed = operator.attrgetter(*HASHED_FIELDS)
_ENCODE = {str: _quote, int: int.__repr__, type(None): lambda _: "null"}


def envelope_hash(e: Event) -> str:
    """`chain.event_hash(e)`, without building and encoding a dict (same bytes hashed).

    Raises UnicodeEncodeError, as `event_hash` does, for text that is not valid Unicode.
    """
    values = _hashed(e)
    try:
        head = _ENVELOPE.format(*[_ENCODE[type(v)](v) for v in values])
    except KeyError:  # what the schema lets through but the fast path does not cover
        return event_hash(e)
    h = hashlib.sha256(head.encode("utf-8"))
    h.update(e.payload.encode("utf-8", errors="surrogateescape"))
    return h.hexdigest()


def _link(e: Event, expected_prev: str, expected_seq: int) -> tuple[str | None, Any]:
    """`chain.broken_link`, step for step, also giving back the payload it parsed.

    The payload's canonical form is checked here too, although the hash alone
    already ties the event to its exact stored text: `verify-db` (through
    `broken_link`) calls a non-canonical payload broken, and an import must
    never store an event that `verify-db` would then report. The check costs
    one encoding with a reused encoder (`apply.canonical_text`).
    """
    if e.seq != expected_seq:
        return f"sequence {e.seq} where {expected_seq} was expected", None
    if e.prev_hash != expected_prev:
        return "previous hash does not match", None
    try:
        parsed = json.loads(e.payload)
    except ValueError:
        return "payload is not valid JSON", None
    try:
        canonical = canonical_text(parsed)
    except ValueError:  # Infinity or NaN: JSON reads them, canonical JSON has no form for them
        return "payload is not in canonical form", None
    if canonical != e.payload:
        return "payload is not in canonical form", None
    try:
        # strict: text SQLite cannot store would fail the import later, with a traceback
        e.payload.encode("utf-8")
        if envelope_hash(e) != e.hash:
            return "hash does not match its contents", None
    except UnicodeEncodeError:
        return "text is not valid Unicode", None
    return None, parsed


def _short(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120]
