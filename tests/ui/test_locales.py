"""The catalogues: every language has every key of English with the same format fields,
every page reads only keys that exist, and the language is chosen as a learner expects."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from ui import i18n

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "ui" / "locales"
# page catalogues (TEXT); each language's glossary (TERMS) is its own, checked by test_glossary.py
CATALOGUES = sorted(p.stem for p in (LOCALES / "en").glob("*.py")
                    if p.stem not in ("__init__", "glossary"))
OTHER_LANGUAGES = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]
KEY = re.compile(r"""\bT\[\s*["']([^"']+)["']\s*\]""")


def fields(text: str) -> set[str]:
    """The format fields of ``text``: {'n', 'name'} for 'Loaded {n} rows from {name}.'"""
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def mismatches(en, other, path: str = "") -> list[str]:
    """Every place where ``other`` lacks a key of ``en``, has one ``en`` lacks, has a
    different type, or a string with other format fields."""
    if isinstance(en, dict):
        if not isinstance(other, dict):
            return [f"{path}: a table in English, a {type(other).__name__} here"]
        out = [f"{path}/{k}: missing" for k in en if k not in other]
        out += [f"{path}/{k}: not in English" for k in other if k not in en]
        return out + [m for k in en if k in other for m in mismatches(en[k], other[k],
                                                                       f"{path}/{k}")]
    if isinstance(en, (list, tuple)):
        if not isinstance(other, (list, tuple)) or len(en) != len(other):
            return [f"{path}: a list of {len(en)} in English"]
        return [m for i, (a, b) in enumerate(zip(en, other)) for m in mismatches(a, b,
                                                                                f"{path}[{i}]")]
    if isinstance(en, str):
        if not isinstance(other, str):
            return [f"{path}: not a string"]
        if fields(en) != fields(other):
            return [f"{path}: fields {sorted(fields(other))}, English has {sorted(fields(en))}"]
    return []


# a page whose file name (its link: /class) is a Python keyword has a catalogue named apart
CATALOGUE_OF = {"class": "classroom"}


def test_there_are_catalogues_for_every_page():
    pages = sorted(CATALOGUE_OF.get(p.stem, p.stem) for p in (ROOT / "pages").glob("*.py"))
    assert set(pages) <= set(CATALOGUES), "every page needs ui/locales/en/<page>.py"
    assert "common" in CATALOGUES


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
@pytest.mark.parametrize("page", CATALOGUES)
def test_every_language_has_every_key_with_the_same_fields(page, lang):
    en = i18n._catalogue(page, "en")
    other = i18n._catalogue(page, lang)
    assert other, f"ui/locales/{lang}/{page}.py is missing"
    assert mismatches(en, other) == []


def test_the_check_catches_a_missing_key_and_a_changed_field():
    en = {"a": "Loaded {n} rows", "b": {"x": "one"}, "c": ["x", "y"]}
    assert mismatches(en, {"a": "已载入 {n} 行", "b": {"x": "一"}, "c": ["甲", "乙"]}) == []
    assert mismatches(en, {"a": "已载入 {count} 行", "b": {}, "c": ["甲"], "d": ""}) == [
        "/d: not in English", "/a: fields ['count'], English has ['n']", "/b/x: missing",
        "/c: a list of 2 in English"]


def page_sources(page: str) -> list[Path]:
    """The files that read ``page``'s text: the page itself and its room in ui/."""
    name = CATALOGUE_OF.get(page, page)
    room = ROOT / "ui" / name
    return [p for p in [ROOT / "pages" / f"{page}.py", ROOT / "ui" / f"{name}.py",
                        *sorted(room.glob("*.py"))] if p.exists()]


@pytest.mark.parametrize("page", sorted(p.stem for p in (ROOT / "pages").glob("*.py")))
def test_every_key_a_page_reads_exists(page):
    used = set().union(*(KEY.findall(p.read_text(encoding="utf-8"))
                         for p in page_sources(page)))
    assert used, f"no T[...] keys found for {page}; has the page changed how it reads text?"
    assert sorted(used - set(i18n.texts(CATALOGUE_OF.get(page, page)))) == []


@pytest.mark.parametrize("requested, browser, expected", [
    ("zh", "en-US", "zh"), ("en", "zh-CN", "en"), (None, "zh-CN", "zh"), (None, "zh-TW", "zh"),
    (None, "de-DE", "en"), (None, None, "en"), ("klingon", "zh-CN", "zh"), ("", None, "en"),
])
def test_the_link_wins_then_the_browser_then_english(requested, browser, expected):
    assert i18n.pick_language(requested, browser) == expected


def test_every_file_problem_the_engine_can_report_is_worded_in_every_language():
    from core import csvdata

    for lang in i18n.LANGUAGES:
        T = i18n.texts("errors", lang)
        assert set(T["csv"]) == set(csvdata.MESSAGES)
        assert set(T["csv_hints"]) == set(csvdata.HINTS)


@pytest.mark.parametrize("text, english, chinese", [
    ("x1,x2,label\n1,2,0\n3,abc,1\n", "row 3, column B (\"x2\"): 'abc' is not a number",
     "第 3 行，第 B 列（“x2”）：“abc”不是数字"),
    ("x1;x2;label\n1;2;0\n", "the header (row 1) has 1 column; expected 3: two numeric "
     "features and a label. The file seems to use semicolons; save it with commas",
     "表头（第 1 行）只有 1 列；应为 3 列：两个数值特征和一个标签。"
     "文件似乎用分号分隔；请用逗号分隔后再保存"),
])
def test_a_bad_upload_is_explained_in_the_learners_language(text, english, chinese):
    from core import csvdata

    with pytest.raises(csvdata.CSVDataError) as caught:
        csvdata.read_csv(text)
    assert i18n.error_text(caught.value, "en") == english == str(caught.value)
    assert i18n.error_text(caught.value, "zh") == chinese


def test_an_error_without_a_key_keeps_its_own_message():
    assert i18n.error_text(ValueError("plain"), "zh") == "plain"
