"""The command line: train a network, predict with a saved model, list the data sets.

    python -m core train --dataset spiral --hidden 8,8 --epochs 300 --save-model spiral.json
    python -m core train --dataset circles --features x1^2,x2^2 --hidden 0
    python -m core train --csv points.csv --history history.csv --json
    python -m core predict --model spiral.json --csv points.csv --output predictions.csv
    python -m core export-script --model spiral.json --output network.py
    python -m core datasets

A problem with the user's input (arguments, a CSV, a model file) prints one line,
``error: ...``, on stderr and exits with status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from . import activations as acts
from . import csvdata, diagnosis, experiment, export_script, inputs, losses, model_io, optimizers
from .datasets import DATASETS, Dataset
from .history import History
from .history import to_csv as history_csv
from .network import MAX_HIDDEN_LAYERS, MAX_UNITS, Network
from .training import Snapshot, Trainer

PROG = "python -m core"
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
JSON_KEYS = ("epochs", "train_loss", "test_loss", "train_accuracy", "test_accuracy",
             "diverged", "seconds", "diagnosis")
# (Snapshot field, words, format) for the summary lines
METRICS = (("train_loss", "train loss", "{:.4g}"), ("test_loss", "test loss", "{:.4g}"),
           ("train_accuracy", "train accuracy", "{:.1%}"),
           ("test_accuracy", "test accuracy", "{:.1%}"))
TASK_WORDS = {"binary": "binary classification", "multiclass": "multiclass classification",
              "regression": "regression"}
LOSS_NAMES = sorted({loss for _, loss in losses.HEADS})


class CommandError(Exception):
    """A problem with the user's input, reported as one ``error:`` line."""


# --- argument types: each turns one option's text into a value or says what is wrong ----
def _number(text: str, kind=float):
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not np.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _positive(text: str) -> float:
    value = _number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0, not {text}")
    return value


def _non_negative(text: str) -> float:
    value = _number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return value


def _unit_interval(text: str) -> float:
    value = _number(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text}")
    return value


def _test_ratio(text: str) -> float:
    value = _number(text)
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 0 and below 1, not {text}")
    return value


def _whole(minimum: int):
    def parse(text: str) -> int:
        value = _number(text, int)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be a whole number of at least {minimum}, "
                                             f"not {text}")
        return value
    parse.__name__ = f"whole number >= {minimum}"
    return parse


def _hidden(text: str) -> tuple[int, ...]:
    """'8,8' -> (8, 8); '' or '0' -> () (no hidden layer)."""
    if text.strip() in ("", "0"):
        return ()
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a comma-separated list of layer "
                                         "sizes such as 8,8") from None
    if not all(1 <= s <= MAX_UNITS for s in sizes):
        raise argparse.ArgumentTypeError(f"every hidden layer needs 1 to {MAX_UNITS} units, "
                                         f"not {text}")
    if len(sizes) > MAX_HIDDEN_LAYERS:
        raise argparse.ArgumentTypeError(f"at most {MAX_HIDDEN_LAYERS} hidden layers, "
                                         f"not {len(sizes)}")
    return sizes


def _features(text: str) -> tuple[str, ...]:
    """'x1,x2,x1^2' -> ('x1', 'x2', 'x1^2')."""
    try:
        return inputs.parse(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _activation(text: str) -> str | tuple[str, ...]:
    """'tanh' -> 'tanh'; 'relu,tanh' -> ('relu', 'tanh')."""
    names = tuple(part.strip() for part in text.split(","))
    for name in names:
        if name not in acts.ACTIVATIONS:
            raise argparse.ArgumentTypeError(f"unknown activation {name!r}; choose from "
                                             f"{', '.join(acts.ACTIVATIONS)}")
    return names[0] if len(names) == 1 else names


# --- the parser -------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    """Usage errors as one line, ``error: ...``, and exit status 2."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"error: {message} (see '{self.prog} --help')\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Shows each option's default, except where there is none to show."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        shown = all(action.default is not v for v in (None, False, argparse.SUPPRESS))
        if shown and action.option_strings and "%(default)" not in text:
            text += " (default: %(default)s)"
        return text


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, formatter_class=_Formatter,
                     description="Neural Playground from the command line: train a small "
                                 "neural network on a 2-D data set, save it, predict with it.",
                     epilog="Run '%(prog)s COMMAND --help' for a command's options.\n\n"
                            "examples:\n"
                            "  %(prog)s train --dataset spiral --hidden 8,8 --epochs 300 "
                            "--save-model spiral.json\n"
                            "  %(prog)s train --dataset circles --features x1^2,x2^2 "
                            "--hidden 0\n"
                            "  %(prog)s train --csv points.csv --history history.csv --json\n"
                            "  %(prog)s predict --model spiral.json --csv points.csv "
                            "--output predictions.csv\n"
                            "  %(prog)s export-script --model spiral.json --output network.py\n"
                            "  %(prog)s datasets")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_train(commands)
    _add_predict(commands)
    _add_export_script(commands)
    listing = commands.add_parser("datasets", help="list the built-in data sets",
                                  description="List the built-in data sets.",
                                  formatter_class=_Formatter)
    listing.set_defaults(run=run_datasets)
    return parser


