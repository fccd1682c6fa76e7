"""Every lesson page carries the notation panel, closed, in the learner's language: the
articles' way of writing a layer (samples as columns, Z = W·A + b) beside the app's
(samples as rows, Z = A·W + b), with the symbols every page uses."""

from __future__ import annotations

import pytest

from tests.apptest import open_page
from ui import lesson
from ui.i18n import texts

LESSONS = list(lesson.LESSONS)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", LESSONS)
def test_each_lesson_has_the_notation_panel_closed(page, lang):
    at = open_page(f"pages/{page}.py", {"lang": lang})
    assert not at.exception
    T = texts("common", lang)
    panels = [e for e in at.expander if e.label == T["notation_title"]]
    assert len(panels) == 1
    assert not panels[0].proto.expanded  # a reference, open on request
    text = "\n".join(m.value for m in panels[0].markdown)
    assert "Z^{[l]} = W^{[l]} \\cdot A^{[l-1]} + b^{[l]}" in text  # article 004's columns
    assert "Z^{[l]} = A^{[l-1]} \\cdot W^{[l]} + b^{[l]}" in text  # the app's rows
    assert "np.dot(inputs, weights)" in text  # article 001's code, as it is written there


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_app_says_it_stacks_samples_as_rows_not_that_article_004_does(lang):
    """Article 004 stacks the samples' column vectors side by side (列在一起); saying it
    stacks them as rows was a misattribution."""
    T = texts("backprop", lang)
    assert "004" in T["shapes_intro"]
    wrong = {"en": "Article 004 stacks the m samples as the rows",
             "zh": "文章 004 把 m 个样本作为 X 的各行"}
    assert wrong[lang] not in T["shapes_intro"]


def test_the_shapes_in_the_panel_are_the_engines():
    """The app's side of the panel is what core/network.py computes: X is (m, n0), W[l] is
    (n[l-1], n[l]), and dW = A[l-1]^T dZ[l] (the engine's dZ carries the 1/m)."""
    import numpy as np

    from core.network import Network

    rng = np.random.default_rng(0)
    net = Network.create(3, (4,), "tanh", "binary", 2, rng)
    X = rng.normal(size=(5, 3))
    Y = (rng.random((5, 1)) > 0.5).astype(float)
    net.forward(X)
    dW, _ = net.backward(Y)
    assert net.W[0].shape == (3, 4) and net.W[1].shape == (4, 1)
    assert net.A[1].shape == (5, 4)  # one row per sample
    np.testing.assert_allclose(dW[0], net.A[0].T @ net.dZ[0], atol=1e-15)
