"""The code beside the maths (core/engine_code.py): each step's lines are the engine's own,
read from its source at the line numbers shown, and the backpropagation lesson shows them
at every step."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import engine_code
from core.network import Network
from tests.apptest import open_page

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("step", engine_code.STEPS)
def test_every_line_shown_is_in_the_engine_at_the_number_shown(step):
    lines = engine_code.snippet(step)
    assert lines
    for line in lines:
        source = (ROOT / line.file).read_text(encoding="utf-8").splitlines()
        assert source[line.number - 1].strip().startswith(line.code)


def test_the_forward_lines_are_what_network_forward_computes():
    """Run the lines shown, as they read, against the engine: the same numbers."""
    import numpy as np

    net = Network.create(2, (3,), "tanh", "regression", 0, np.random.default_rng(1))
    X = np.array([[0.5, -1.0], [2.0, 0.25]])
    code = "\n".join(line.code for line in engine_code.snippet("forward")[1:])
    A = X.copy()
    for W, b, g in zip(net.W, net.b, net._g):
        scope = {"np": np, "A": A, "W": W, "b": b, "g": g}
        exec(compile(code, "<engine lines>", "exec"), scope)  # our own source, not input
        A = scope["A"]
    np.testing.assert_array_equal(A, net.forward(X))


def test_a_line_the_engine_no_longer_has_is_an_error(monkeypatch):
    monkeypatch.setitem(engine_code.STEPS, "forward",
                        ((Network.forward, ("Z = A @ W",)),))
    with pytest.raises(LookupError, match="no longer has a line"):
        engine_code.snippet("forward")


def test_the_text_keeps_the_loops_indentation_and_says_where_it_is():
    text = engine_code.as_text(engine_code.snippet("backward_hidden"))
    assert text.splitlines()[0].startswith("# core/network.py, Network.backward, lines ")
    assert "\n    if l:\n        dZ = np.dot(dZ, self.W[l].T)" in text


def test_the_lesson_shows_the_engines_code_at_every_step():
    at = open_page("pages/backprop.py")
    shown = []
    for _ in range(8):  # start, forward 1 and 2, loss, backward 2 and 1, update
        next(b for b in at.button if b.label == "Next step").click().run()
        assert not at.exception
        shown.append(at.code[-1].value if at.code else "")
    assert "Z = np.dot(A, W)" in shown[0]
    assert "return _mean(np.mean((A - Y) ** 2, axis=-1))" in shown[2]
    assert "dZ = self.loss.delta(" in shown[3] and "if l:" not in shown[3]
    assert "dZ *= self._dg[l - 1](self.A[l])" in shown[4]
    assert "p -= lr * g" in shown[5]