def _add_train(commands) -> None:
    p = commands.add_parser(
        "train", help="train a network and report its loss and accuracy",
        formatter_class=_Formatter,
        description="Train a network on a built-in data set or a CSV file of your own,\n"
                    "then print the loss and accuracy before and after training.",
        epilog="A CSV file has a header row and three columns: two numeric features and a "
               "label\n(the column named 'label', else the last). Its features are "
               "standardised to mean 0\nand standard deviation 1; a saved model keeps that "
               "scaling for 'predict'.")
    data = p.add_argument_group("data")
    source = data.add_mutually_exclusive_group()
    source.add_argument("--dataset", choices=list(DATASETS), default="circles", metavar="NAME",
                        help=f"a built-in data set: {', '.join(DATASETS)}")
    source.add_argument("--csv", metavar="PATH", help="train on a CSV file instead")
    data.add_argument("--samples", type=_whole(2), default=500, metavar="N",
                      help="points in a built-in data set")
    data.add_argument("--noise", type=_unit_interval, default=0.0,
                      help="noise of a built-in data set, 0 (clean) to 1")
    data.add_argument("--test-ratio", type=_test_ratio, default=0.5, metavar="SHARE",
                      help="share of the points held out as the test set")
    data.add_argument("--task", choices=sorted(t for t in csvdata.TASK_CHOICES if t),
                      help="CSV only: force the task instead of deciding from the labels")
    data.add_argument("--no-standardize", action="store_true",
                      help="CSV only: keep the features in their own units")

    net = p.add_argument_group("network")
    net.add_argument("--features", type=_features, default=",".join(inputs.DEFAULT),
                     metavar="NAME[,NAME...]",
                     help=f"input features the network is fed, computed from each point "
                          f"({', '.join(inputs.FEATURES)})")
    net.add_argument("--hidden", type=_hidden, default="8,8", metavar="SIZES",
                     help="units per hidden layer, comma-separated; '' or 0 for none")
    net.add_argument("--activation", type=_activation, default="tanh", metavar="NAME[,NAME...]",
                     help=f"hidden-layer activation, one name or one per layer "
                          f"({', '.join(acts.ACTIVATIONS)})")
    net.add_argument("--loss", choices=LOSS_NAMES,
                     help="loss (default: the task's own: bce, cce or mse)")
    net.add_argument("--init-model", metavar="PATH",
                     help="start from the weights in this model file; its architecture, "
                          "input features and input scaling replace --hidden, --activation, "
                          "--features and standardisation")

    training = p.add_argument_group("training")
    training.add_argument("--optimizer", choices=list(optimizers.OPTIMIZERS), default="adam",
                          help="update rule")
    training.add_argument("--lr", type=_positive, default=0.01, help="learning rate")
    training.add_argument("--batch-size", type=_whole(0), default=32, metavar="N",
                          help="points per update; 0 for the full batch")
    training.add_argument("--l1", type=_non_negative, default=0.0, help="L1 weight penalty")
    training.add_argument("--l2", type=_non_negative, default=0.0, help="L2 weight penalty")
    training.add_argument("--epochs", type=_whole(0), default=200, metavar="N",
                          help="passes over the training set")
    training.add_argument("--seed", type=_whole(0), default=0,
                          help="seed for the data, the split, the initial weights and the "
                               "shuffling")

    output = p.add_argument_group("output")
    output.add_argument("--save-model", metavar="PATH", help="write the trained model (JSON)")
    output.add_argument("--history", metavar="PATH",
                        help="write one CSV row per epoch (epoch 0 = before training)")
    output.add_argument("--json", action="store_true",
                        help=f"print only one JSON object with {', '.join(JSON_KEYS)}")
    p.set_defaults(run=run_train)


