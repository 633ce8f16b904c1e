"""Engines, the default database path, and migrations on open.

Nothing here runs at import time: callers ask for an engine when they need one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

ENV_DB = "VILLAGE_TUI_DB"
# The newest migration. Checked against Alembic's own head by a test, so that a
# database already at head opens without importing Alembic (it costs start-up).
HEAD_REVISION = "0007"
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
    from sqlalchemy.engine import URL

    # Quoted, so that `%`, `?` or `#` in a folder name stay part of the path.
    path = Path(s).expanduser().resolve().as_posix()
    return URL.create("sqlite", database=path).render_as_string(hide_password=False)


def sqlite_file(target: str | Path) -> Path | None:
    """The SQLite file `target` names, or None for a server or an in-memory database."""
    from urllib.parse import unquote, urlparse

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(db_url(target))
    except (ArgumentError, ValueError):
        return None  # opening it will say what is wrong
    name = url.database
    if url.get_backend_name() != "sqlite" or not name or name == ":memory:":
        return None
    if name.startswith("file:"):  # a URI name, e.g. file:/path/county.db?mode=ro
        name = unquote(urlparse(name).path)
    return Path(name)


def read_only_url(path: Path, *, immutable: bool = False):
    """A URL that opens a SQLite file for reading only; `immutable` for media nobody can write.

    `mode=ro` still takes SQLite's locks (and needs the -shm beside a WAL database);
    `immutable=1` takes none, which is right on a CD or a write-protected stick only.
    """
    from sqlalchemy.engine import URL

    query = {"immutable": "1"} if immutable else {"mode": "ro"}
    return URL.create("sqlite", database=file_uri(path), query={**query, "uri": "true"})


def file_uri(path: Path) -> str:
    """SQLite's `file:` name for a path (`%`, `?`, `#` quoted; C:/ works on Windows)."""
    from urllib.parse import quote

    posix = path.expanduser().resolve().as_posix()
    return "file:" + quote(posix if posix.startswith("/") else "/" + posix, safe="/:")


def is_sqlite_file(path: Path) -> bool:
    """Whether SQLite takes the (non-empty) file for a database; the file is left untouched.

    Asked of SQLite itself: reading the header through a file of our own and closing it
    would drop the locks SQLite holds on that file for this process's other connections.
    """
    import sqlite3

    try:
        conn = sqlite3.connect(file_uri(path) + "?immutable=1", uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return "not a database" not in str(exc)
    return True


def make_engine(target) -> Engine:
    """An engine for a SQLite file (WAL, foreign keys, busy timeout) or a server URL."""
    url = target if not isinstance(target, (str, Path)) else db_url(target)
    if not str(url).startswith("sqlite"):
        engine = create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "postgresql":
            _writers_queue_on_postgresql(engine)
        return engine
    # No folder is made here: a mistyped --db folder must fail, not become a new empty
    # database (the default folder is made by the CLI, which knows it is the default).
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
    joined = _joined_connection(engine)
    if joined is not None:
        # Inside one_transaction: a savepoint, so only the outer block commits.
        with Session(bind=joined, join_transaction_mode="create_savepoint") as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
        return
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
    joined = _joined_connection(engine)
    if joined is not None:  # reads must see what the block has written so far
        with Session(bind=joined, join_transaction_mode="create_savepoint") as session:
            yield session
        return
    with Session(engine) as session:
        yield session


# The engine and connection of the one_transaction block this thread is in, if any.
_joined: ContextVar[tuple[Engine, Connection] | None] = ContextVar("joined", default=None)


def _joined_connection(engine: Engine) -> Connection | None:
    found = _joined.get()
    return found[1] if found is not None and found[0] is engine else None


@contextmanager
def one_transaction(engine: Engine) -> Iterator[None]:
    """Every session on `engine` inside the block shares one transaction: all of it or nothing.

    For writes made of several service calls (a whole matter from a backlog
    workbook): the services keep opening their own sessions, and an exception
    anywhere in the block rolls every one of them back.
    """
    if _joined_connection(engine) is not None:
        raise RuntimeError("one_transaction is not re-entrant")
    with engine.connect() as conn:
        conn = conn.execution_options(immediate=True)
        token = _joined.set((engine, conn))
        try:
            with conn.begin():
                yield
        finally:
            _joined.reset(token)


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
    # configparser reads `%` as interpolation: a folder named "100%" or a URL-quoted
    # Chinese name (%E5%BC%A0) would stop every migration.
    url = engine.url.render_as_string(hide_password=False)
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (head by default)."""
    from alembic import command

    # As a writer: two programs opening a new database at once must not both create it.
    with engine.connect() as conn, conn.execution_options(immediate=True).begin():
        command.upgrade(alembic_config(engine, conn), revision)


def open_engine(target) -> Engine:
    """An engine on a database brought up to the newest schema."""
    engine = make_engine(target)
    if current_revision(engine) != HEAD_REVISION:
        migrate(engine)
    return engine
