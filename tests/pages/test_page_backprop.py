"""The lesson "Backpropagation, step by step" with Streamlit's AppTest: the walk through
forward, backward and update shows the article's numbers, every control acts, extreme
values are clamped with a message, and the Chinese page runs."""

from __future__ import annotations

from tests.apptest import open_page


def lesson(query: dict | None = None):
    return open_page("pages/backprop.py", query)


def metrics(at) -> dict[str, str]:
    """Label -> value, the first metric of each label (the walkthrough's come first)."""
    out: dict[str, str] = {}
    for m in at.metric:
        out.setdefault(m.label, m.value)
    return out


def text(at) -> str:
    return "\n".join(e.value for e in [*at.markdown, *at.caption, *at.warning, *at.success,
                                       *at.info, *at.error])


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def test_the_page_opens_on_the_articles_network():
    at = lesson()
    assert not at.exception
    assert at.title[0].value == "Backpropagation, step by step"
    assert at.selectbox(key="backprop.example").value == "article_001"
    assert metrics(at)["Output ŷ"] == "—"
    assert "Step 1 of 7" in text(at)
    # the y = 3x start and the nudge are there from the first view
    assert metrics(at)["Loss J"] == "—"
    assert (metrics(at)["∂J/∂w"], metrics(at)["∂J/∂b"]) == ("-45.052", "-5.582")
    assert [m.value for m in at.metric if m.label == "Loss J"][1] == "13.647"
    assert metrics(at)["Numerical gradient"] == metrics(at)["Backpropagation"] == "0.145479"


def test_next_step_walks_forward_backward_and_update():
    at = lesson()
    click(at, "Next step")
    assert "1.0000 \\times 0.8000 + 1.0000 \\times 0.2000 + 0 = 1.0000" in text(at)
    assert "= 0.7311" in text(at)
    click(at, "Next step")
    assert metrics(at)["Output ŷ"] == "1.2332"
    click(at, "Next step")
    assert metrics(at)["Loss J"] == "1.5208"
    assert "(1.2332 - 0)^2 = 1.5208" in text(at)
    click(at, "Next step")
    assert "\\frac{2}{1}(1.2332 - 0) = 2.4664" in text(at)
    assert "0.7311 \\times 2.4664 = 1.8031" in text(at)
    click(at, "Next step")
    assert "(2.4664 \\times 0.3000) \\times 0.7311 \\times (1 - 0.7311) = 0.1455" in text(at)
    click(at, "Next step")
    assert metrics(at)["New loss J"] == "0.3113"
    assert "W^{[1]}_{11} \\leftarrow 0.8000 - 0.1000 \\times 0.1455 = 0.7855" in text(at)
    assert "went down from 1.5208 to 0.3113" in text(at)
    click(at, "Next step")  # at the end it stays there
    assert "Step 7 of 7" in text(at)
    click(at, "Back")
    assert "Step 6 of 7" in text(at)
    click(at, "Start over")
    assert "Step 1 of 7" in text(at) and metrics(at)["Output ŷ"] == "—"


def test_a_learning_rate_of_0_changes_nothing_and_says_so():
    at = lesson()
    at.number_input(key="backprop.lr").set_value(0.0).run()
    for _ in range(6):
        click(at, "Next step")
    assert metrics(at)["New loss J"] == "1.5208"
    assert "stayed at 1.5208" in text(at) and "went down" not in text(at)


def test_a_changed_weight_flows_through_and_an_extreme_one_is_clamped():
    at = lesson()
    for _ in range(3):
        click(at, "Next step")
    at.number_input(key="backprop.v.article_001.W.2.2.0").set_value(0.0).run()
    assert not at.exception
    assert metrics(at)["Output ŷ"] == "0.6122"  # 0.7311*0.3 + 0.7858*0.5
    at.number_input(key="backprop.v.article_001.W.1.0.0").set_value(1e6).run()
    assert not at.exception
    assert at.number_input(key="backprop.v.article_001.W.1.0.0").value == 100.0
    assert any("was set to 100" in w.value for w in at.warning)
    assert "nan" not in text(at).lower()
    click(at, "Restore the example's numbers")
    assert at.number_input(key="backprop.v.article_001.W.1.0.0").value == 0.8


