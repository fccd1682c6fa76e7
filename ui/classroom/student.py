"""A student in a class: joining it, the class's line on the Playground, and the run's
reports to the class (once a second, written in the background by the process's
reporter, so a slow or absent database never holds up training).

Session keys are namespaced ``classroom.*``."""

from __future__ import annotations

import time
from urllib.parse import parse_qsl, urlencode

import numpy as np
import streamlit as st

from classroom import progress, store
from classroom.store import Membership, Report
from figures import png
from figures.region import region_image

from .. import language
from ..lesson import PLAYGROUND_PAGE
from ..playground import controller, views
from ..playground.live import LiveRun
from . import connection
from .dashboard import leaderboard_html
from .teacher import public_query
from .words import as_markdown, tell

MEMBER = "classroom.member"  # this session's Membership, once it has joined
SETUP_VERSION = "classroom.setup_version"  # the teacher's set-up this student last opened
REPORT_SECONDS = 1.0  # a report at most this often: as often as the dashboard reads them
THUMBNAIL = 32  # the region's thumbnail, pixels a side

state = st.session_state


def member() -> Membership | None:
    return state.get(MEMBER)


FIND = "classroom.find"  # the code a student typed to find a class


def find_class() -> None:
    """The find button's callback: the join page of the class whose code was typed."""
    typed = store.normal_code(state.get(FIND, ""))
    if typed:
        st.query_params["class"] = typed


NICKNAME = "classroom.nickname"  # the join form's field
JOINED = "classroom.joined"  # the class just joined: its set-up opens on the next run


def join(info: store.ClassInfo) -> None:
    """The join button's callback: join as the nickname typed, or say why not."""
    try:
        state[MEMBER] = connection.store().join(info.code, state.get(NICKNAME, ""))
        state[JOINED] = info
    except store.StoreError as error:
        tell(error.kind)


def open_if_joined() -> None:
    """Just joined: open the class's set-up in the Playground."""
    if JOINED in state:
        open_setup(state.pop(JOINED))


def open_setup(info: store.ClassInfo) -> None:
    """Open the teacher's set-up in the Playground: a fresh run of it."""
    _fresh_run(info)
    st.switch_page(PLAYGROUND_PAGE, query_params=setup_params(info.setup))


def _fresh_run(info: store.ClassInfo) -> None:
    """The Playground's next run starts afresh from the link: the class's set-up."""
    state[SETUP_VERSION] = info.setup_version
    for key in (controller.PLAYING, controller.RUN):
        state.pop(key, None)


def setup_params(setup: str) -> dict[str, str]:
    """The set-up's Playground link parameters, in this learner's language."""
    return {**dict(parse_qsl(setup)), **language.link_params()}


def settings_query(run: LiveRun) -> str:
    """The query that reopens ``run``'s settings, without anything private."""
    return urlencode(public_query(run.settings))


# --- the run's reports ------------------------------------------------------------------
def make_report(run: LiveRun, playing: bool) -> Report:
    """What ``run`` tells the class now: its numbers, shape, state and a small picture."""
    net, last = run.trainer.network, run.last
    sizes = [net.W[0].shape[0], *(W.shape[1] for W in net.W)]
    # the loss curve as the dashboard draws it: at most CURVE_POINTS of the history's rows
    rows = run.history.rows
    rows = [rows[i] for i in progress.thin(len(rows), store.CURVE_POINTS)]
    curve = tuple((int(r["epoch"]), _number(r["train_loss"]), _number(r["test_loss"]))
                  for r in rows)
    if last.diverged:
        status = "diverged"
    elif not playing:
        status = "paused"
    elif progress.plateaued([e for e, _, _ in curve],
                            [np.nan if t is None else t for _, t, _ in curve],
                            last.train_accuracy):
        status = "plateaued"
    else:
        status = "playing"
    causes = views.causes(run)
    return Report(
        epoch=run.epoch, train_loss=last.train_loss, test_loss=last.test_loss,
        train_accuracy=last.train_accuracy, test_accuracy=last.test_accuracy,
        shape="-".join(map(str, sizes)), hidden_layers=len(net.hidden),
        weights=int(sum(W.size + b.size for W, b in zip(net.W, net.b))),
        settings=settings_query(run), state=status, diagnosis=causes[0][0] if causes else "",
        thumbnail=thumbnail(run), curve=curve)


def _number(x) -> float | None:
    return float(x) if x is not None and np.isfinite(x) else None


