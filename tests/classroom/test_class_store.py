"""The class store against both of its back ends: an SQLite file and a real PostgreSQL
server (started here from Debian's package), and the reports written in the background,
also while the database is down."""

from __future__ import annotations

import math
import os
import time

import pytest
import sqlalchemy as sa

from classroom import challenges, store
from classroom.reporter import Reporter
from classroom.store import Membership, Report, Store
from tests import postgres


@pytest.fixture(scope="module")
def pg():
    if not postgres.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL (initdb, pg_ctl) is missing: tests/run.sh installs it")
        pytest.skip("PostgreSQL is not installed here (apt-get install postgresql)")
    with postgres.Server() as server:
        yield server


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """A database URL of each kind, empty."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'classes.sqlite'}"
    return emptied(request.getfixturevalue("pg"))


def emptied(server: postgres.Server) -> str:
    """The server's URL, its database emptied: each test starts from nothing."""
    engine = store.make_engine(server.url)
    with engine.begin() as c:
        for table in ("np_students", "np_classes", "np_lookup_misses", "np_meta"):
            c.execute(sa.text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()
    return server.url


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def db(backend, clock):
    s = Store(backend, clock)
    yield s
    s.engine.dispose()


def report(epoch=10, test_accuracy=0.5, test_loss=0.6, weights=100, hidden=2, state="playing",
           curve=((0, 0.7, 0.7), (10, 0.6, 0.6))) -> Report:
    return Report(epoch=epoch, train_loss=0.5, test_loss=test_loss, train_accuracy=0.6,
                  test_accuracy=test_accuracy, shape="2-8-8-1", hidden_layers=hidden,
                  weights=weights, settings="dataset=spiral&hidden=8,8", state=state,
                  diagnosis="", thumbnail=b"\x89PNG", curve=curve)


def test_teacher_key_opens_only_its_own_class(db):
    code, key = db.create_class("dataset=spiral", "fewest_weights")
    other, other_key = db.create_class("dataset=xor")
    assert len(code) == store.CODE_LENGTH and set(code) <= set(store.CODE_ALPHABET)
    assert db.is_teacher(code, key)
    assert not db.is_teacher(code, other_key)
    assert not db.is_teacher(code, "")
    assert not db.is_teacher(code, key + "x")
    assert not db.is_teacher("NOSUCHCL", key)
    view = store.view_key(key)  # the projector's: it shows, it does not act
    assert db.can_view(code, view) and db.can_view(code, key)
    assert not db.is_teacher(code, view) and not db.can_view(other, view)
    assert not db.can_view(code, "") and not db.can_view(code, store.view_key(other_key))
    info = db.info(code)
    assert (info.setup, info.challenge, info.paused, info.setup_version) == \
        ("dataset=spiral", "fewest_weights", False, 1)
    with db.engine.connect() as c:  # only a hash of the key is kept
        hashes = c.execute(sa.select(store.classes.c.key_hash)).scalars().all()
    assert key not in hashes and other_key not in hashes


def test_codes_as_typed_find_the_class():
    assert store.normal_code(" abcd-efgh ") == "ABCDEFGH"
    assert store.shown_code("ABCDEFGH") == "ABCD-EFGH"


def test_nicknames_are_unique_whatever_their_case_and_length_limited(db, clock):
    code, _ = db.create_class("")
    ada = db.join(code, "  Ada \n Lovelace ")
    clock.now += 1
    assert ada.nickname == "Ada Lovelace"
    with pytest.raises(store.NicknameTaken):
        db.join(code, "ADA LOVELACE")
    for bad in ["", "   ", "\u200b" * 3, "x" * (store.NICKNAME_MAX + 1)]:
        with pytest.raises(store.BadNickname):
            db.join(code, bad)
    script = db.join(code, "<script>x()</script>")  # kept as text; pages escape it
    assert script.nickname == "<script>x()</script>"
    clock.now += 1
    assert db.join(code, "x" * store.NICKNAME_MAX)
    assert [s.nickname for s in db.roster(code)] == \
        ["Ada Lovelace", "<script>x()</script>", "x" * store.NICKNAME_MAX]


def test_reports_reach_the_roster_and_only_from_the_session_that_joined(db):
    code, _ = db.create_class("", "fewest_weights")
    ada = db.join(code, "Ada")
    infos = db.report([(ada, report(epoch=12, test_loss=math.nan))])
    assert infos[code].code == code
    db.report([(Membership(code, "Ada", "not-her-token"), report(epoch=999))])
    (row,) = db.roster(code)
    assert row.report.epoch == 12
    assert row.report.test_loss is None  # never NaN in the database
    assert row.report.thumbnail == b"\x89PNG"
    assert row.report.curve == ((0, 0.7, 0.7), (10, 0.6, 0.6))
    long = tuple((e, 1.0 / (e + 1), None) for e in range(500))
    db.report([(ada, report(curve=long))])
    assert db.roster(code)[0].report.curve == long[-store.CURVE_POINTS:]


def test_the_leaderboard_keeps_each_students_best_entry_best_first(db):
    code, _ = db.create_class("", "fewest_weights")
    ada, bob, cy = (db.join(code, n) for n in ("Ada", "Bob", "Cy"))
    db.report([(ada, report(epoch=100, test_accuracy=0.97, weights=300)),
               (bob, report(epoch=200, test_accuracy=0.96, weights=120)),
               (cy, report(epoch=50, test_accuracy=0.80, weights=10))])  # not yet 95 %
    db.report([(ada, report(epoch=300, test_accuracy=0.99, weights=500))])  # worse: kept 300
    db.report([(bob, report(epoch=400, test_accuracy=0.99, weights=20, state="diverged"))])
    places = db.leaderboard(code)
    assert [(p.nickname, p.score, p.epoch) for p in places] == [("Bob", 120, 200),
                                                               ("Ada", 300, 100)]
    assert set(vars(places[0])) == {"nickname", "score", "epoch", "shape"}  # nothing more
    assert db.roster(code)[0].report.epoch == 300  # the latest report is the row's


def test_challenges_score_what_they_say():
    e = challenges.Entry
    assert challenges.score("fewest_weights", e(10, 0.1, 0.95, 2, 57)) == 57
    assert challenges.score("fewest_weights", e(10, 0.1, 0.94, 2, 57)) is None
    assert challenges.score("lowest_test_loss", e(2000, 0.12, 0.9, 2, 57)) == 0.12
    assert challenges.score("lowest_test_loss", e(2001, 0.01, 0.9, 2, 57)) is None
    assert challenges.score("no_hidden_layer", e(80, 0.1, 0.93, 0, 5)) == 80
    assert challenges.score("no_hidden_layer", e(80, 0.1, 0.99, 1, 5)) is None
    assert challenges.score(challenges.NONE, e(80, 0.1, 0.99, 1, 5)) is None


def test_trying_codes_is_refused_after_the_limit_even_for_a_real_code(db, clock):
    code, _ = db.create_class("")
    assert db.find(code, "10.0.0.1").code == code  # a hit costs nothing
    for n in range(store.LOOKUP_LIMIT):
        assert db.find(f"ZZZZZZZ{store.CODE_ALPHABET[n]}", "10.0.0.1") is None
    with pytest.raises(store.TooManyTries):
        db.find(code, "10.0.0.1")
    assert db.find(code, "10.0.0.2").code == code  # another client is not held up
    clock.now += store.LOOKUP_WINDOW + 1
    assert db.find(code, "10.0.0.1").code == code


def test_a_class_expires_and_is_purged_with_its_students(db, clock):
    code, key = db.create_class("", ttl=3600)
    db.join(code, "Ada")
    clock.now += 3599
    assert db.info(code) is not None
    clock.now += 2
    assert db.info(code) is None and not db.is_teacher(code, key)
    with pytest.raises(store.ClassGone):
        db.join(code, "Bob")
    assert db.purge() == 1
    with db.engine.connect() as c:
        assert c.execute(sa.select(sa.func.count()).select_from(store.students)).scalar() == 0


def test_ending_a_class_deletes_it_and_its_students_report_it_gone(db):
    code, _ = db.create_class("")
    keep, _ = db.create_class("")
    ada, bob = db.join(code, "Ada"), db.join(keep, "Bob")
    db.end(code)
    assert db.info(code) is None and db.roster(code) == []
    assert db.report([(ada, report()), (bob, report())]).keys() == {keep}
    assert [s.nickname for s in db.roster(keep)] == ["Bob"]


def test_pushing_a_set_up_and_pausing_reach_the_students(db):
    code, _ = db.create_class("dataset=xor")
    ada = db.join(code, "Ada")
    db.push_setup(code, "dataset=spiral")
    db.set_paused(code, True)
    info = db.report([(ada, report())])[code]
    assert (info.setup, info.setup_version, info.paused) == ("dataset=spiral", 2, True)


def test_the_schema_has_a_version_and_refuses_a_newer_one(backend):
    engine = store.make_engine(backend)
    assert store.migrate(engine) == 0  # an empty database, brought to the newest
    assert store.migrate(engine) == store.SCHEMA_VERSION  # nothing to do
    with engine.begin() as c:
        assert store.schema_version(c) == store.SCHEMA_VERSION
        c.execute(sa.update(store.meta).values(value="99"))
    with pytest.raises(store.NewerSchema):
        store.migrate(engine)
    engine.dispose()


def test_two_replicas_on_one_file_are_one_class(tmp_path):
    url = f"sqlite:///{tmp_path / 'one.sqlite'}"
    first, second = Store(url), Store(url)
    code, key = first.create_class("dataset=circles")
    ada = second.join(code, "Ada")
    first.report([(ada, report(epoch=5))])
    assert second.roster(code)[0].report.epoch == 5 and second.is_teacher(code, key)
    with first.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_database_that_cannot_be_opened_says_so(tmp_path):
    missing = Store(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite'}")
    with pytest.raises(store.Unreachable):
        missing.create_class("")
    for url in ["nonsense", "mysql+nodriver://u@h/db", "postgresql+nosuch://u@h/db"]:
        with pytest.raises(store.Unreachable):
            Store(url)
    assert store.database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_reports_wait_while_the_database_is_down_and_resume(pg):
    db = Store(emptied(pg))
    code, _ = db.create_class("", "fewest_weights")
    ada = db.join(code, "Ada")
    reporter = Reporter(lambda: db, interval=0.05)
    reporter.offer(ada, report(epoch=1))
    reporter.flush()
    assert reporter.status(code).reachable is True
    pg.stop()
    try:
        for epoch in (2, 3):  # the student trains on; each new report replaces the last
            reporter.offer(ada, report(epoch=epoch))
            with pytest.raises(store.Unreachable):
                reporter.flush()
        status = reporter.status(code)
        assert status.reachable is False and not status.ended
    finally:
        pg.start()
    reporter.offer(ada, report(epoch=4, test_accuracy=0.99, weights=50))
    deadline = time.monotonic() + 15
    while reporter.status(code).reachable is not True and time.monotonic() < deadline:
        time.sleep(0.05)
    assert reporter.status(code).reachable is True
    # The thread may have written the waiting report (epoch 3) just as epoch 4 arrived;
    # epoch 4 is then still pending, and a flush (after any write under way) lands it.
    reporter.flush()
    assert db.roster(code)[0].report.epoch == 4
    assert [p.nickname for p in db.leaderboard(code)] == ["Ada"]
    db.engine.dispose()


def test_the_reporter_says_when_the_class_has_ended(tmp_path):
    db = Store(f"sqlite:///{tmp_path / 'c.sqlite'}")
    code, _ = db.create_class("")
    ada = db.join(code, "Ada")
    reporter = Reporter(lambda: db)
    reporter.offer(ada, report())
    reporter.flush()
    assert reporter.status(code).info.code == code
    db.end(code)
    reporter.offer(ada, report())
    reporter.flush()
    assert reporter.status(code).ended and reporter.status(code).info is None


def test_a_watched_class_is_read_without_reports(tmp_path):
    db = Store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    code, _ = db.create_class("dataset=xor")
    reporter = Reporter(lambda: db)
    reporter.watch(code)  # a paused student's page: nothing to report, news still wanted
    reporter.flush()
    assert reporter.status(code).info.setup_version == 1
    db.push_setup(code, "dataset=spiral")
    reporter.flush()
    assert reporter.status(code).info.setup == "dataset=spiral"
    db.end(code)
    reporter.flush()
    assert reporter.status(code).ended
