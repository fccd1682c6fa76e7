"""Ready-made lessons: each preset is a complete set of Playground settings
(assets/presets.json); their names and explanations live with the page's text."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .settings import DEFAULTS, Settings

PRESETS_FILE = Path(__file__).resolve().parents[2] / "assets" / "presets.json"
LESSON_PAGES = {  # preset -> (the lesson page that teaches it, its name in common's catalogue)
    "one_neuron": ("pages/neuron.py", "nav_neuron"),
    "vanishing": ("pages/activations.py", "nav_activations"),
    "seed004": ("pages/backprop.py", "nav_backprop"),
    "dying_relu": ("pages/descent.py", "nav_descent"),
    "spiral_hard": ("pages/inside.py", "nav_inside"),
    "xor_one_layer": ("pages/inside.py", "nav_inside"),
    "softmax3": ("pages/multiclass.py", "nav_multiclass"),
}


def load(path: Path = PRESETS_FILE) -> dict[str, Settings]:
    """Preset id -> Settings, in file order (a dict of its own: the caller may change it)."""
    return dict(_read(path))


@cache  # the file ships with the app: read once per process, not on every page run
def _read(path: Path) -> tuple[tuple[str, Settings], ...]:
    out = []
    for entry in json.loads(path.read_text(encoding="utf-8")):
        s = dict(entry["settings"])
        s["hidden"], s["act"] = tuple(s["hidden"]), tuple(s["act"])
        s["features"] = tuple(s.get("features", DEFAULTS.features))
        out.append((entry["id"], DEFAULTS.with_(**s)))
    return tuple(out)
