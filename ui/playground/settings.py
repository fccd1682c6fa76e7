"""Everything a learner sets on the Playground, its limits, and its URL form.

``Settings`` is flat and hashable. ``from_query`` reads a URL query string (possibly
edited by hand): values out of range are clamped and reported, junk is ignored and
reported, nothing raises. A report is a ``Note``: a kind and its fields, which the page
words from its catalogue (``url_note`` in ui/locales/<lang>/playground.py).
``to_query`` writes the same keys back, so a shared link
reopens the same data, network and seed.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from core import activations, datasets, drawn, inputs, losses, optimizers
from core.experiment import Config

CSV_DATASET = "csv"  # the learner's own upload; cannot travel in a URL
DRAWN_DATASET = drawn.NAME  # points the learner draws; up to 200 travel in a URL as pts=
REGULARIZERS = ("none", "l1", "l2")
MAX_LAYERS, MAX_UNITS = 8, 64
LIMITS = {  # name: (low, high) for numbers, clamped when read from a URL
    "samples": (20, 2000), "noise": (0.0, 1.0), "train_pct": (10, 90), "lr": (1e-5, 10.0),
    "batch": (0, 2000), "reg_rate": (0.0, 1.0), "seed": (0, 2**31 - 1), "speed": (1, 50),
}


@dataclass(frozen=True)
class Settings:
    dataset: str = "circles"
    samples: int = 500
    noise: float = 0.0
    train_pct: int = 50
    hidden: tuple[int, ...] = (4, 4)
    act: tuple[str, ...] = ("tanh",)  # one name for every layer, or one per hidden layer
    loss: str = ""  # "" = the task's default
    opt: str = "sgd"
    lr: float = 0.03
    batch: int = 10
    reg: str = "none"
    reg_rate: float = 0.0
    seed: int = 0
    speed: int = 50  # epochs per frame at most; the top value, 50: as many as a frame allows
    features: tuple[str, ...] = inputs.DEFAULT  # what the network is fed (core/inputs.py)
    pts: str = ""  # the drawn points (core/drawn.py's link text); "" = the starter points
    show_test: bool = True  # how the region is drawn (travels in the link, as a lesson's view)
    hard: bool = False

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    def activations(self) -> tuple[str, ...]:
        """One activation per hidden layer."""
        if len(self.act) == len(self.hidden):
            return self.act
        return (self.act[0],) * len(self.hidden)

    def task(self, csv_task: str | None = None) -> str:
        if self.dataset == CSV_DATASET:
            return csv_task or "binary"
        if self.dataset == DRAWN_DATASET:
            return "binary"
        return datasets.DATASETS[self.dataset].task

    def to_config(self, task: str | None = None) -> Config:
        """The engine's configuration for these settings."""
        task = task or self.task()
        loss = self.loss if (task, self.loss) in losses.HEADS else None
        return Config(
            dataset=self.dataset, samples=self.samples, noise=self.noise,
            # drawn points all train: a point the learner places should pull the boundary
            test_ratio=0.0 if self.dataset == DRAWN_DATASET else 1.0 - self.train_pct / 100.0,
            hidden=self.hidden,
            activation=self.activations(), loss=loss, optimizer=self.opt, lr=self.lr,
            batch_size=self.batch, l1=self.reg_rate if self.reg == "l1" else 0.0,
            l2=self.reg_rate if self.reg == "l2" else 0.0, seed=self.seed,
            features=self.features,
        )


DEFAULTS = Settings()
URL_KEYS = tuple(f.name for f in fields(Settings))
RAW_SHOWN = 24  # characters of a bad value a note repeats

Note = tuple[str, dict]  # (kind, fields): the catalogue's url_note[kind].format(**fields)


def _note(kind: str, name: str, **values) -> Note:
    raw = values.get("raw")
    if isinstance(raw, str) and len(raw) > RAW_SHOWN:
        values["raw"] = raw[:RAW_SHOWN] + "…"
    return kind, {"name": name, **values}


def _clamp(name: str, value, notes: list[Note]):
    lo, hi = LIMITS[name]
    clamped = min(max(value, lo), hi)
    if clamped != value:
        notes.append(_note("out_of_range", name, value=value, used=clamped, lo=lo, hi=hi))
    return clamped


def _number(name: str, raw: str, kind, notes: list[Note]):
    try:
        value = kind(float(raw)) if kind is int else float(raw)
    except (TypeError, ValueError, OverflowError):
        notes.append(_note("not_a_number", name, raw=raw))
        return None
    if isinstance(value, float) and not math.isfinite(value):
        notes.append(_note("not_a_number", name, raw=raw))
        return None
    return _clamp(name, value, notes)


def _choice(name: str, raw: str, allowed, notes: list[Note]):
    if raw in allowed:
        return raw
    notes.append(_note("not_a_choice", name, raw=raw))
    return None


def _flag(name: str, raw: str, notes: list[Note]):
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    notes.append(_note("not_a_flag", name, raw=raw))
    return None


