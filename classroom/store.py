"""Where a class lives: its set-up and challenge, its students' nicknames and latest runs.

One schema on two back ends through SQLAlchemy Core: an embedded SQLite file by default
(WAL mode, so every replica of ``deploy/serve.py`` on the machine shares one class), or
PostgreSQL given its URL (several machines, one database). Nothing else is stored: no
data points, no uploads, no names beyond the nickname a student picks; a class and all
its rows are deleted when it ends or expires.

Secrets are kept as SHA-256 hashes only: the teacher's key (it opens the dashboard) and
each student's token (only the session that joined reports under its nickname).

A class code is 8 characters from 31 (no 0/O, 1/I/L): 31**8 = 8.5e11 codes. A client
that names codes that do not exist is refused after ``LOOKUP_LIMIT`` misses within
``LOOKUP_WINDOW`` seconds, so trying codes finds a class with odds of about one in
10**9 a day per client (``find``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from . import challenges

SCHEMA_VERSION = 1
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
NICKNAME_MAX = 24  # characters
DEFAULT_TTL = 24 * 3600.0  # seconds a class lives unless the teacher ends it sooner
LOOKUP_LIMIT = 10  # misses a client may make ...
LOOKUP_WINDOW = 600.0  # ... within this many seconds
CURVE_POINTS = 60  # a student's loss curve as the dashboard draws it: at most this many
SETUP_MAX = 4000  # characters of a set-up link's query

metadata = sa.MetaData()
meta = sa.Table(
    "np_meta", metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("value", sa.String(64), nullable=False))
classes = sa.Table(
    "np_classes", metadata,
    sa.Column("code", sa.String(CODE_LENGTH), primary_key=True),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.Column("view_hash", sa.String(64), nullable=False),  # the projector's key
    sa.Column("setup", sa.Text, nullable=False),  # the Playground link's query
    sa.Column("setup_version", sa.Integer, nullable=False),  # +1 with every push
    sa.Column("challenge", sa.String(32), nullable=False),  # challenges.CHALLENGES or ""
    sa.Column("paused", sa.Boolean, nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("expires", sa.Float, nullable=False, index=True))
students = sa.Table(
    "np_students", metadata,
    sa.Column("code", sa.String(CODE_LENGTH),
              sa.ForeignKey("np_classes.code", ondelete="CASCADE"), primary_key=True),
    sa.Column("handle", sa.String(4 * NICKNAME_MAX), primary_key=True),  # the nickname folded
    sa.Column("nickname", sa.String(4 * NICKNAME_MAX), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False),
    sa.Column("joined", sa.Float, nullable=False),
    # the latest report (None until the first)
    sa.Column("seen", sa.Float),
    sa.Column("epoch", sa.Integer),
    sa.Column("train_loss", sa.Float),
    sa.Column("test_loss", sa.Float),
    sa.Column("train_accuracy", sa.Float),
    sa.Column("test_accuracy", sa.Float),
    sa.Column("shape", sa.String(200)),
    sa.Column("hidden_layers", sa.Integer),
    sa.Column("weights", sa.Integer),
    sa.Column("settings", sa.Text),
    sa.Column("state", sa.String(16)),
    sa.Column("diagnosis", sa.String(32)),
    sa.Column("thumbnail", sa.LargeBinary),
    sa.Column("curve", sa.Text),
    # the best entry in the class's challenge so far
    sa.Column("best", sa.Float),
    sa.Column("best_epoch", sa.Integer),
    sa.Column("best_shape", sa.String(200)))
misses = sa.Table(
    "np_lookup_misses", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client", sa.String(128), nullable=False, index=True),
    sa.Column("at", sa.Float, nullable=False))


class StoreError(Exception):
    """Base of what the store says went wrong; ``kind`` is the catalogue's key."""

    kind = "class_unreachable"


class Unreachable(StoreError):
    """The database could not be reached or refused the write (full, down, locked)."""


class NewerSchema(StoreError):
    kind = "class_newer_schema"


class TooManyTries(StoreError):
    kind = "class_too_many_tries"


