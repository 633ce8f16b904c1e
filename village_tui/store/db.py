"""Engines, the default database path, and migrations on open.

Nothing here runs at import time: callers ask for an engine when they need one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

ENV_DB = "VILLAGE_TUI_DB"
# The newest migration. Checked against Alembic's own head by a test, so that a
# database already at head opens without importing Alembic (it costs start-up).
HEAD_REVISION = "0004"
BUSY_TIMEOUT_MS = 15_000
# The PostgreSQL advisory lock every writing transaction takes ("village" in ASCII).
WRITER_LOCK = 0x76696C6C616765


def default_db_path() -> Path:
    """The database in the user's data directory, or what VILLAGE_TUI_DB names."""
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB])
    import platformdirs

    return platformdirs.user_data_path("village-tui", appauthor=False) / "village.db"


def db_url(target: str | Path) -> str:
    """A SQLAlchemy URL for a file path, or the URL itself when one is given."""
    s = str(target)
    if "://" in s:
        return s
    return "sqlite:///" + Path(s).expanduser().resolve().as_posix()


def make_engine(target: str | Path) -> Engine:
    """An engine for a SQLite file (WAL, foreign keys, busy timeout) or a server URL."""
    url = db_url(target)
    if not url.startswith("sqlite"):
        engine = create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "postgresql":
            _writers_queue_on_postgresql(engine)
        return engine
    path = url.removeprefix("sqlite:///")
    if url.startswith("sqlite:///") and path != ":memory:" and not path.startswith("file:"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)  # not for URI names (file:...?mode=ro)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised by every test
        # We issue BEGIN ourselves (below) so that writers can take the lock up front.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # NORMAL is durable against a killed process in WAL mode; only power loss
        # can drop the last transactions, never corrupt the file.
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover - exercised by every test
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the
        # busy timeout instead of failing half-way with "database is locked".
        options = conn.get_execution_options()
        if not options.get("immediate", False):
            conn.exec_driver_sql("BEGIN")
        elif options.get("wait", True):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("PRAGMA busy_timeout=0")
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            except OperationalError as exc:
                if "locked" not in str(exc.orig):
                    raise
                raise WriterBusy from None
            finally:
                conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    return engine


def _writers_queue_on_postgresql(engine: Engine) -> None:
    """Writers take turns, as BEGIN IMMEDIATE makes them do on SQLite.

    Importers run at once (a county's townships) would otherwise both read a
    ledger's head, both append the same positions, and one would fail on a
    duplicate key; a review and a village bundle would update the same matter
    from stale reads. Checking a bundle happens before its transaction, so that
    part still runs in parallel.
    """

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover - exercised by the PostgreSQL tests
        options = conn.get_execution_options()
        if not options.get("immediate", False):
            return
        if options.get("wait", True):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
        elif not conn.exec_driver_sql(f"SELECT pg_try_advisory_xact_lock({WRITER_LOCK})").scalar():
            raise WriterBusy


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class WriterBusy(Exception):
    """Another program is writing, and the caller asked not to wait for it."""


@contextmanager
def write_session(engine: Engine, *, wait: bool = True) -> Iterator[Session]:
    """A session whose transaction holds the write lock from its first statement; commits on success.

    With `wait=False` the first statement raises WriterBusy at once if another
    program holds the lock (for work that can as well be left undone).
    """
    with engine.connect() as conn:
        conn = conn.execution_options(immediate=True, wait=wait)
        with Session(bind=conn) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading."""
    with Session(engine) as session:
        yield session


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:
            return None


def alembic_config(engine: Engine, conn=None):
    """An Alembic config pointing at the shipped migrations."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    # The URL goes through configparser, where "%" starts an interpolation; SQLAlchemy 2.1
    # percent-encodes a path with Chinese in it (村.db), which must not break migrations.
    url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
    cfg.set_main_option("sqlalchemy.url", url)
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (head by default)."""
    from alembic import command

    # As a writer: two programs opening a new database at once must not both create it.
    with engine.connect() as conn, conn.execution_options(immediate=True).begin():
        command.upgrade(alembic_config(engine, conn), revision)


def open_engine(target: str | Path) -> Engine:
    """An engine on a database brought up to the newest schema."""
    engine = make_engine(target)
    if current_revision(engine) != HEAD_REVISION:
        migrate(engine)
    return engine
