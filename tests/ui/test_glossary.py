"""One word for one thing: no catalogue writes a term of its language's glossary
(ui/locales/<lang>/glossary.py) another way, on any page, in any string."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import ui.locales

LANGUAGES = ["en", "zh"]


def strings(value):
    """Every string in a catalogue value, nested dicts and lists included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from strings(v)


def catalogues(lang: str) -> dict[str, dict]:
    package = importlib.import_module(f"ui.locales.{lang}")
    return {m.name: importlib.import_module(f"ui.locales.{lang}.{m.name}").TEXT
            for m in pkgutil.iter_modules(package.__path__) if m.name != "glossary"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_catalogue_spells_a_glossary_term_another_way(lang):
    terms = importlib.import_module(f"ui.locales.{lang}.glossary").TERMS
    found = []
    for page, table in catalogues(lang).items():
        for text in strings(table):
            for concept, (term, others) in terms.items():
                for other in others:
                    for m in re.finditer(other, text):
                        found.append(f"{page}: {m.group(0)!r} for {concept} (write {term!r}) "
                                     f"in …{text[max(0, m.start() - 15):m.end() + 15]}…")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_glossary_term_is_used(lang):
    """A glossary of terms no page writes would check nothing."""
    terms = importlib.import_module(f"ui.locales.{lang}.glossary").TERMS
    text = "\n".join(s for table in catalogues(lang).values() for s in strings(table))
    unused = [term for term, _ in terms.values() if term not in text]
    assert not unused


def test_the_glossary_catches_a_stray_spelling():
    terms = importlib.import_module("ui.locales.zh.glossary").TERMS
    _, others = terms["data set circles"]
    assert any(re.search(o, "没有直线能分开同心圆") for o in others)
    _, others = terms["unit"]
    assert not any(re.search(o, "单元格是空的") for o in others)  # a table cell
    _, others = terms["categorical cross-entropy"]
    assert not any(re.search(o, "多分类交叉熵与二分类交叉熵") for o in others)


def test_the_locales_package_holds_both_languages():
    assert {m.name for m in pkgutil.iter_modules(ui.locales.__path__)} >= set(LANGUAGES)