def _hidden(raw: str, notes: list[Note]):
    parts = [p for p in raw.replace(" ", "").split(",") if p != ""]
    if raw.strip() in ("", "0", "none"):
        return ()
    try:
        units = [int(float(p)) for p in parts]
    except (ValueError, OverflowError):
        notes.append(_note("hidden_bad", "hidden", raw=raw))
        return None
    if len(units) > MAX_LAYERS:
        notes.append(_note("too_many_layers", "hidden", n=len(units), kept=MAX_LAYERS))
        units = units[:MAX_LAYERS]
    clamped = tuple(min(max(u, 1), MAX_UNITS) for u in units)
    if list(clamped) != units:
        notes.append(_note("units_out_of_range", "hidden", hi=MAX_UNITS,
                           used=", ".join(map(str, clamped))))
    return clamped


def _act(raw: str, notes: list[Note]):
    names = tuple(p for p in raw.replace(" ", "").split(",") if p)
    bad = [n for n in names if n not in activations.ACTIVATIONS]
    if not names or bad:
        notes.append(_note("not_a_choice", "act", raw=raw))
        return None
    return names


def _features(raw: str, notes: list[Note]):
    names = [p for p in raw.replace(" ", "").split(",") if p]
    bad = [n for n in names if n not in inputs.FEATURES]
    if bad:
        notes.append(_note("features_bad", "features", raw=", ".join(bad),
                           known=", ".join(inputs.FEATURES)))
    known = [n for n in names if n in inputs.FEATURES]
    if not known:
        notes.append(_note("features_none", "features"))
        return None
    return inputs.check(known)


def _pts(raw: str, notes: list[Note]):
    try:
        X, y, problems = drawn.decode(raw)
    except drawn.PointsError:
        notes.append(_note("pts_bad", "pts", raw=raw))
        return None
    for problem in problems:  # "odd", "range", "many": each repaired by decode
        notes.append(_note(f"pts_{problem}", "pts", n=drawn.MAX_POINTS))
    if len(y) < drawn.MIN_POINTS:
        notes.append(_note("pts_few", "pts", n=drawn.MIN_POINTS))
        return None
    return drawn.encode(X, y)


PARSERS = {
    "dataset": lambda raw, notes: _choice("dataset", raw,
                                          (*datasets.DATASETS, DRAWN_DATASET), notes),
    "samples": lambda raw, notes: _number("samples", raw, int, notes),
    "noise": lambda raw, notes: _number("noise", raw, float, notes),
    "train_pct": lambda raw, notes: _number("train_pct", raw, int, notes),
    "hidden": _hidden,
    "act": _act,
    "loss": lambda raw, notes: _choice("loss", raw, ("", *{l for _, l in losses.HEADS}), notes),
    "opt": lambda raw, notes: _choice("opt", raw, tuple(optimizers.OPTIMIZERS), notes),
    "lr": lambda raw, notes: _number("lr", raw, float, notes),
    "batch": lambda raw, notes: _number("batch", raw, int, notes),
    "reg": lambda raw, notes: _choice("reg", raw, REGULARIZERS, notes),
    "reg_rate": lambda raw, notes: _number("reg_rate", raw, float, notes),
    "seed": lambda raw, notes: _number("seed", raw, int, notes),
    "speed": lambda raw, notes: _number("speed", raw, int, notes),
    "show_test": lambda raw, notes: _flag("show_test", raw, notes),
    "hard": lambda raw, notes: _flag("hard", raw, notes),
    "features": _features,
    "pts": _pts,
}


def from_query(params: dict[str, str], base: Settings = DEFAULTS) -> tuple[Settings, list[Note]]:
    """Settings from URL parameters over ``base``, and notes on what was clamped or ignored.

    Unknown keys are ignored silently (other tools may add their own); never raises.
    """
    notes: list[Note] = []
    changes = {}
    for key, parse in PARSERS.items():
        if key in params:
            raw = params[key]
            if isinstance(raw, list):  # a repeated key: the last value wins
                if not raw:
                    continue
                raw = raw[-1]
            value = parse(str(raw), notes)
            if value is not None:
                changes[key] = value
    settings = replace(base, **changes)
    if len(settings.act) not in (1, len(settings.hidden)):
        notes.append(_note("act_count", "act", n=len(settings.act),
                           layers=len(settings.hidden), used=settings.act[0]))
        settings = replace(settings, act=settings.act[:1])
    if settings.loss and (settings.task(), settings.loss) not in losses.HEADS:
        notes.append(_note("loss_mismatch", "loss", raw=settings.loss))
        settings = replace(settings, loss="")
    if settings.pts and settings.dataset != DRAWN_DATASET:
        settings = replace(settings, pts="")  # points without a drawing: nothing to draw
    return settings, notes


def to_query(settings: Settings) -> dict[str, str]:
    """URL parameters for ``settings`` (numbers written so they read back exactly)."""
    out = {}
    for key, value in asdict(settings).items():
        if isinstance(value, (tuple, list)):
            out[key] = ",".join(str(v) for v in value) if value else "0"
        elif isinstance(value, bool):
            out[key] = "1" if value else "0"
        else:
            out[key] = repr(value) if isinstance(value, float) else str(value)
    if settings.dataset != DRAWN_DATASET or not settings.pts:
        out.pop("pts")  # points matter only to a drawing
    if settings.dataset == CSV_DATASET:
        out.pop("dataset")  # an upload cannot travel in a link
    return out