def test_a_learning_rate_of_100_is_clamped_and_the_overshoot_explained():
    at = lesson()
    for _ in range(6):
        click(at, "Next step")
    at.number_input(key="backprop.lr").set_value(100.0).run()
    assert not at.exception
    assert at.number_input(key="backprop.lr").value == 10.0
    notes = " ".join(w.value for w in at.warning)
    assert "out of range; using 10" in notes and "went **up**" in notes


def test_the_second_example_has_two_outputs():
    at = lesson()
    at.selectbox(key="backprop.example").select_index(1).run()  # sends the label shown
    assert not at.exception
    assert at.selectbox(key="backprop.example").value == "two_two_two"
    for _ in range(3):
        click(at, "Next step")
    assert metrics(at)["Output ŷ"] == "1.1059, 1.2249"
    assert metrics(at)["Loss J"] == "0.6281"
    assert "2 outputs" in text(at)


def test_nudge_controls_and_descent_controls():
    at = lesson()
    at.select_slider(key="backprop.nudge_h").set_value(1e-1).run()
    assert not at.exception and any("differ by" in i.value for i in at.info)
    # the loss is quadratic in an output weight: even a big central nudge is exact there
    at.selectbox(key="backprop.nudge_param").set_value("W[2]_31").run()
    assert metrics(at)["Backpropagation"] == metrics(at)["Numerical gradient"] == "1.701770"
    at.select_slider(key="backprop.fit_lr").set_value(0.05).run()
    assert not at.exception and any("too large" in e.value for e in at.error)
    at.select_slider(key="backprop.fit_lr").set_value(0.001).run()
    at.select_slider(key="backprop.fit_steps").set_value(100).run()
    assert any("not enough" in i.value for i in at.info)
    at.number_input(key="backprop.shapes_m").set_value(32).run()
    assert not at.exception
    assert at.table[0].value.iloc[0]["Z[l]"] == "(32, 3)"


def test_the_playground_network_appears_in_the_shapes():
    at = lesson()
    shapes = at.table[1].value
    assert list(shapes["W[l]"]) == ["(2, 4)", "(4, 4)", "(4, 1)"]
    at.switch_page("pages/playground.py").run()
    at.switch_page("pages/backprop.py").run()
    assert not at.exception
    assert "current network" in text(at)


def test_chinese_page_runs():
    at = lesson({"lang": "zh"})
    assert not at.exception
    assert at.title[0].value == "反向传播，一步一步"
    click(at, "下一步")
    assert "第 2 步，共 7 步" in text(at)


def test_where_the_article_rounds_the_page_says_so_while_the_numbers_are_its_own():
    at = lesson()
    said = [c.value for c in at.caption if c.value.startswith("The article says / exact")]
    assert len(said) == 1
    assert "(exact: 0.7858)" in said[0] and "(exact: 1.2332)" in said[0]
    assert "(exact: 1.5208)" in said[0]  # article 001: 1.235² = 1.52
    at.number_input(key="backprop.v.article_001.W.2.2.0").set_value(0.0).run()
    assert not [c for c in at.caption if c.value.startswith("The article says")]


def test_the_learner_predicts_the_output_then_the_loss_after_the_update():
    at = lesson()
    at.number_input(key="predict.backprop.output.input").set_value(1.2).run()
    at.button(key="predict.backprop.output.commit").click().run()
    assert any("Your prediction" in m.value and "**1.2**" in m.value for m in at.markdown)
    while metrics(at)["Output ŷ"] == "—":
        click(at, "Next step")
    # article 001's output is 1.2332: 1.2 is within 5 %
    told = [b.value for b in at.success if b.value.startswith("You said 1.2;")]
    assert told and "it is **1.233**" in told[0], told
    click(at, "Next step")  # on to the loss: the next question
    at.number_input(key="predict.backprop.new_loss.input").set_value(1.0).run()
    at.button(key="predict.backprop.new_loss.commit").click().run()
    while "Step 7 of 7" not in text(at):
        click(at, "Next step")
    new = metrics(at)["New loss J"]
    told = [b.value for b in [*at.success, *at.info] if b.value.startswith("You said 1;")]
    assert told and f"it is **{float(new):.4g}**" in told[0], (told, new)


def test_two_outputs_ask_only_for_the_loss_after_the_update():
    at = lesson()
    at.selectbox(key="backprop.example").set_value("two_two_two").run()
    keys = {w.key for w in at.number_input}
    assert "predict.backprop.new_loss.input" in keys
    assert "predict.backprop.output.input" not in keys
