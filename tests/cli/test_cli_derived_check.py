"""A hand edit of a derived table leaves the hash chain whole: verify-db replays the ledger to find it."""

from __future__ import annotations

import sqlite3

import pytest
from cli_support import REPO  # noqa: F401  (puts tests/cli on the path, as for the other CLI tests)

from village_tui.store.db import open_engine
from village_tui.store.derived_check import first_difference


def sql(db, statement: str, *params) -> None:
    with sqlite3.connect(db) as con:
        con.execute(statement, params)
    con.close()


def one(db, query: str, *params):
    with sqlite3.connect(db) as con:
        row = con.execute(query, params).fetchone()
    con.close()
    return row


def dump(db) -> list:
    with sqlite3.connect(db) as con:
        return list(con.iterdump())


def first_matter(db) -> str:
    return one(db, "SELECT min(id) FROM matter")[0]


def test_an_untouched_database_matches_its_replayed_ledger(run, sample_db):
    code, out, err = run("--db", sample_db, "verify-db")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "派生表与台账重放结果一致；尚无乡镇见证点"
    code, out, _ = run("--lang", "en", "--db", sample_db, "verify-db")
    assert (
        out.splitlines()[1]
        == "Derived tables match the replayed ledger; no township checkpoint yet"
    )


def test_a_forged_approval_is_named_in_one_line_and_nothing_is_written(run, sample_db):
    matter = first_matter(sample_db)
    state = one(sample_db, "SELECT review_state FROM matter WHERE id = ?", matter)[0]
    assert state == "pending"
    sql(sample_db, "UPDATE matter SET review_state = 'approved' WHERE id = ?", matter)
    before = dump(sample_db)
    code, out, err = run("--db", sample_db, "verify-db")
    assert (code, out) == (1, "")
    assert err == (
        f"错误：派生表 matter 的记录 {matter} 字段 review_state：本库为 'approved'，"
        "按台账重放为 'pending'（派生数据与台账不符，可能被直接改动；可运行 rebuild 按台账重建）\n"
    )
    code, out, err = run("--lang", "en", "--db", sample_db, "verify-db")
    assert (code, out) == (1, "")
    assert err == (
        f"error: derived table matter, row {matter}, column review_state: stored 'approved',"
        " the ledger gives 'pending' (run rebuild to re-derive it from the ledger)\n"
    )
    assert dump(sample_db) == before  # verify-db only reads
    # rebuild puts it right, and verify-db agrees again
    assert run("--db", sample_db, "rebuild")[0] == 0
    assert run("--db", sample_db, "verify-db")[0] == 0


@pytest.mark.parametrize(
    "table,column,value",
    [
        ("village", "households", 1),  # the roster the quorum rules read
        ("matter", "spent_fen", 1),
        ("matter", "review_verdict", "approved"),
        ("step", "record", '{"held_on":"2026-01-01"}'),
        ("progress", "spent_fen", 0),
        ("completion", "summary", "改过"),
    ],
)
def test_each_derived_table_is_compared(sample_db, table, column, value):
    key = {"village": "code", "step": "matter_id", "completion": "matter_id"}.get(table, "id")
    (target,) = one(sample_db, f'SELECT {key} FROM "{table}" ORDER BY {key} LIMIT 1')
    sql(sample_db, f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = '
        f'(SELECT min(rowid) FROM "{table}" WHERE {key} = ?)', value, target)  # fmt: skip
    d = first_difference(open_engine(sample_db))
    assert (d.table, d.column, d.replayed != d.stored) == (table, column, True)
    assert d.key.startswith(target) and d.stored == value


def test_a_deleted_row_and_an_added_row_are_named(run, sample_db):
    (oid, matter) = one(sample_db, "SELECT id, matter_id FROM objection ORDER BY id LIMIT 1")
    sql(sample_db, "DELETE FROM objection WHERE id = ?", oid)
    code, _, err = run("--lang", "en", "--db", sample_db, "verify-db")
    assert code == 1
    assert err == (
        f"error: derived table objection, row {oid}: in the replayed ledger, but not stored"
        " (run rebuild)\n"
    )
    assert run("--db", sample_db, "rebuild")[0] == 0
    sql(
        sample_db,
        "INSERT INTO objection (id, matter_id, step, received_on, content, reply, seq)"
        " VALUES ('zz-forged', ?, 'resolution_disclosure', '2026-01-02', '', '', 1)",
        matter,
    )
    code, _, err = run("--db", sample_db, "verify-db")
    assert code == 1
    assert err == (
        "错误：派生表 objection 的记录 zz-forged：本库有，按台账重放没有（派生数据与台账不符；可运行 rebuild）\n"
    )


def test_the_first_difference_is_the_parent_table_s(sample_db):
    """A village and a matter both edited: the village (the parent) is named first."""
    matter = first_matter(sample_db)
    sql(sample_db, "UPDATE matter SET title = '改过' WHERE id = ?", matter)
    sql(sample_db, "UPDATE village SET name = '改过'")
    d = first_difference(open_engine(sample_db))
    assert (d.table, d.column, d.stored) == ("village", "name", "改过")


def test_a_long_stored_value_is_cut_to_one_short_line(run, sample_db):
    (matter,) = one(sample_db, "SELECT matter_id FROM step ORDER BY matter_id, step LIMIT 1")
    sql(sample_db, "UPDATE step SET record = ? WHERE rowid = (SELECT min(rowid) FROM step"
        " WHERE matter_id = ?)", '{"x":"' + "长\n" * 200 + '"}', matter)  # fmt: skip
    code, _, err = run("--lang", "en", "--db", sample_db, "verify-db")
    assert code == 1 and len(err.splitlines()) == 1
    assert f"derived table step, row {matter}/" in err and "column record: stored '{" in err
    assert "...," in err and len(err) < 400
