"""Class: a teacher starts a class and follows it on a live dashboard; students join it.

One page, three uses, by its link: ``/class`` starts a class (or finds one by its code),
``/class?class=CODE`` joins it, ``/class?class=CODE&key=KEY`` is the teacher's dashboard,
``&view=VIEW`` instead of the key the projector's (it shows the class on one screen and
cannot act; ``safe=1``: nicknames and the leaderboard only; ``present=1`` gives the
teacher's own key the projector's layout).
The class lives in a database (classroom/store.py); the student's side of a class is in
the Playground (ui/classroom/student.py)."""

import streamlit as st

from classroom import store
from ui import language, lesson, routing
from ui.classroom import connection, dashboard, student, teacher
from ui.classroom.words import as_markdown, say_pending, stop_with
from ui.i18n import texts
from ui.live import sharing
from ui.playground import frame

routing.through_app()  # first, before anything is drawn
LANG = language.current()
T, T_play = texts("classroom", LANG), texts("playground", LANG)
code = store.normal_code(st.query_params.get("class", ""))
key = st.query_params.get("key", "")  # the teacher's: it opens the dashboard and its actions
view = st.query_params.get("view", "")  # the projector's: it opens the dashboard to look at
# on the projector: the class on one 1280 x 720 screen, no actions (the projector's key
# always; the teacher's with present=1)
present = bool(view) and not key or st.query_params.get("present") == "1"
safe = present and st.query_params.get("safe") == "1"  # for the students' eyes


REFRESH_SECONDS = 0.8  # the dashboard reads the class anew: "at least once a second"


# --- the teacher's dashboard -------------------------------------------------------------
if code and (key or view):
    if teacher.ended_here(code):
        st.title(T["dashboard_title"].format(code=store.shown_code(code)))
        st.info(T["ended"])
        st.stop()
    if not teacher.opens(code, key, view):
        st.title(T["title"])
        st.error(T["refused"])
        st.stop()
    if present:
        st.set_page_config(initial_sidebar_state="collapsed")
        st.html(frame.PRESENT_CSS)
    # (on the projector a smaller title: the class must fit one 1280 x 720 screen)
    (st.header if present else st.title)(T["dashboard_title"].format(
        code=store.shown_code(code)))
    st.markdown(T["dashboard_intro"].format(link=teacher.join_link(code),
                                            code=store.shown_code(code)))
    try:
        info = connection.store().info(code)
    except store.StoreError as error:
        stop_with(T, error)
    if info is None:
        st.info(T["ended"])
        st.stop()
    challenge = T["challenge_" + info.challenge] if info.challenge else ""
    if challenge and not present:
        st.markdown(f"**{T['challenge']}:** {challenge}")
    say_pending(T)
    if not present:  # the actions, on the teacher's own screen
        actions = st.container(horizontal=True, vertical_alignment="center")
        with actions.popover(T["push"], help=T["push_help"], icon=":material/send:"):
            query = teacher.setup_chooser(T, T_play, "push")
            st.button(T["push_send"], disabled=query is None, on_click=teacher.push,
                      args=(code, query))
        paused = info.paused
        actions.button(T["resume_class"] if paused else T["pause_class"],
                       on_click=teacher.pause, args=(code, not paused))
        with actions.popover(T["end_class"], icon=":material/stop_circle:"):
            st.button(T["end_confirm"], type="primary", on_click=teacher.end, args=(code,))
        actions.link_button(T["present_link"], teacher.projector_link(code, key),
                            help=T["present_help"])
        actions.link_button(T["safe_link"], teacher.projector_link(code, key, safe=True),
                            help=T["safe_help"])
        if paused:
            st.info(T["paused_note"])

    @st.fragment(run_every=REFRESH_SECONDS)
    def board() -> None:
        """The class, live: a new read of the store more than once a second (between the
        live loops' turns: ui/live/sharing.aside)."""
        with sharing.aside():
            _board()

    def _board() -> None:
        try:
            roster = connection.store().roster(code)
            places = connection.store().leaderboard(code) if info.challenge else []
        except store.StoreError as error:
            st.warning(T[error.kind])
            return
        now = dashboard.now()
        # on the projector: the class at a glance on one 1280 x 720 screen; on the
        # teacher's own screen: every student's numbers too
        top = st.columns(2, gap="large") if present else [st.container(), st.container()]
        with top[1 if present else 0]:
            if roster:
                st.markdown(dashboard.counts_line(roster, now, T))
            else:
                st.info(T["nobody_yet"])
        with top[0]:
            if info.challenge:
                st.subheader(T["leaderboard"])
                if present:
                    st.caption(challenge)
                if places:
                    st.html(dashboard.leaderboard_html(places[:5 if present else 10],
                                                       info.challenge, T))
                else:
                    st.caption(T["leaderboard_empty"])
            if present and not safe:
                st.html(dashboard.curves_html(roster, T, width=400))
        with top[1]:
            if safe:  # who is here, and nothing more
                st.html(dashboard.nicknames_html(roster))
            elif present:
                st.html(dashboard.thumbnails_html(roster, now, T, size=56))
        if present:
            return
        st.subheader(T["students"])
        st.dataframe(
            dashboard.table(roster, now, T, language.link_params()), hide_index=True,
            column_config={
                **{T[c]: st.column_config.NumberColumn(format="%.4g")
                   for c in ("col_train_loss", "col_test_loss")},
                T["col_test_accuracy"]: st.column_config.NumberColumn(format="percent"),
                T["col_open"]: st.column_config.LinkColumn(display_text=T["col_open_text"])})
        left, right = st.columns(2)
        with left:
            st.subheader(T["thumbnails"])
            st.html(dashboard.thumbnails_html(roster, now, T))
        with right:
            st.html(dashboard.curves_html(roster, T))

    board()

