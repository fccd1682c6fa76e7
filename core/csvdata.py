"""A learner's own CSV file as a ``Dataset``, with messages a spreadsheet user can act on.

The file has a header row and three columns: two numeric features and a label (the
column named ``label``, else the last one). Rows are numbered as a spreadsheet numbers
them, the header being row 1, so "row 7" in a message is row 7 on the user's screen.
Parsing uses the ``csv`` module (never pandas, eval or pickle): it knows exactly which
record it is on, even when a quoted field spans lines.

Labels decide the task: integers or short text with at most ``MAX_CLASSES`` distinct
values mean classification (classes 0..K-1 in sorted label order, the original names
kept in ``Dataset.class_names``); non-integer numbers mean regression. Features are
standardised by default, ``X = (raw - mean) / std`` per column, and the ``mean``/``std``
stored as ``Dataset.input_scaling`` so a saved model can apply them to new points.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .datasets import Dataset
from .dtype import DTYPE

MAX_ROWS = 100_000  # data rows; more would make training in the app far from live
MAX_CLASSES = 20
MIN_TRAINING_ROWS = 2  # a train/test split needs two points
MAX_LABEL_CHARS = 40  # a class name, not a sentence
MAX_BYTES = 32 * 1024 * 1024  # far above 100,000 rows of three numbers
N_FEATURES = 2
LABEL_COLUMN = "label"
HEADER = ("x1", "x2", "label")  # what write_csv writes

# task argument -> the tasks it allows (None and "auto": decide from the labels)
TASK_CHOICES: dict[str | None, tuple[str, ...]] = {
    None: ("binary", "multiclass", "regression"),
    "auto": ("binary", "multiclass", "regression"),
    "classification": ("binary", "multiclass"),
    "binary": ("binary",),
    "multiclass": ("multiclass",),
    "regression": ("regression",),
}


# Every problem a file can have, as a template of named fields. The app shows the same
# problem in the learner's language from its own catalogue (ui/locales/*/errors.py, same
# keys and fields); the command line shows these.
MESSAGES = {
    "empty": "the file is empty; expected a header row such as x1,x2,label",
    "too_large": "the file is larger than {mb} MB",
    "not_utf8": "row {row}: the file is not UTF-8 text (byte {byte}); save it as 'CSV UTF-8' "
                "and try again",
    "not_csv": "row {row}: not valid CSV ({detail})",
    "header_width": "the header (row {row}) has {n} columns; expected 3: two numeric features "
                    "and a label",
    "header_width_one": "the header (row {row}) has 1 column; expected 3: two numeric features "
                        "and a label",
    "header_width_optional": "the header (row {row}) has {n} columns; expected 2 or 3: two "
                             "numeric features (and a label)",
    "header_width_optional_one": "the header (row {row}) has 1 column; expected 2 or 3: two "
                                 "numeric features (and a label)",
    "header_numbers": "row {row} holds numbers, not column names: the first row must name the "
                      "columns, e.g. x1,x2,label",
    "header_blank": "the header (row {row}) gives column {col} no name",
    "header_twice": "the header (row {row}) names columns {col} and {col2} both '{name}'; every "
                    "column needs its own name",
    "no_data_rows": "the file has a header (row {row}) but no data rows",
    "one_data_row": "the file has only 1 data row (row {row}); a data set needs at least {min}",
    "too_many_rows": "row {row}: the file has more than {max:,} data rows; use a sample of it",
    "row_width": "row {row} has {n} columns; expected {expected}, like the header",
    "row_width_one": "row {row} has 1 column; expected {expected}, like the header",
    "cell_empty": 'row {row}, column {col} ("{name}"): the cell is empty',
    "not_a_number": "row {row}, column {col} (\"{name}\"): '{value}' is not a number",
    "not_finite": "row {row}, column {col} (\"{name}\"): '{value}' is not a finite number",
    "label_empty": 'row {row}, column {col} ("{name}"): the label is empty',
    "label_long": "row {row}, column {col} (\"{name}\"): the label '{value}'... is longer than "
                  "{max} characters; labels are numbers or short class names",
    "too_many_classes": "row {row}, column {col} (\"{name}\"): '{value}' is class number "
                        "{n}; classification allows at most {max} classes",
    "one_class": "column {col} (\"{name}\") has only one class ('{value}'); classification "
                 "needs at least 2",
    "not_binary": 'column {col} ("{name}") has {n} classes; binary classification needs '
                  "exactly 2",
    "regression_text": "row {row}, column {col} (\"{name}\"): '{value}' is not a number, and "
                       "regression needs numeric labels",
}
HINTS = {  # a second sentence some problems add
    "semicolons": "The file seems to use semicolons; save it with commas",
    "tabs": "The file seems to use tabs; save it with commas",
}


class CSVDataError(ValueError):
    """A CSV file that cannot become a data set; the message names the row and column.

    ``key`` names the problem (a key of ``MESSAGES``), ``fields`` fill its template and
    ``hint`` (a key of ``HINTS`` or None) adds advice, so the app can say the same in
    another language."""

    def __init__(self, key: str, hint: str | None = None, **fields):
        self.key, self.hint, self.fields = key, hint, fields
        message = MESSAGES[key].format(**fields)
        super().__init__(f"{message}. {HINTS[hint]}" if hint else message)


@dataclass
class Table:
    """The parsed file before any task decision: raw features and label texts.

    ``X`` is ``(n_rows, 2)`` in the file's own units; ``labels`` holds the stripped label
    text of each row (None when the file has no label column); ``rows[i]`` is the
    spreadsheet row number of data row i.
    """

    columns: tuple[str, ...]  # header names in file order
    feature_columns: tuple[int, int]  # 0-based positions of the two features
    label_column: int | None
    X: np.ndarray
    labels: list[str] | None
    rows: list[int]

    @property
    def feature_names(self) -> tuple[str, str]:
        return tuple(self.columns[j] for j in self.feature_columns)

    @property
    def label_name(self) -> str | None:
        return None if self.label_column is None else self.columns[self.label_column]

    def where(self, column: int) -> dict:
        """How a message names column ``column`` (0-based): its letter and its name,
        ``{"col": "B", "name": "x2"}`` (shown as 'column B ("x2")')."""
        return {"col": _letter(column), "name": self.columns[column]}


# --- reading ----------------------------------------------------------------------------
def read_csv(source: bytes | str | os.PathLike, *, task: str | None = None,
             standardize: bool = True, name: str = "csv") -> Dataset:
    """A ``Dataset`` from CSV ``source``: ``bytes`` (an upload), ``str`` (the CSV text
    itself) or a path (``pathlib.Path`` or other ``os.PathLike``).

    ``task`` forces the task: "classification", "binary", "multiclass" or "regression";
    None or "auto" decides from the labels. ``standardize=False`` keeps raw features and
    sets no ``input_scaling``. Raises ``CSVDataError`` for any problem with the file.
    """
    if task not in TASK_CHOICES:
        raise ValueError(f"unknown task {task!r}; choose from "
                         f"{', '.join(str(t) for t in TASK_CHOICES if t)}")
    table = read_table(source, label_required=True)
    if len(table.rows) < MIN_TRAINING_ROWS:
        raise CSVDataError("one_data_row", row=table.rows[0], min=MIN_TRAINING_ROWS)
    y, task_found, class_names = _targets(table, TASK_CHOICES[task])
    scaling = fit_scaling(table.X) if standardize else None
    return Dataset(apply_scaling(table.X, scaling), y, task_found,
                   len(class_names) if class_names else 0, name,
                   feature_names=table.feature_names, input_scaling=scaling,
                   class_names=class_names)


def load_csv(path: str | os.PathLike, **options) -> Dataset:
    """``read_csv`` for a file path given as ``str`` or ``Path``."""
    return read_csv(Path(path), **options)


def read_table(source: bytes | str | os.PathLike, *, label_required: bool = True) -> Table:
    """Parse ``source`` (as in ``read_csv``) into a ``Table``.

    With ``label_required=False`` a file of just two feature columns is accepted too
    (what ``predict`` reads); a third column is then the label column, as usual.
    """
    records = _records(_text(source))
    header_row, header = _header(records, label_required)
    label_column = _label_column(header)
    features = tuple(j for j in range(len(header)) if j != label_column)
    table = Table(header, features, label_column, np.empty((0, N_FEATURES), dtype=DTYPE),
                  None if label_column is None else [], [])
    _read_rows(records, table)
    if not table.rows:
        raise CSVDataError("no_data_rows", row=header_row)
    return table


def _text(source: bytes | str | os.PathLike) -> str:
    """The file's text, with a UTF-8 byte order mark (Excel writes one) removed."""
    if isinstance(source, os.PathLike):
        if os.path.getsize(source) > MAX_BYTES:
            raise CSVDataError("too_large", mb=MAX_BYTES // 2**20)
        source = Path(source).read_bytes()
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _decode(bytes(source))
    if isinstance(source, str):
        return source.removeprefix("\ufeff")
    raise TypeError(f"expected bytes, str or a path, not {type(source).__name__}")


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise CSVDataError("too_large", mb=MAX_BYTES // 2**20)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        row = data[:e.start].count(b"\n") + 1
        raise CSVDataError("not_utf8", row=row, byte=e.start) from None


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row number, fields) for every non-blank record.

    Blank records still count as rows, so the numbers match the spreadsheet."""
    if not text.strip():
        raise CSVDataError("empty")
    reader = csv.reader(io.StringIO(text, newline=""))
    row = 0
    while True:
        row += 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise CSVDataError("not_csv", row=row, detail=str(e)) from None
        if any(f.strip() for f in fields):
            yield row, fields


def _header(records: Iterator[tuple[int, list[str]]], label_required: bool
            ) -> tuple[int, tuple[str, ...]]:
    first = next(records, None)
    if first is None:
        raise CSVDataError("empty")
    row, fields = first
    names = tuple(f.strip() for f in fields)
    allowed = (N_FEATURES + 1,) if label_required else (N_FEATURES, N_FEATURES + 1)
    if len(names) not in allowed:
        key = "header_width" if label_required else "header_width_optional"
        raise CSVDataError(_one(key, len(names)), hint=_separator_hint(fields), row=row,
                           n=len(names))
    if all(_number(n) is not None for n in names):
        raise CSVDataError("header_numbers", row=row)
    for j, n in enumerate(names):
        if not n:
            raise CSVDataError("header_blank", row=row, col=_letter(j))
        first = [m.casefold() for m in names].index(n.casefold())
        if first != j:
            raise CSVDataError("header_twice", row=row, col=_letter(first), col2=_letter(j),
                               name=n)
    return row, names


def _label_column(header: tuple[str, ...]) -> int | None:
    if len(header) == N_FEATURES:
        return None
    lowered = [n.casefold() for n in header]
    return lowered.index(LABEL_COLUMN) if LABEL_COLUMN in lowered else len(header) - 1


def _read_rows(records: Iterator[tuple[int, list[str]]], table: Table) -> None:
    """Fill ``table.X``, ``labels`` and ``rows`` from the data records."""
    values: list[float] = []
    for row, fields in records:
        if len(table.rows) == MAX_ROWS:
            raise CSVDataError("too_many_rows", row=row, max=MAX_ROWS)
        if len(fields) != len(table.columns):
            raise CSVDataError(_one("row_width", len(fields)), row=row, n=len(fields),
                               expected=len(table.columns))
        values.extend(_feature(fields[j], row, table, j) for j in table.feature_columns)
        if table.labels is not None:
            table.labels.append(_label_text(fields[table.label_column], row, table))
        table.rows.append(row)
    table.X = np.array(values, dtype=DTYPE).reshape(-1, N_FEATURES)


def _feature(field: str, row: int, table: Table, column: int) -> float:
    value = _number(field)
    if value is None:
        key = "cell_empty" if not field.strip() else "not_a_number"
        raise CSVDataError(key, row=row, **table.where(column), value=field.strip())
    if not math.isfinite(value):
        raise CSVDataError("not_finite", row=row, **table.where(column), value=field.strip())
    return value


def _label_text(field: str, row: int, table: Table) -> str:
    text = field.strip()
    if not text:
        raise CSVDataError("label_empty", row=row, **table.where(table.label_column))
    return text


# --- labels and the task ----------------------------------------------------------------
def _targets(table: Table, allowed: tuple[str, ...]) -> tuple[np.ndarray, str, list[str]]:
    """``(y, task, class_names)`` from the label texts; ``allowed`` are the tasks the
    caller accepts. Classification gives int ids 0..K-1, regression floats and no names."""
    numbers = _label_numbers(table)
    integral = numbers is not None and all(v.is_integer() for v in numbers)
    wants_regression = numbers is not None and (not integral or len(set(numbers)) > MAX_CLASSES)
    if "regression" in allowed and (wants_regression or allowed == ("regression",)):
        if numbers is None:
            _raise_not_numeric(table)
        return np.array(numbers, dtype=DTYPE), "regression", []
    y, class_names = _classes(table, numbers)
    return y, _classification_task(table, len(class_names), allowed), class_names


def _label_numbers(table: Table) -> list[float] | None:
    """Every label as a number, or None if any label is text. Non-finite numbers raise."""
    numbers = [_number(t) for t in table.labels]
    if any(v is None for v in numbers):
        return None
    for row, text, v in zip(table.rows, table.labels, numbers):
        if not math.isfinite(v):
            raise CSVDataError("not_finite", row=row, **table.where(table.label_column),
                               value=text)
    return numbers


def _classes(table: Table, numbers: list[float] | None) -> tuple[np.ndarray, list[str]]:
    """Class ids in sorted label order (numeric order when every label is a number)."""
    keys = numbers if numbers is not None else table.labels
    distinct: dict = {}  # sort key -> class name, in order of first appearance
    for row, text, key in zip(table.rows, table.labels, keys):
        if key not in distinct:
            name = _number_name(key) if numbers is not None else text
            _check_class(table, row, name, len(distinct))
            distinct[key] = name
    order = sorted(distinct)
    ids = {key: i for i, key in enumerate(order)}
    return np.array([ids[k] for k in keys], dtype=int), [distinct[k] for k in order]


def sorted_class_names(labels: list[str]) -> list[str]:
    """The distinct ``labels`` in class-id order, named as ``read_csv`` names classes:
    numeric order when every label is a finite number, text order otherwise."""
    numbers = [_number(t) for t in labels]
    if all(v is not None and math.isfinite(v) for v in numbers):
        return [_number_name(v) for v in sorted(set(numbers))]
    return sorted(set(labels))


def _check_class(table: Table, row: int, name: str, n_before: int) -> None:
    """Called for each new class ``name`` when ``n_before`` classes have been seen."""
    where = {"row": row, **table.where(table.label_column)}
    if len(name) > MAX_LABEL_CHARS:
        raise CSVDataError("label_long", **where, value=name[:20], max=MAX_LABEL_CHARS)
    if n_before == MAX_CLASSES:
        raise CSVDataError("too_many_classes", **where, value=name, n=MAX_CLASSES + 1,
                           max=MAX_CLASSES)


def _classification_task(table: Table, k: int, allowed: tuple[str, ...]) -> str:
    column = table.where(table.label_column)
    if k < 2:
        raise CSVDataError("one_class", **column, value=table.labels[0])
    task = "binary" if k == 2 else "multiclass"
    if task in allowed:
        return task
    if "multiclass" in allowed:  # softmax over two classes is allowed when asked for
        return "multiclass"
    raise CSVDataError("not_binary", **column, n=k)


def _raise_not_numeric(table: Table) -> None:
    for row, text in zip(table.rows, table.labels):
        if _number(text) is None:
            raise CSVDataError("regression_text", row=row, **table.where(table.label_column),
                               value=text)


# --- scaling ----------------------------------------------------------------------------
def fit_scaling(X: np.ndarray) -> dict:
    """``{"mean": [m1, m2], "std": [s1, s2]}`` of ``X`` ``(n, 2)``, per column.

    A constant column gets std 1 instead of 0, so it standardises to zeros rather than
    dividing by zero."""
    X = np.asarray(X, dtype=DTYPE)
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    constant = np.ptp(X, axis=0) == 0
    # The mean of n copies of 0.1 rounds away from 0.1, and its std to 1e-17 rather than 0:
    # use the value itself and 1, so a constant column becomes exact zeros.
    mean[constant] = X[0, constant]
    std[constant] = 1.0
    return {"mean": [float(m) for m in mean], "std": [float(s) for s in std]}


def apply_scaling(X: np.ndarray, scaling: dict | None) -> np.ndarray:
    """``(X - mean) / std`` for raw features ``X`` ``(n, 2)``; a float copy when
    ``scaling`` is None."""
    X = np.array(X, dtype=DTYPE)
    if scaling is None:
        return X
    return (X - np.asarray(scaling["mean"], dtype=DTYPE)) / np.asarray(scaling["std"],
                                                                       dtype=DTYPE)


def undo_scaling(X: np.ndarray, scaling: dict | None) -> np.ndarray:
    """Standardised ``X`` ``(n, 2)`` back in the file's units: ``X * std + mean``."""
    X = np.array(X, dtype=DTYPE)
    if scaling is None:
        return X
    return X * np.asarray(scaling["std"], dtype=DTYPE) + np.asarray(scaling["mean"],
                                                                    dtype=DTYPE)


# --- writing ----------------------------------------------------------------------------
def write_csv(dataset: Dataset) -> str:
    """``dataset`` as CSV text with header x1,x2,label, one row per point.

    Features are in original units (scaling undone); labels are the class names when
    known, else class ids; regression targets are numbers. ``read_csv`` reads it back."""
    scaled = dataset.input_scaling is not None
    X = undo_scaling(dataset.X, dataset.input_scaling)
    # 15 significant digits hide the last-bit noise of scaling and unscaling again;
    # unscaled data is written exactly (shortest repr that round-trips).
    number = (lambda v: f"{v:.15g}") if scaled else _repr
    labels = _label_texts(dataset)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows([number(float(a)), number(float(b)), label]
                     for (a, b), label in zip(X, labels))
    return out.getvalue()


def _label_texts(dataset: Dataset) -> list[str]:
    if dataset.task == "regression":
        return [_repr(float(v)) for v in dataset.y]
    names = dataset.class_names
    if len(names) == dataset.n_classes and names:
        return [names[int(i)] for i in dataset.y]
    return [str(int(i)) for i in dataset.y]


# --- small helpers ----------------------------------------------------------------------
def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _number_name(v: float) -> str:
    """How a numeric class label is named: '3' for 3.0 (files often write 3.0), else repr."""
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else _repr(v)


def _repr(v: float) -> str:
    return repr(float(v))


def _letter(j: int) -> str:
    """Spreadsheet column letter for 0-based column ``j``: A, B, ..., Z, AA, ..."""
    letters = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        letters = chr(ord("A") + r) + letters
    return letters


def _one(key: str, n: int) -> str:
    """The message key for ``n`` columns: English says '1 column' but '3 columns'."""
    return f"{key}_one" if n == 1 else key


def _separator_hint(fields: list[str]) -> str | None:
    text = ",".join(fields)
    for sep, name in ((";", "semicolons"), ("\t", "tabs")):
        if sep in text:
            return name
    return None
