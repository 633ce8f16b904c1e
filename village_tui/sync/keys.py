"""Sync's keys, which live in `store.keys`: notices and the county sign and check with them too.

Re-exported so that sync's modules keep their imports; code outside sync imports the store's.
"""

from ..store.keys import (  # noqa: F401
    KEY_FILE_FORMAT,
    KEY_FILE_MAX,
    Identity,
    KeyFileError,
    OwnKey,
    TrustedKey,
    _generate,
    ensure_own_key,
    ensure_own_key_in,
    event_signer,
    fingerprint,
    key_file_text,
    normal_fingerprint,
    own_identity,
    read_key_file,
    sign,
    trust,
    valid_public_key,
    verify_signature,
)
