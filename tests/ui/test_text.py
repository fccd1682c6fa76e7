"""Every label the Playground reads exists, every choice it offers has a display name,
and a partial translation falls back to English instead of failing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core import datasets, diagnosis, losses
from core.activations import ACTIVATIONS
from core.optimizers import OPTIMIZERS
from ui import i18n
from ui.playground import presets
from ui.playground.settings import CSV_DATASET, REGULARIZERS

ROOT = Path(__file__).resolve().parents[2]
PAGE_SOURCES = ["pages/playground.py", "ui/playground/views.py", "ui/playground/sidebar.py",
                "ui/playground/controller.py", "ui/playground/frame.py"]
KEY = re.compile(r"""\bT\[\s*["']([^"']+)["']\s*\]""")
EN = i18n.texts("playground")


def keys_used(path: str) -> set[str]:
    return set(KEY.findall((ROOT / path).read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", PAGE_SOURCES)
def test_every_text_key_the_page_reads_exists(path):
    used = keys_used(path)
    assert used, f"no T[...] keys found in {path}; has the page changed how it reads text?"
    assert sorted(used - set(EN)) == []


def test_the_scan_finds_keys_in_every_part_of_the_page():
    assert {"title", "hint_lr_rising", "preset_names"} <= set().union(*map(keys_used,
                                                                         PAGE_SOURCES))


def test_every_cause_the_diagnosis_names_is_worded_on_the_page_and_the_dashboard():
    named = {"hint_" + key for key in diagnosis.CAUSES}  # views.causes: "hint_" + the key
    assert {"hint_lr", "hint_vanishing", "hint_no_gradient", "hint_dead"} <= named
    assert named <= set(EN)  # the page's sentence
    for lang in i18n.LANGUAGES:  # the teacher's short name for it
        assert set(i18n.texts("classroom", lang)["diagnosis"]) == named


def test_every_preset_has_a_name_and_an_explanation():
    ids = set(presets.load())
    assert ids and ids == set(EN["preset_names"]) == set(EN["preset_about"])


@pytest.mark.parametrize("table, names", [
    ("dataset_names", [*datasets.DATASETS, CSV_DATASET]),
    ("activation_names", list(ACTIVATIONS)),
    ("optimizer_names", list(OPTIMIZERS)),
    ("loss_names", sorted({loss for _, loss in losses.HEADS})),
    ("reg_names", list(REGULARIZERS)),
])
def test_every_choice_has_a_display_name(table, names):
    """(The Playground's tables are the names catalogue's: one name per thing.)"""
    missing = [n for n in names if not EN[table].get(n)]
    assert missing == []


@pytest.mark.parametrize("key, fields", [
    ("hidden_title", {"l": 1, "n": 4, "act": "Tanh"}), ("output_title", {"act": "sigmoid"}),
    ("more_units", {"n": 3}), ("units", {"l": 1}), ("activation_l", {"l": 1}),
    ("layer_name", {"l": 1}), ("upload_in_use", {"n": 5, "what": "2 classes", "name": "a.csv"}),
    ("upload_bad", {"name": "a.csv", "error": "bad"}),
    ("diverged", {"epoch": 3, "lr": 3.0, "suggest": 0.3}),
    ("hint_vanishing", {"times": "1/3,000", "fix": "Try ReLU."}), ("hint_dead", {"share": 0.75}),
    ("hint_lr", {"lr": 10.0, "ratio": 0.5}), ("units_clamped", {"hi": 64, "l": 1, "n": 64}),
    ("unit_tip", {"l": 1, "j": 2, "act": "Tanh", "bias": 0.1}),
    ("output_tip", {"name": "setosa", "act": "Softmax", "bias": -0.1}),
    ("share_csv", {"dataset": "Circles"}), ("lesson_link", {"lesson": "2 · Activation"}),
    ("axes", {"x": "petal_length", "y": "petal_width"}), ("samples_csv", {"n": 5, "name": "a"}),
    ("upload_classes", {"k": 3, "names": "a, b, c"}),
])
def test_templates_fill_in_with_the_fields_the_page_passes(key, fields):
    filled = EN[key].format(**fields)
    assert "{" not in filled and "}" not in filled


def test_a_partial_translation_falls_back_to_english(monkeypatch):
    zh = {"title": "神经网络游乐场", "play": "开始"}
    original = i18n._catalogue
    monkeypatch.setattr(i18n, "_catalogue",
                        lambda page, lang: zh if lang == "zh" else original(page, lang))
    T = i18n.texts("playground", "zh")
    assert T["title"] == zh["title"] and T["play"] == zh["play"]
    assert T["pause"] == EN["pause"] and T["preset_names"] == EN["preset_names"]
    assert set(T) == set(EN)


def test_an_unknown_language_gets_english():
    assert i18n.texts("playground", "xx") == EN


def test_asking_for_text_does_not_change_it():
    T = i18n.texts("playground")
    T["title"] = "changed"
    assert i18n.texts("playground")["title"] == EN["title"] != "changed"


def test_a_file_error_reads_as_two_sentences():
    # the error text comes without its full stop (the controller strips it)
    text = EN["upload_bad"].format(name="a.csv", error="row 3: 'oops' is not a number")
    assert "is not a number. The data you had before is still in use." in text


@pytest.mark.parametrize("text", [EN["upload_in_use"], EN["hint_lr"], EN["hint_vanishing"],
                                  EN["fix_sigmoid"], EN["fix_deep"], EN["units_clamped"],
                                  EN["hint_dead"], EN["diverged"], *EN["url_note"].values()])
def test_messages_are_sentences(text):
    assert text[0].isupper() or text[0] == "{"
    assert text.rstrip().endswith((".", "**.", ".)", "{fix}"))


def test_no_message_reads_like_python():
    flat = " ".join(str(v) for v in EN.values())
    assert not re.search(r"\w+=['\"<\w]", flat)  # lr=..., dataset='...'
    assert "How to read it" not in EN["how_to_read"]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_one_name_table_names_everything_core_has_in_every_language(lang):
    N = i18n.texts("names", lang)
    assert set(N["datasets"]) >= {*datasets.DATASETS, CSV_DATASET}
    assert set(N["activations"]) == {*ACTIVATIONS, "softmax"}
    assert set(N["optimizers"]) == set(OPTIMIZERS)
    assert set(N["losses"]) == {loss for _, loss in losses.HEADS}
    for page, key, table in [("playground", "dataset_names", "datasets"),
                             ("playground", "activation_names", "activations"),
                             ("inside", "act_names", "activations"),
                             ("activations", "act_names", "activations")]:
        assert i18n.texts(page, lang)[key] == N[table]