# --- a student joins ---------------------------------------------------------------------
elif code:
    student.open_if_joined()
    st.title(T["join_class"].format(code=store.shown_code(code)))
    try:
        info = connection.store().find(code, connection.client())
    except store.StoreError as error:
        stop_with(T, error)
    if info is None:
        st.error(T["no_such_class"].format(code=store.shown_code(code)))
        st.stop()
    if info.challenge:
        st.markdown(T["join_challenge"].format(challenge=T["challenge_" + info.challenge]))
    me = student.member()
    if me is not None and me.code == code:
        st.markdown(T["already_in"].format(code=store.shown_code(code),
                                           nickname=as_markdown(me.nickname)))
        st.page_link(lesson.PLAYGROUND_PAGE, label=T["back_to_playground"],
                     icon=":material/tune:")
        st.stop()
    say_pending(T)
    with st.form("join"):
        st.text_input(T["nickname"], max_chars=store.NICKNAME_MAX, help=T["nickname_help"],
                      key=student.NICKNAME)
        st.form_submit_button(T["join"], type="primary", on_click=student.join, args=(info,))

# --- a teacher starts a class; a student finds one by its code -----------------------------
else:
    st.title(T["title"])
    st.markdown(T["intro"])
    start, find = st.columns(2, gap="large")
    with start:
        st.subheader(T["start_title"])
        query = teacher.setup_chooser(T, T_play, "start")
        names = teacher.challenge_names(T)
        challenge = st.radio(T["challenge"], list(names), format_func=names.get,
                             key="start_challenge")
        st.button(T["start"], type="primary", disabled=query is None, on_click=teacher.start,
                  args=(query, challenge))
        say_pending(T)
        created = st.session_state.get(teacher.CREATED)
        if created:
            new_code, new_key = created
            shown = store.shown_code(new_code)
            st.success(T["started"].format(code=shown))
            st.markdown(T["join_link"].format(code=shown))
            st.code(teacher.join_link(new_code), language=None, wrap_lines=True)
            st.markdown(T["dashboard_link"])
            st.code(teacher.dashboard_link(new_code, new_key), language=None,
                    wrap_lines=True)
            st.link_button(T["open_dashboard"], teacher.dashboard_link(new_code, new_key),
                           type="primary")
    with find:
        st.subheader(T["join_title"])
        with st.form("find"):
            st.text_input(T["code"], help=T["code_help"], max_chars=12, key=student.FIND)
            st.form_submit_button(T["find"], on_click=student.find_class)
