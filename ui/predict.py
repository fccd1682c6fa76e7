"""Predict, then see: a lesson asks the learner to commit to an answer (a choice or a
number) before the page shows it; then the page computes the truth and says how close
they were. An answer is kept in the session only, tied to the situation it was given in
(the numbers on the page when it was asked): change them and the question is asked afresh.
Nothing is graded or stored.

``before`` asks a question whose answer a picture would give away: the picture waits
until the learner answers (or chooses to just see it), and then stays for the rest of the
visit, whatever they change; "predict again" hides it until they answer again."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from .lesson import common

PREFIX = "predict."


@dataclass(frozen=True)
class Answer:
    value: float | str
    situation: tuple


def held(key: str, situation: tuple) -> Answer | None:
    """The learner's answer to question ``key`` in this ``situation``, if they gave one."""
    answer = st.session_state.get(PREFIX + key)
    return answer if isinstance(answer, Answer) and answer.situation == situation else None


def seen(key: str) -> bool:
    """Has the learner answered question ``key`` (or chosen to just see) in this visit?"""
    return bool(st.session_state.get(PREFIX + key + ".seen"))


def _commit(key: str, situation: tuple) -> None:
    value = st.session_state.get(PREFIX + key + ".input")
    if value is not None:
        st.session_state[PREFIX + key] = Answer(value, situation)
        st.session_state[PREFIX + key + ".seen"] = True


def _show(key: str) -> None:
    st.session_state[PREFIX + key + ".seen"] = True


def _forget(key: str) -> None:
    st.session_state.pop(PREFIX + key, None)
    st.session_state.pop(PREFIX + key + ".seen", None)


def before(key: str, question: str, situation: tuple, options: dict[str, str] | None = None,
           number_format: str = "%.4g", limits: tuple[float, float] | None = None
           ) -> tuple[bool, Answer | None]:
    """Question ``key`` ahead of the picture that answers it: ``(show the picture?, the
    learner's answer in this situation or None)``. Until they answer or press "just show
    me", the question alone; after, the picture always, and the question again only as
    their answer (in its situation) or, with other numbers on the page, not at all."""
    answer = held(key, situation)
    if answer is None and seen(key):
        return True, None
    ask(key, question, situation, options, number_format, skip=answer is None, limits=limits)
    return answer is not None, answer


def ask(key: str, question: str, situation: tuple, options: dict[str, str] | None = None,
        number_format: str = "%.4g", skip: bool = False,
        limits: tuple[float, float] | None = None) -> Answer | None:
    """Question ``key``: a choice among ``options`` (value -> words), or a number when
    ``options`` is None (within ``limits`` when given: a share in %, a count). Until the
    learner commits, the question and its button (and with ``skip``, one to see without
    answering); after, their answer in one line, with a button to answer again. Returns
    the answer, or None."""
    T = common()
    answer = held(key, situation)
    with st.container(border=True):
        if answer is not None:
            said = options[answer.value] if options else number_format % answer.value
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(T["predict_held"].format(question=question, answer=said))
            right.button(T["predict_again"], key=PREFIX + key + ".again", on_click=_forget,
                         args=(key,), width="stretch")
            return answer
        st.markdown(f"**{T['predict_title']}** {question}")
        if options:
            st.radio(question, list(options), format_func=options.get, index=None,
                     horizontal=True, key=PREFIX + key + ".input", label_visibility="collapsed")
        else:
            lo, hi = limits if limits is not None else (None, None)
            st.number_input(question, value=None, format=number_format, min_value=lo,
                            max_value=hi, key=PREFIX + key + ".input",
                            label_visibility="collapsed", placeholder=T["predict_number"])
        buttons = st.container(horizontal=True)
        buttons.button(T["predict_commit"], key=PREFIX + key + ".commit", on_click=_commit,
                       args=(key, situation), disabled=st.session_state.get(
                           PREFIX + key + ".input") is None)
        if skip:
            buttons.button(T["predict_skip"], key=PREFIX + key + ".skip", on_click=_show,
                           args=(key,), type="tertiary")
    return None


def reveal_choice(answer: Answer, truth: str | tuple[str, ...], options: dict[str, str],
                  shown: str) -> None:
    """The learner chose ``answer``; the page computed ``truth`` (one of ``options``, or
    several when they tie), shown as the sentence ``shown`` with the numbers behind it."""
    T = common()
    truths = (truth,) if isinstance(truth, str) else tuple(truth)
    right = answer.value in truths
    said = T["list_or"].join(options[t] for t in truths)
    (st.success if right else st.info)(T["predict_right" if right else "predict_wrong"].format(
        answer=options[answer.value], truth=said, shown=shown))


def reveal_number(answer: Answer, truth: float, number_format: str = "%.4g") -> None:
    """The learner said the number ``answer``; the page computed ``truth``: how far off."""
    T = common()
    off = abs(float(answer.value) - truth)
    share = off / abs(truth) if truth else float("inf") if off else 0.0
    close = share <= 0.05
    (st.success if close else st.info)(T["predict_number_close" if close else
                                         "predict_number_off"].format(
        answer=number_format % answer.value, truth=number_format % truth,
        off=number_format % off, share=f"{share * 100:.3g} %" if share != float("inf") else "–"))