class BadNickname(StoreError):
    kind = "class_bad_nickname"


class NicknameTaken(StoreError):
    kind = "class_nickname_taken"


class ClassGone(StoreError):
    kind = "class_gone"


@dataclass(frozen=True)
class ClassInfo:
    code: str
    setup: str
    setup_version: int
    challenge: str
    paused: bool
    expires: float


@dataclass(frozen=True)
class Membership:
    """A student's place in a class, as their session keeps it."""

    code: str
    nickname: str
    token: str


@dataclass(frozen=True)
class Report:
    """What a student's run tells the class: a few numbers, a tiny picture, a short curve."""

    epoch: int
    train_loss: float | None
    test_loss: float | None
    train_accuracy: float | None
    test_accuracy: float | None
    shape: str  # "2-8-8-1"
    hidden_layers: int
    weights: int  # weights and biases
    settings: str  # the Playground link's query that reopens this run
    state: str  # playing | paused | plateaued | diverged
    diagnosis: str  # the Playground's diagnosis as a key, "" if none
    thumbnail: bytes  # a small PNG of the decision region
    curve: tuple[tuple[int, float | None, float | None], ...]  # (epoch, train, test) loss


@dataclass(frozen=True)
class Student:
    """A row of the dashboard: the nickname and the latest report (None before one)."""

    nickname: str
    joined: float
    seen: float | None
    report: Report | None
    best: float | None
    best_epoch: int | None


@dataclass(frozen=True)
class Place:
    """A row of the leaderboard: all a student may see of another."""

    nickname: str
    score: float
    epoch: int
    shape: str


REPORT_FIELDS = [f.name for f in fields(Report)]


def normal_code(text: str) -> str:
    """A class code as typed ("abcd-efgh", with spaces) in its stored form ("ABCDEFGH")."""
    return "".join(ch for ch in text.upper() if ch.isalnum())[:4 * CODE_LENGTH]