def thumbnail(run: LiveRun) -> bytes:
    """The decision region as a ``THUMBNAIL``-pixel PNG, coloured as the Playground's."""
    if not run.trainer.network.is_finite():
        return b""
    output = run.region_output(THUMBNAIL)
    return png.encode(region_image(output, run.data.task, value_scale=run.value_scale()))


def report(run: LiveRun, playing: bool) -> None:
    """Offer ``run``'s report to the class now (outside a class: nothing)."""
    m = member()
    if m is not None:
        connection.reporter().offer(m, make_report(run, playing))


class Reporting:
    """A live view that also reports the run to the class once a second, and stops
    playing when the teacher pauses the class. Draws exactly as the view it wraps.

    Everything it needs is taken as the page runs, so a frame without a report costs a
    clock reading: with thirty students at fifteen frames a second, reading the session's
    state on every frame cost the server a few per cent of its core."""

    def __init__(self, view, run: LiveRun, m: Membership):
        self.view, self.run, self.member = view, run, m
        self.reporter = connection.reporter()
        self.shown = state.get(SHOWN)  # what the page's banner said as it was drawn
        self.due = time.monotonic() + REPORT_SECONDS  # (the page run has just reported)

    def draw(self, tick) -> None:
        self.view.draw(tick)
        now = time.monotonic()
        if now < self.due:
            return
        self.due = now + REPORT_SECONDS
        self.reporter.offer(self.member, make_report(self.run, playing=True))
        status = self.reporter.status(self.member.code)
        if status.info is not None and status.info.paused:
            state[controller.PLAYING] = False
            st.rerun()
        if _news(status) != self.shown:  # the banner has news: the page redraws
            st.rerun()  # (and plays on)


SHOWN = "classroom.shown"  # what the banner last said (``_news``)


def _news(status) -> tuple:
    """What the banner says of the class: reachable, ended, paused, the set-up's version."""
    info = status.info
    return (status.reachable is not False, status.ended, info and info.paused,
            info and info.setup_version)


def reporting(view, run: LiveRun):
    """``view``, reporting to the class if this session is in one."""
    m = member()
    return Reporting(view, run, m) if m is not None else view


# --- the class's line on the Playground -------------------------------------------------
def banner(T: dict) -> None:
    """Which class, under which nickname, the challenge; and what the class says: can it
    be reached, has it ended, is it paused, has the teacher sent a new set-up."""
    m = member()
    if m is None:
        return
    status = connection.reporter().status(m.code)
    state[SHOWN] = _news(status)
    info = status.info
    challenge = T[f"challenge_{info.challenge}"] if info and info.challenge else ""
    line = T["banner"].format(code=store.shown_code(m.code),
                              nickname=as_markdown(m.nickname))
    with st.container(border=True, key="np-class-banner"):
        st.markdown(line + (f" · {T['banner_challenge']} {challenge}" if challenge else ""))
        if status.ended:
            st.warning(T["banner_ended"])
        elif status.reachable is False:
            st.warning(T["banner_unreachable"])
        elif info is not None:
            if info.paused:
                st.info(T["banner_paused"])
            if info.challenge:
                _leaderboard(m.code, info.challenge, T)
            if info.setup_version > state.get(SETUP_VERSION, 1):
                st.info(T["banner_new_setup"])
                st.button(T["banner_open_setup"], on_click=_accept, args=(info,),
                          key="np-class-accept")
    if not state.get(controller.PLAYING):
        _listen(m.code)  # (while playing, the live loop listens: ``Reporting``)


LISTEN_SECONDS = 2.0  # a paused student's page asks for news of the class this often


@st.fragment(run_every=LISTEN_SECONDS)
def _listen(code: str) -> None:
    """While the student's page is paused: news of the class (a set-up pushed, a pause
    lifted, the end, the database gone or back) redraws the page. A look in the
    process's reporter, which reads the class for all its paused pages at once."""
    reporter = connection.reporter()
    reporter.watch(code)
    if _news(reporter.status(code)) != state.get(SHOWN):
        st.rerun(scope="app")


def _leaderboard(code: str, challenge: str, T: dict) -> None:
    """The challenge's leaderboard: all a student sees of the others."""
    try:
        places = connection.store().leaderboard(code, limit=5)
    except store.StoreError:
        return  # (the banner already says whether the class can be reached)
    with st.expander(T["leaderboard"]):
        if places:
            st.html(leaderboard_html(places, challenge, T))
        else:
            st.caption(T["leaderboard_empty"])


def _accept(info: store.ClassInfo) -> None:
    """"Open it": the new set-up, as the Playground's link."""
    _fresh_run(info)
    st.query_params.from_dict(setup_params(info.setup))