def _add_predict(commands) -> None:
    p = commands.add_parser(
        "predict", help="predict the points of a CSV file with a saved model",
        formatter_class=_Formatter,
        description="Predict every point of a CSV file with a saved model. The file has a "
                    "header row and\ntwo feature columns, optionally a label column. The "
                    "output repeats them, then adds\n'prediction' and, for classification, "
                    "one 'p_<class>' probability column per class.",
        epilog="The model file stores class ids, not names: predictions use the names of the "
               "file's\nlabel column when it holds all of the model's classes, else the ids.")
    p.add_argument("--model", metavar="PATH", required=True, help="a model file from "
                   "'train --save-model'")
    p.add_argument("--csv", metavar="PATH", required=True, help="the points to predict")
    p.add_argument("--output", metavar="PATH", help="write the predictions here instead of "
                   "to standard output")
    p.set_defaults(run=run_predict)


def _add_export_script(commands) -> None:
    p = commands.add_parser(
        "export-script", help="write a saved model as one Python file that needs only NumPy",
        formatter_class=_Formatter,
        description="Write a saved model as one standalone Python file: the weights inline, "
                    "the forward\npass as plain NumPy, predict(points), and a main that "
                    "reads a CSV of points\n(x1, x2) and prints the predictions.",
        epilog="Then: python network.py points.csv")
    p.add_argument("--model", metavar="PATH", required=True, help="a model file from "
                   "'train --save-model'")
    p.add_argument("--output", metavar="PATH", help="write the file here instead of to "
                   "standard output")
    p.set_defaults(run=run_export_script)


# --- train ------------------------------------------------------------------------------
def run_train(args: argparse.Namespace) -> int:
    _check_train_args(args)
    start = _start_model(args)
    start_net = start.network if start is not None else None
    config = _config(args, start)
    data = _train_data(args, config, start_net)
    if start is not None:
        data = _into_model_space(data, start_net, start.input_scaling, args.init_model)
        start_net = _with_loss(start_net, args.loss)
    data, trainer = experiment.build(config, data=data, network=start_net)
    if not args.json:
        _describe_run(data, trainer, args, config.features)
    first = last = trainer.measure()  # epoch 0: where training starts
    history = [first]  # grows only for --history: a long run's snapshots add up
    measured = History()  # a bounded record of the measured epochs, for the diagnosis
    measured.add(first)
    started = time.perf_counter()
    with _Progress.maybe(args.epochs, enabled=not args.json) as progress:
        # measuring an epoch costs a pass over the data: only for the rows kept and the bar
        # (and every tenth epoch: a loss that blows up is judged over several epochs)
        keep = None if args.history else (lambda epoch: epoch % 10 == 0 or progress.due())
        for last in trainer.run(args.epochs, keep):
            if args.history:
                history.append(last)
            measured.add(last)
            progress.update(last)
    seconds = time.perf_counter() - started
    _write_outputs(args, trainer.network, data, history, config.features)
    found = diagnosis.causes(last, measured, trainer.network, trainer.optimizer.lr)
    _report(args, first, last, seconds, found)
    return 0


def _check_train_args(args: argparse.Namespace) -> None:
    for option, value in (("--no-standardize", args.no_standardize), ("--task", args.task)):
        if value and args.csv is None:
            raise CommandError(f"{option} applies only to --csv data")
    names = args.activation
    if not isinstance(names, str) and len(names) != len(args.hidden) and not args.init_model:
        raise CommandError(f"--activation: {len(names)} names given for "
                           f"{len(args.hidden)} hidden layers")
    for path in (args.save_model, args.history):
        if path and not Path(path).resolve().parent.is_dir():
            raise CommandError(f"{path}: the folder does not exist")


def _config(args: argparse.Namespace, start: model_io.Model | None) -> experiment.Config:
    features = start.features if start is not None else args.features
    return experiment.Config(
        dataset=args.dataset, samples=args.samples, noise=args.noise,
        test_ratio=args.test_ratio, hidden=args.hidden, activation=args.activation,
        loss=args.loss, optimizer=args.optimizer, lr=args.lr, batch_size=args.batch_size,
        l1=args.l1, l2=args.l2, seed=args.seed, features=tuple(features))


@contextmanager
def _blame(path: str):
    """A bad CSV or model file's error, prefixed with the file's name."""
    try:
        yield
    except (csvdata.CSVDataError, model_io.ModelFileError) as e:
        raise CommandError(f"{path}: {e}") from None


def _start_model(args: argparse.Namespace) -> model_io.Model | None:
    if not args.init_model:
        return None
    with _blame(args.init_model):
        return model_io.load_model(args.init_model)