def shown_code(code: str) -> str:
    """"ABCDEFGH" as a teacher reads it out: "ABCD-EFGH"."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def clean_nickname(text: str) -> str:
    """The nickname as it will be shown: NFC, single spaces, no control characters.
    Raises ``BadNickname`` when empty or longer than ``NICKNAME_MAX``."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = " ".join(text.split())
    if not text or len(text) > NICKNAME_MAX:
        raise BadNickname(text)
    return text


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def view_key(key: str) -> str:
    """The projector's key, made from the teacher's: it opens the dashboard to look at,
    never to act, so a link on a projector (its address bar in view of the class) gives
    no one the teacher's actions."""
    digest = hmac.new(key.encode(), b"projector", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def _finite(x) -> float | None:
    return float(x) if x is not None and math.isfinite(x) else None


def database_url(url: str) -> str:
    """SQLAlchemy's URL for ``url``: a PostgreSQL URL as a server gives it
    (``postgres://`` or ``postgresql://``) uses psycopg 3, the driver the app installs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_pragmas(connection, _record) -> None:
    # WAL: readers (the dashboard) never wait for the writer (the reports), and replicas
    # of serve.py share the file; busy_timeout: a writer waits for another's commit
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "busy_timeout=5000", "foreign_keys=ON",
                   "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def make_engine(url: str) -> sa.Engine:
    url = database_url(url)
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 5})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # an unreachable server must fail fast: a report is retried, a page never waits long
    return sa.create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=2,
                            connect_args={"connect_timeout": 3})


# --- the schema, and its migrations -------------------------------------------------------
def _create_v1(c: sa.Connection) -> None:
    metadata.create_all(c)


# MIGRATIONS[v] brings a database at version v to v + 1 (version 0: an empty database).
# A change to the schema adds a step here and raises SCHEMA_VERSION; the tables above are
# always the newest version.
MIGRATIONS: list[Callable[[sa.Connection], None]] = [_create_v1]


def schema_version(c: sa.Connection) -> int:
    if not sa.inspect(c).has_table(meta.name):
        return 0
    row = c.execute(sa.select(meta.c.value).where(meta.c.name == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(engine: sa.Engine) -> int:
    """Bring the database to ``SCHEMA_VERSION``; returns the version it was at. A database
    newer than this code is left alone (``NewerSchema``)."""
    for attempt in range(3):  # replicas starting together: one creates, the others wait
        try:
            with engine.begin() as c:
                was = schema_version(c)
                if was > SCHEMA_VERSION:
                    raise NewerSchema(f"database schema {was}, this app knows {SCHEMA_VERSION}")
                for step in MIGRATIONS[was:]:
                    step(c)
                if was == 0:
                    c.execute(sa.insert(meta).values(name="schema_version",
                                                     value=str(SCHEMA_VERSION)))
                elif was < SCHEMA_VERSION:
                    c.execute(sa.update(meta).where(meta.c.name == "schema_version")
                              .values(value=str(SCHEMA_VERSION)))
                return was
        except (IntegrityError, sa.exc.OperationalError, sa.exc.ProgrammingError):
            if attempt == 2:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


class Store:
    """A class store on ``url`` (SQLAlchemy URL). Every method raises ``Unreachable`` when
    the database cannot be reached, never a driver's own exception."""

    def __init__(self, url: str, clock: Callable[[], float] = time.time):
        self.url = url
        self.clock = clock
        try:
            self.engine = make_engine(url)
        except (sa.exc.ArgumentError, ImportError) as error:  # a URL no driver can read
            raise Unreachable(f"not a database URL this app can use: {error}") from error
        self._migrated = False

    def _begin(self):
        if not self._migrated:
            self._guarded(migrate, self.engine)
            self._migrated = True
        return self.engine.begin()

    @staticmethod
    def _guarded(f, *args):
        try:
            return f(*args)
        except StoreError:
            raise
        except SQLAlchemyError as error:
            raise Unreachable(str(error).splitlines()[0]) from error

    def _do(self, f, *args):
        """Run ``f(connection, *args)`` in one transaction."""
        def once():
            with self._begin() as c:
                return f(c, *args)
        return self._guarded(once)

    # --- a class ------------------------------------------------------------------------
    def create_class(self, setup: str, challenge: str = challenges.NONE,
                     ttl: float = DEFAULT_TTL) -> tuple[str, str]:
        """A new class; returns ``(code, teacher_key)``. The key is shown once and kept
        only as a hash."""
        if challenge != challenges.NONE and challenge not in challenges.CHALLENGES:
            raise ValueError(f"unknown challenge {challenge!r}")
        key, now = secrets.token_urlsafe(18), self.clock()
        self.purge()
        for _ in range(5):  # a code already in use (1 in 10**9 per class): draw again
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            row = dict(code=code, key_hash=_hash(key), view_hash=_hash(view_key(key)),
                       setup=setup[:SETUP_MAX],
                       setup_version=1, challenge=challenge, paused=False, created=now,
                       expires=now + ttl)
            try:
                self._do(lambda c, row=row: c.execute(sa.insert(classes).values(**row)))
                return code, key
            except Unreachable as error:
                if not isinstance(error.__cause__, IntegrityError):
                    raise
        raise Unreachable("no free class code")

    def info(self, code: str) -> ClassInfo | None:
        """The class, if it exists and has not expired."""
        return self._do(self._info, code)

    def _info(self, c: sa.Connection, code: str) -> ClassInfo | None:
        row = c.execute(sa.select(classes).where(
            classes.c.code == code, classes.c.expires > self.clock())).first()
        return None if row is None else _class_info(row)

    def is_teacher(self, code: str, key: str) -> bool:
        """Does ``key`` open this class's dashboard, with the teacher's actions?"""
        return self._opens(code, key, "key_hash")

    def can_view(self, code: str, key: str) -> bool:
        """Does ``key`` (the teacher's, or the projector's: ``view_key``) show the
        dashboard?"""
        return self._opens(code, key, "key_hash") or self._opens(code, key, "view_hash")

    def _opens(self, code: str, key: str, column: str) -> bool:
        row = self._do(lambda c: c.execute(sa.select(classes.c[column]).where(
            classes.c.code == code, classes.c.expires > self.clock())).first())
        return row is not None and bool(key) and hmac.compare_digest(row[0], _hash(key))

    def find(self, code: str, client: str) -> ClassInfo | None:
        """The class a student names, counting ``client``'s misses: ``TooManyTries`` once
        it has made ``LOOKUP_LIMIT`` within ``LOOKUP_WINDOW`` seconds, even for a code
        that exists (so trying codes cannot tell them apart)."""
        def find(c: sa.Connection) -> ClassInfo | None:
            now = self.clock()
            n = c.execute(sa.select(sa.func.count()).select_from(misses).where(
                misses.c.client == client[:128],
                misses.c.at > now - LOOKUP_WINDOW)).scalar_one()
            if n >= LOOKUP_LIMIT:
                raise TooManyTries(client)
            found = self._info(c, code)
            if found is None:
                c.execute(sa.insert(misses).values(client=client[:128], at=now))
            return found
        return self._do(find)

    def push_setup(self, code: str, setup: str) -> None:
        """A new set-up for every student (they accept it with one click)."""
        self._do(lambda c: c.execute(sa.update(classes).where(classes.c.code == code).values(
            setup=setup[:SETUP_MAX], setup_version=classes.c.setup_version + 1)))

    def set_paused(self, code: str, paused: bool) -> None:
        self._do(lambda c: c.execute(
            sa.update(classes).where(classes.c.code == code).values(paused=paused)))

    def end(self, code: str) -> None:
        """End the class: it and everything of its students are deleted."""
        def end(c: sa.Connection) -> None:
            c.execute(sa.delete(students).where(students.c.code == code))
            c.execute(sa.delete(classes).where(classes.c.code == code))
        self._do(end)

    def purge(self) -> int:
        """Delete expired classes (with their students) and old misses; returns how many
        classes went."""
        def purge(c: sa.Connection) -> int:
            now = self.clock()
            gone = sa.select(classes.c.code).where(classes.c.expires <= now)
            c.execute(sa.delete(students).where(students.c.code.in_(gone)))
            n = c.execute(sa.delete(classes).where(classes.c.expires <= now)).rowcount
            c.execute(sa.delete(misses).where(misses.c.at <= now - LOOKUP_WINDOW))
            return n
        return self._do(purge)

    # --- its students -------------------------------------------------------------------
    def join(self, code: str, nickname: str) -> Membership:
        """A student joins under ``nickname`` (unique in the class, whatever its case)."""
        nickname = clean_nickname(nickname)
        token = secrets.token_urlsafe(18)

        def join(c: sa.Connection) -> Membership:
            if self._info(c, code) is None:
                raise ClassGone(code)
            handle = nickname.casefold()
            taken = c.execute(sa.select(students.c.handle).where(
                students.c.code == code, students.c.handle == handle)).first()
            if taken:
                raise NicknameTaken(nickname)
            c.execute(sa.insert(students).values(
                code=code, handle=handle, nickname=nickname, token_hash=_hash(token),
                joined=self.clock()))
            return Membership(code, nickname, token)
        try:
            return self._do(join)
        except Unreachable as error:  # two joined with one nickname at the same moment
            if isinstance(error.__cause__, IntegrityError):
                raise NicknameTaken(nickname) from error
            raise

    def states(self, codes: Iterable[str]) -> dict[str, ClassInfo]:
        """The classes among ``codes`` that still exist, by code."""
        codes = sorted(set(codes))

        def read(c: sa.Connection) -> dict[str, ClassInfo]:
            rows = c.execute(sa.select(classes).where(
                classes.c.code.in_(codes), classes.c.expires > self.clock())).all()
            return {row.code: _class_info(row) for row in rows}
        return self._do(read) if codes else {}

    def report(self, reports: Iterable[tuple[Membership, Report]]) -> dict[str, ClassInfo]:
        """Write each student's latest report (a report whose token does not match its
        nickname's is dropped) and return the state of their classes; a class missing
        from the answer has ended or expired. One transaction for all of them."""
        reports = list(reports)

        def write(c: sa.Connection) -> dict[str, ClassInfo]:
            codes = sorted({m.code for m, _ in reports})
            rows = c.execute(sa.select(classes).where(
                classes.c.code.in_(codes), classes.c.expires > self.clock())).all()
            found = {row.code: _class_info(row) for row in rows}
            now = self.clock()
            params = [_report_params(m, r, found[m.code].challenge, now)
                      for m, r in reports if m.code in found]
            if params:  # one statement for them all (a class: one round trip, not thirty)
                c.execute(REPORT_UPDATE, params)
            return found
        return self._do(write) if reports else {}

    def roster(self, code: str) -> list[Student]:
        """Every student of the class, in the order they joined (the teacher's view)."""
        rows = self._do(lambda c: c.execute(sa.select(students).where(
            students.c.code == code).order_by(students.c.joined, students.c.handle)).all())
        return [_student(row) for row in rows]

    def leaderboard(self, code: str, limit: int = 10) -> list[Place]:
        """The challenge's best entries, best first (what every student may see)."""
        rows = self._do(lambda c: c.execute(
            sa.select(students.c.nickname, students.c.best, students.c.best_epoch,
                      students.c.best_shape)
            .where(students.c.code == code, students.c.best.is_not(None))
            .order_by(students.c.best, students.c.best_epoch, students.c.joined)
            .limit(limit)).all())
        return [Place(r.nickname, r.best, r.best_epoch, r.best_shape) for r in rows]


def _class_info(row) -> ClassInfo:
    return ClassInfo(row.code, row.setup, row.setup_version, row.challenge, bool(row.paused),
                     row.expires)


def _report_params(m: Membership, r: Report, challenge: str, now: float) -> dict:
    """``REPORT_UPDATE``'s parameters for one student's report."""
    values = {name: getattr(r, name) for name in REPORT_FIELDS}
    for name in ("train_loss", "test_loss", "train_accuracy", "test_accuracy"):
        values[name] = _finite(values[name])
    values["curve"] = json.dumps([[e, _finite(a), _finite(b)] for e, a, b in
                                  r.curve[-CURVE_POINTS:]])
    score = challenges.score(challenge, challenges.Entry(
        r.epoch, values["test_loss"], values["test_accuracy"], r.hidden_layers, r.weights))
    return {**values, "seen": now, "score": None if r.state == "diverged" else score,
            "w_code": m.code, "w_handle": m.nickname.casefold(), "w_token": _hash(m.token)}


def _report_update() -> sa.Update:
    """One student's latest report, written over the last, if the token is theirs; and
    their best entry in the challenge, if this one is better (``score`` lower; None: it
    does not count)."""
    def typed(name: str) -> sa.BindParameter:  # (PostgreSQL asks each parameter's type)
        return sa.bindparam(name, type_=students.c[name].type)

    score = sa.cast(sa.bindparam("score", type_=sa.Float), sa.Float)
    better = sa.and_(score.is_not(None),
                     sa.or_(students.c.best.is_(None), students.c.best > score))
    return sa.update(students).where(
        students.c.code == sa.bindparam("w_code", type_=students.c.code.type),
        students.c.handle == sa.bindparam("w_handle", type_=students.c.handle.type),
        students.c.token_hash == sa.bindparam("w_token", type_=students.c.token_hash.type),
    ).values(
        **{name: typed(name) for name in [*REPORT_FIELDS, "seen"]},
        best=sa.case((better, score), else_=students.c.best),
        best_epoch=sa.case((better, typed("epoch")), else_=students.c.best_epoch),
        best_shape=sa.case((better, typed("shape")), else_=students.c.best_shape))


REPORT_UPDATE = _report_update()


def _student(row) -> Student:
    report = None
    if row.seen is not None:
        curve = tuple(tuple(p) for p in json.loads(row.curve or "[]"))
        report = Report(**{name: getattr(row, name) for name in REPORT_FIELDS
                           if name != "curve"}, curve=curve)
    return Student(row.nickname, row.joined, row.seen, report, row.best, row.best_epoch)
