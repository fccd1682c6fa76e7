"""The class page in AppTest: a teacher starts a class and opens its dashboard, students
join under nicknames, their Playground reports to the class and hears from it (a new
set-up, a pause, the end), and what can go wrong says so without a traceback: a wrong
key, a code that does not exist, too many of them, a nickname taken, no database."""

from __future__ import annotations

import pytest

from classroom import store
from tests.apptest import boxes, open_page
from ui.classroom import connection, student, teacher
from ui.i18n import texts

T = texts("classroom")


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    monkeypatch.setenv(connection.ENV, url)
    return url


def new_class(challenge: str = "fewest_weights", setup: str = "dataset=xor&hidden=3"):
    return connection.store().create_class(setup, challenge)


def join_page(code: str, nickname: str):
    """A student's AppTest: the join page, the nickname given."""
    at = open_page("pages/class.py", {"class": code})
    at.text_input[0].input(nickname)
    return at.button[0].click().run()


def joined(code: str, nickname: str):
    """A student's AppTest, joined, on the Playground."""
    at = join_page(code, nickname)
    # (AppTest's later runs stay on the page it was told, not the one the script went to)
    return at.switch_page("pages/playground.py").run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_teacher_starts_a_class_and_gets_both_links(lang):
    at = open_page("pages/class.py", {"lang": lang})
    assert not at.exception
    at.radio(key="start_challenge").set_value("fewest_weights").run()
    start = texts("classroom", lang)["start"]
    next(b for b in at.button if b.label == start).click().run()
    assert not at.exception
    code, key = at.session_state[teacher.CREATED]
    links = [c.value for c in at.code]
    assert any(link.endswith(f"class?class={code}") for link in links)
    assert any(f"key={key}" in link for link in links)
    info = connection.store().info(code)
    assert info.challenge == "fewest_weights" and "dataset=" in info.setup


def test_only_the_teacher_key_opens_the_dashboard():
    code, key = new_class()
    at = open_page("pages/class.py", {"class": code, "key": key})
    assert not at.exception and not at.error
    assert at.title[0].value == T["dashboard_title"].format(code=store.shown_code(code))
    assert T["nobody_yet"] in boxes(at)
    assert T["pause_class"] in [b.label for b in at.button]  # the teacher's actions
    for wrong in ["x", key[:-1], new_class()[1], store.view_key(key)]:
        at = open_page("pages/class.py", {"class": code, "key": wrong})
        assert not at.exception
        assert [e.value for e in at.error] == [T["refused"]]
        assert not at.dataframe


def test_the_projectors_key_shows_the_class_and_cannot_act():
    code, key = new_class()
    joined(code, "Ada")
    at = open_page("pages/class.py", {"class": code, "view": store.view_key(key)})
    assert not at.exception and not at.error
    assert not at.button and not at.dataframe  # no actions, no one's numbers in a table
    assert any("Ada" in h.proto.body for h in at.get("html"))
    safe = open_page("pages/class.py",
                     {"class": code, "view": store.view_key(key), "safe": "1"})
    bodies = "".join(h.proto.body for h in safe.get("html"))
    assert "Ada" in bodies and "np-class-thumbnails" not in bodies
    wrong = open_page("pages/class.py", {"class": code, "view": key[::-1]})
    assert [e.value for e in wrong.error] == [T["refused"]]


def test_a_student_joins_plays_and_the_dashboard_shows_the_run():
    code, key = new_class()
    at = joined(code, "Ada")
    assert not at.exception
    assert at.session_state[student.MEMBER].nickname == "Ada"
    assert at.query_params["dataset"] == "xor"  # the teacher's set-up
    assert any("Ada" in m.value and store.shown_code(code) in m.value for m in at.markdown)
    step = next(b for b in at.button if b.label == texts("playground")["step"])
    step.click().run()
    connection.reporter().flush()
    (row,) = connection.store().roster(code)
    assert row.report.epoch == 1 and row.report.shape == "2-3-1"
    assert row.report.state == "paused" and row.report.thumbnail.startswith(b"\x89PNG")
    dash = open_page("pages/class.py", {"class": code, "key": key})
    assert not dash.exception
    table = dash.dataframe[0].value
    assert list(table[T["col_nickname"]]) == ["Ada"]
    assert list(table[T["col_epoch"]]) == [1]


def test_nicknames_are_unique_and_a_wrong_code_is_said_plainly():
    code, _ = new_class()
    joined(code, "Ada")
    at = join_page(code, "ada")
    assert [e.value for e in at.error] == [T["class_nickname_taken"]]
    at = open_page("pages/class.py", {"class": "NOPE2345"})
    assert not at.exception
    assert [e.value for e in at.error] == [T["no_such_class"].format(code="NOPE-2345")]


def test_trying_codes_is_stopped_with_a_message():
    code, _ = new_class()
    for n in range(store.LOOKUP_LIMIT):
        open_page("pages/class.py", {"class": f"NOPE234{store.CODE_ALPHABET[n]}"})
    at = open_page("pages/class.py", {"class": code})  # the right one, too late
    assert [e.value for e in at.error] == [T["class_too_many_tries"]]
    assert not at.text_input


def test_a_pushed_set_up_and_a_pause_reach_the_student():
    code, _ = new_class(setup="dataset=xor&hidden=3")
    at = joined(code, "Ada")
    connection.store().push_setup(code, "dataset=spiral&hidden=5")
    connection.store().set_paused(code, True)
    at.run()  # (each page run reports; the reply says what the class is now)
    connection.reporter().flush()
    at.run()
    assert T["banner_paused"] in boxes(at) and T["banner_new_setup"] in boxes(at)
    at.button(key="np-class-accept").click().run()
    assert not at.exception
    assert at.query_params["dataset"] == "spiral" and at.query_params["hidden"] == "5"
    connection.store().end(code)
    at.run()
    connection.reporter().flush()
    at.run()
    assert T["banner_ended"] in boxes(at)


def test_no_database_is_said_and_the_playground_plays_on(monkeypatch, tmp_path):
    code, key = new_class()
    at = joined(code, "Ada")
    monkeypatch.setenv(connection.ENV, f"sqlite:///{tmp_path / 'no' / 'such.sqlite'}")
    page = open_page("pages/class.py", {"class": code, "key": key})
    assert not page.exception and [e.value for e in page.error] == [T["refused"]]
    page = open_page("pages/class.py", {"class": code})
    assert not page.exception and [e.value for e in page.error] == [T["class_unreachable"]]
    step = next(b for b in at.button if b.label == texts("playground")["step"])
    step.click().run()  # the student's page trains on
    assert not at.exception
    with pytest.raises(store.Unreachable):
        connection.reporter().flush()
    at.run()
    assert T["banner_unreachable"] in boxes(at)


def test_a_code_typed_as_read_out_finds_the_class():
    code, _ = new_class()
    at = open_page("pages/class.py")
    at.text_input(key=student.FIND).input(f" {store.shown_code(code).lower()} ")
    next(b for b in at.button if b.label == T["find"]).click().run()
    assert not at.exception
    assert at.title[0].value == T["join_class"].format(code=store.shown_code(code))