def _train_data(args: argparse.Namespace, config: experiment.Config,
                start_net: Network | None) -> Dataset:
    if args.csv is None:
        return experiment.make_data(config)
    # A starting model decides the task, and brings its own input scaling (applied to
    # the raw features later).
    task = args.task or (start_net.task if start_net is not None else None)
    standardize = not (args.no_standardize or start_net is not None)
    with _blame(args.csv):
        return csvdata.read_csv(Path(args.csv), task=task, standardize=standardize,
                                name=Path(args.csv).stem)


def _into_model_space(data: Dataset, net: Network, scaling: dict | None, path: str
                      ) -> Dataset:
    """``data`` (raw features) scaled as the starting model's inputs were; checks that
    the model's task and classes fit the data."""
    if net.task != data.task or (data.task != "regression" and net.n_classes != data.n_classes):
        raise CommandError(f"{path}: the model is for {_task_words(net.task, net.n_classes)}, "
                           f"but the data is {_task_words(data.task, data.n_classes)}")
    data.X = csvdata.apply_scaling(data.X, scaling)
    data.input_scaling = scaling
    return data


def _with_loss(net: Network, loss: str | None) -> Network:
    """The loaded network trains with its task's default loss unless --loss says otherwise."""
    if loss is None:
        return net
    return Network(net.W, net.b, net.activations, net.task, net.n_classes, loss)


def _task_words(task: str, k: int) -> str:
    return TASK_WORDS[task] + (f" with {k} classes" if task == "multiclass" else "")


def _describe_run(data: Dataset, trainer: Trainer, args: argparse.Namespace,
                  features: tuple[str, ...]) -> None:
    split, net = trainer.split, trainer.network
    print(f"data: {data.name}, {len(data)} points ({len(split.y_train)} train, "
          f"{len(split.y_test)} test), {_task_words(data.task, data.n_classes)}")
    batch = args.batch_size or "full"
    print(f"network: {net.describe()}, {net.n_parameters()} parameters, loss {net.loss.name}; "
          f"{args.optimizer} with learning rate {args.lr:g}, batch {batch}")
    if features != inputs.DEFAULT:
        print(f"input features: {', '.join(features)}")


def _write_outputs(args: argparse.Namespace, net: Network, data: Dataset,
                   history: list[Snapshot], features: tuple[str, ...]) -> None:
    if args.save_model:
        model_io.save(args.save_model, net, data.input_scaling, features)
    if args.history:
        Path(args.history).write_text(history_csv(s.as_row() for s in history),
                                      encoding="utf-8")


def _report(args: argparse.Namespace, first: Snapshot, last: Snapshot, seconds: float,
            found: list[diagnosis.Cause]) -> None:
    if args.json:
        causes = [{"cause": c.key, **c.fields} for c in found]
        result = dict(zip(JSON_KEYS, (last.epoch, last.train_loss, last.test_loss,
                                      last.train_accuracy, last.test_accuracy,
                                      bool(last.diverged), round(seconds, 4), causes)))
        print(json.dumps(result))
        return
    print(f"epoch 0: {_metrics(first)}")
    if last.epoch:
        print(f"epoch {last.epoch}: {_metrics(last)}  ({seconds:.2f} s)")
    if last.diverged:
        print(f"diverged at epoch {last.epoch}: the loss blew up or a weight stopped being "
              "finite, so the weights are the last sane ones; try a smaller learning rate")
    for cause in found:
        print(f"diagnosis: {DIAGNOSIS[cause.key]} ({_fields(cause.fields)})")
    for option, what in ((args.save_model, "model"), (args.history, "history")):
        if option:
            print(f"wrote the {what} to {option}")


DIAGNOSIS = {  # what each of core.diagnosis's causes means, for the summary
    "lr": "the learning rate is too high: epochs move the weights by a large share of "
          "their size and the loss stays above its best",
    "vanishing": "vanishing gradients: the first layer's gradient is a tiny share of the "
                 "last one's",
    "no_gradient": "no gradient reaches the first layer",
    "dead": "most ReLU units are dead (0 for every training point)",
}


def _fields(fields: dict) -> str:
    return ", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}"
                     for k, v in fields.items())


def _metrics(snap: Snapshot) -> str:
    values = ((words, fmt, getattr(snap, field)) for field, words, fmt in METRICS)
    return ", ".join(f"{words} {fmt.format(v)}" for words, fmt, v in values if v is not None)


