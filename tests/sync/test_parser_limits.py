"""Parser limits: deep JSON, encrypted members, devices, FIFOs and folders are each one refusal
line for that file, and a bad file in a folder never stops the files after it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from village_tui.store.db import open_engine
from village_tui.sync import bundle as bf
from village_tui.sync import importer
from village_tui.sync.importer import import_bundles

from .helpers import cli, dump, members, own_key, resign

ROOT = Path(__file__).resolve().parents[2]
DEEP = 5000


def _deep(n: int = DEEP) -> bytes:
    """Nested `n` deep, with random whitespace so the zip's bomb check does not stop it first."""
    import random

    pick = random.Random(n).choice
    return b"".join(b"[" + pick([b" ", b"\t", b"  ", b"\t "]) for _ in range(n)) + b"]" * n


def _bundle(world, *, manifest: bytes | None = None, events: bytes | None = None) -> bytes:
    data = world.b1.read_bytes()
    if events is not None:
        return resign(data, events, own_key(open_engine(world.village_db)))
    m = members(data)
    return bf.write_bundle(manifest, m[bf.SIGNATURE], m[bf.EVENTS])


def _deep_payload(world) -> bytes:
    """b2's one event with a payload nested thousands deep, hashed and signed as it should be."""
    from village_tui.domain.chain import Event, canonical_json, seal

    d = json.loads(members(world.b2.read_bytes())[bf.EVENTS])
    d["payload"] = _deep().decode()
    names = ("ledger", "seq", "type", "matter_id", "payload", "actor", "recorded_at", "prev_hash")
    d["hash"] = seal(Event(**{k: d[k] for k in names})).hash
    events = (canonical_json(d) + "\n").encode()
    key = own_key(open_engine(world.village_db))
    return resign(world.b2.read_bytes(), events, key, last_hash=d["hash"])


def _encrypted(world) -> bytes:
    """The bundle with its events member marked encrypted (general purpose bit 0)."""
    data = bytearray(world.b1.read_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(bf.EVENTS)
    data[info.header_offset + 6] |= 0x1  # the local header's flags
    at = data.find(b"PK\x01\x02")
    while at != -1:  # each central directory entry: flags at +8, name at +46
        name_len = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_len] == bf.EVENTS.encode():
            data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


TOO_DEEP = "JSON 嵌套层数过深，不是本程序写出的数据包"


@pytest.mark.parametrize(
    ("make", "zh", "en"),
    [
        (lambda w: _bundle(w, manifest=_deep()), TOO_DEEP, "the JSON is nested too deep"),
        (lambda w: _bundle(w, events=_deep() + b"\n"), TOO_DEEP, "the JSON is nested too deep"),
        (
            _deep_payload,
            TOO_DEEP,
            "the JSON is nested too deep",
        ),
        (
            _encrypted,
            f"成员 {bf.EVENTS} 已加密，数据包不应加密",
            f"member {bf.EVENTS} is encrypted; bundles are never encrypted",
        ),
    ],
    ids=["manifest", "event-line", "payload", "encrypted"],
)
def test_each_is_one_refusal_and_the_next_file_still_comes(
    world, empty_town, tmp_path, capsys, make, zh, en
):
    folder = tmp_path / "U盘 100%"
    folder.mkdir()
    bad = folder / "a-bad.zip"
    bad.write_bytes(make(world))
    (folder / "b-good.zip").write_bytes(world.b1.read_bytes())
    engine = open_engine(empty_town)
    summary = import_bundles(engine, [folder], trust_new=True)
    assert [r.status for r in summary.results] == ["refused", "imported"]
    assert summary.results[0].message_zh == f"{bad}：{zh}"
    assert summary.results[0].message_en.startswith(f"{bad}: {en}")
    engine.dispose()
    code, out, err = cli(capsys, "--db", empty_town, "import", bad)
    assert (code, err) == (1, f"error: {bad}: {summary.results[0].message_en.split(': ', 1)[1]}\n")


def test_a_fifo_and_a_folder_named_zip_in_a_folder(world, empty_town, tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    folder = tmp_path / "U盘"
    folder.mkdir()
    os.mkfifo(folder / "a-pipe.zip")
    (folder / "b-folder.zip").mkdir()
    (folder / "c-good.zip").write_bytes(world.b1.read_bytes())
    engine = open_engine(empty_town)
    summary = import_bundles(engine, [folder], trust_new=True)
    assert [(Path(r.path).name, r.status) for r in summary.results] == [
        ("a-pipe.zip", "refused"),
        ("c-good.zip", "imported"),
    ]
    assert summary.results[0].message_zh.endswith("：不是普通文件（设备或管道），未读取")


def _run_import(db: Path, *paths) -> subprocess.CompletedProcess:
    """In a process of its own, with a timeout: on a FIFO or /dev/zero a broken check hangs."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [
        sys.executable,
        "-m",
        "village_tui",
        "--db",
        str(db),
        "import",
        "--trust-new",
        *map(str, paths),
    ]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_import_dev_zero_and_a_fifo_are_refused_unread(world, empty_town, tmp_path):
    fifo = tmp_path / "pipe.zip"
    os.mkfifo(fifo)
    before = dump(open_engine(empty_town))
    done = _run_import(empty_town, "/dev/zero", fifo, world.b1)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "错误：/dev/zero：不是普通文件（设备或管道），未读取",
        f"错误：{fifo}：不是普通文件（设备或管道），未读取",
    ]
    assert dump(open_engine(empty_town)) != before  # b1 came in after them


def test_an_unforeseen_fault_in_one_file_is_logged_and_the_rest_go_on(
    world, empty_town, tmp_path, monkeypatch, caplog
):
    real = importer.parse_bundle
    first = tmp_path / "a.zip"
    first.write_bytes(b"PK whatever")

    def parse(data, limits):
        if data == b"PK whatever":
            raise KeyError("signer")
        return real(data, limits)

    monkeypatch.setattr(importer, "parse_bundle", parse)
    engine = open_engine(empty_town)
    summary = import_bundles(engine, [first, world.b1], trust_new=True)
    assert [r.status for r in summary.results] == ["refused", "imported"]
    assert summary.results[0].message_zh == (
        f"{first}：无法核验（意外故障：KeyError: 'signer'，详情见日志），已跳过"
    )
    assert "Traceback" in caplog.text or caplog.records[0].exc_info


def test_keys_trust_on_dev_zero_a_fifo_and_deep_json(tmp_path, capsys):
    deep = tmp_path / "deep.key"
    deep.write_bytes(_deep())
    code, _, err = cli(capsys, "--db", tmp_path / "t.db", "keys", "trust", deep)
    assert code == 1 and err.startswith(f"error: {deep}: not a valid key file (maximum recursion")
    if Path("/dev/zero").exists():
        code, _, err = cli(capsys, "--db", tmp_path / "t.db", "keys", "trust", "/dev/zero")
        assert (code, err) == (1, "error: /dev/zero: not a valid key file (not a regular file)\n")