class _Progress:
    """A one-line text progress bar on stderr, redrawn at most ten times a second."""

    WIDTH = 30
    INTERVAL = 0.1

    def __init__(self, total: int, stream=None):
        self.total, self.stream = total, stream or sys.stderr
        self.drawn_at = 0.0
        self.width = 0

    @classmethod
    def maybe(cls, total: int, enabled: bool):
        """A bar when ``enabled`` and stderr is a terminal, else one that draws nothing."""
        return cls(total) if enabled and total and sys.stderr.isatty() else _NoProgress()

    def due(self) -> bool:
        """Is it time to draw again?"""
        return time.monotonic() - self.drawn_at >= self.INTERVAL

    def update(self, snap: Snapshot) -> None:
        now = time.monotonic()
        if now - self.drawn_at < self.INTERVAL and snap.epoch < self.total:
            return
        self.drawn_at = now
        done = round(self.WIDTH * snap.epoch / self.total)
        line = (f"[{'#' * done}{'.' * (self.WIDTH - done)}] {snap.epoch}/{self.total} "
                f"train loss {snap.train_loss:.4g}")
        self.width = max(self.width, len(line))
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.width:  # wipe the bar so the summary starts on a clean line
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


class _NoProgress(_Progress):
    def __init__(self):
        super().__init__(0)

    def due(self) -> bool:
        return False

    def update(self, snap: Snapshot) -> None:
        pass


# --- predict ----------------------------------------------------------------------------
def run_predict(args: argparse.Namespace) -> int:
    with _blame(args.model):
        model = model_io.load_model(args.model)
    with _blame(args.csv):
        table = csvdata.read_table(Path(args.csv), label_required=False)
    net = model.network
    A = net.forward(model.inputs_for(table.X))
    text = prediction_csv(table, net, A)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {len(table.rows)} predictions to {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def run_export_script(args: argparse.Namespace) -> int:
    with _blame(args.model):
        model = model_io.load_model(args.model)
    text = export_script.script(model)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}: python {args.output} points.csv")
    else:
        sys.stdout.write(text)
    return 0


def prediction_csv(table: csvdata.Table, net: Network, A: np.ndarray) -> str:
    """CSV text: the table's features (and label), ``prediction``, then for classification
    one ``p_<class>`` column per class. ``A`` is the output ``(n_rows, n_outputs)``."""
    names = _class_names(net, table)
    probabilities = _probabilities(net, A)
    if net.task == "regression":
        predicted = [repr(float(v)) for v in A[:, 0]]
    else:
        predicted = [names[i] for i in losses.predict_labels(A, net.task)]
    header = [*table.feature_names, *([table.label_name] if table.labels is not None else []),
              "prediction", *(f"p_{name}" for name in names)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for i, (x1, x2) in enumerate(table.X):
        label = [table.labels[i]] if table.labels is not None else []
        writer.writerow([repr(float(x1)), repr(float(x2)), *label, predicted[i],
                         *(repr(float(p)) for p in probabilities[i])])
    return out.getvalue()


def _class_names(net: Network, table: csvdata.Table) -> list[str]:
    """Names for class ids 0..K-1: from the label column if it holds exactly K classes
    (the model file stores no names), else the ids. Empty for regression."""
    if net.task == "regression":
        return []
    k = net.n_classes
    if table.labels is not None:
        names = csvdata.sorted_class_names(table.labels)
        if len(names) == k:
            return names
    return [str(i) for i in range(k)]


def _probabilities(net: Network, A: np.ndarray) -> np.ndarray:
    """``(n, K)`` class probabilities; a binary output ``a`` means ``(1 - a, a)``."""
    if net.task == "binary":
        return np.column_stack([1.0 - A[:, 0], A[:, 0]])
    if net.task == "multiclass":
        return A
    return np.empty((len(A), 0))


# --- datasets ---------------------------------------------------------------------------
def run_datasets(args: argparse.Namespace) -> int:
    rows = [(d.name, TASK_WORDS[d.task], str(d.n_classes or "-"), d.about)
            for d in DATASETS.values()]
    header = ("name", "task", "classes", "description")
    widths = [max(len(r[j]) for r in [header, *rows]) for j in range(3)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[3])
    return 0


# --- entry point ------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (CommandError, ValueError) as e:  # core raises ValueError for settings that clash
        return _fail(str(e))
    except BrokenPipeError:  # e.g. 'predict ... | head': the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as e:
        return _fail(f"{e.filename}: {e.strerror}" if e.filename else str(e))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE
