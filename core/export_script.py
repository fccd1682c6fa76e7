"""A trained network as one standalone Python file that needs only NumPy: "take it home".

The file holds the weights inline and the forward pass written as article 001 writes it
(``np.dot(inputs, weights[0]) + weights[1]``, then the activation), a ``predict(points)``
for use from Python, and a ``__main__`` that reads a CSV file of points (x1, x2) and
prints the predictions as CSV, in the columns of ``python -m core predict``.

Every expression in it is the engine's own arithmetic (the same operations in the same
order, the overflow-safe sigmoid, softmax less its row maximum), so its predictions equal
``python -m core predict``'s to rounding (tests/core/test_export_script.py checks 1e-12 for
every activation, output and input feature). Numbers are written with ``repr``, which
reads back as the very same float.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import activations as acts
from .model_io import Model

# Each input feature as an expression in x1, x2 (the scaled point): core/inputs.py's
# FEATURES, written out. tests/core/test_export_script.py fails when a feature has no entry.
FEATURE_CODE = {
    "x1": "x1", "x2": "x2", "x1^2": "x1 ** 2", "x2^2": "x2 ** 2", "x1*x2": "x1 * x2",
    "sin(x1)": "np.sin(x1)", "sin(x2)": "np.sin(x2)",
}
# Each activation g(z) as a function of the file, as core/activations.py computes it.
ACTIVATION_CODE = {
    "linear": ("def linear(z):\n"
               "    return z\n"),
    "sigmoid": ("def sigmoid(z):\n"
                "    # = 1 / (1 + np.exp(-z)), written so that it never overflows\n"
                "    return 0.5 * (1.0 + np.tanh(0.5 * z))\n"),
    "tanh": ("def tanh(z):\n"
             "    return np.tanh(z)\n"),
    "relu": ("def relu(z):\n"
             "    return np.maximum(z, 0.0)\n"),
    "leaky_relu": ("def leaky_relu(z):\n"
                   f"    return np.where(z > 0, z, {acts.LEAKY_SLOPE!r} * z)\n"),
    "elu": ("def elu(z):\n"
            f"    return np.where(z > 0, z, {acts.ELU_ALPHA!r} * np.expm1(np.minimum(z, 0.0)))\n"),
    "softmax": ("def softmax(z):\n"
                "    # less each row's largest value first: exp never overflows\n"
                "    e = np.exp(z - z.max(axis=-1, keepdims=True))\n"
                "    return e / e.sum(axis=-1, keepdims=True)\n"),
}
TASK_WORDS = {"binary": "two classes (0 and 1): the output is the probability of class 1",
              "multiclass": "{k} classes (0 to {last}): the output is each class's probability",
              "regression": "regression: the output is the predicted value"}

_MAIN = '''

def read_points(lines):
    """The points of CSV text: the first two columns of every row, a header row skipped."""
    points = []
    for i, row in enumerate(csv.reader(lines)):
        try:
            points.append([float(row[0]), float(row[1])])
        except (ValueError, IndexError):
            if i > 0 and row:
                raise SystemExit(f"row {i + 1}: x1 and x2 must be numbers, not {row[:2]}")
    return np.array(points, dtype=float).reshape(-1, 2)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(f"usage: python {sys.argv[0]} points.csv  (columns x1, x2)")
    try:
        with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
            X = read_points(f)
    except (OSError, UnicodeDecodeError) as error:  # no such file, or not a text file
        raise SystemExit(f"cannot read {sys.argv[1]}: {error}") from None
    out = csv.writer(sys.stdout, lineterminator="\\n")
    out.writerow(["x1", "x2", "prediction", *(f"p_{k}" for k in range(len(CLASSES)))])
    for point, label, p in zip(X, predict(X), probabilities(X)):
        shown = int(label) if CLASSES else repr(float(label))
        out.writerow([repr(float(point[0])), repr(float(point[1])), shown,
                      *(repr(float(v)) for v in p)])
'''


def script(model: Model, title: str = "a network trained in Neural Playground") -> str:
    """The standalone Python file of ``model``, as text."""
    net = model.network
    names = [*net.activations]
    sizes = net.sizes
    shape = " -> ".join([f"{sizes[0]} inputs ({', '.join(model.features)})",
                         *(f"{n} {a}" for n, a in zip(sizes[1:], names))])
    k = net.n_classes
    task = TASK_WORDS[net.task].format(k=k, last=k - 1)
    parts = [
        f'"""{title[:1].upper()}{title[1:]}, as one file that needs only NumPy.\n\n'
        f"Network: {shape}.\nTask: {task}.\n\n"
        "From Python:       from network import predict; predict([[0.5, -1.0], [2.0, 3.0]])\n"
        "On a CSV of points: python network.py points.csv   (columns x1, x2; prints CSV)\n"
        '"""\n\nimport csv\nimport sys\n\nimport numpy as np\n\n',
        _scaling(model.input_scaling),
        "# weights[2l] and weights[2l + 1]: layer l + 1's weights (one row per input, one\n"
        "# column per unit) and biases (one per unit), as in article 001's code.\n",
        "weights = [\n",
        *(f"    np.array({_numbers(W)}),\n    np.array({_numbers(b.ravel())}),\n"
          for W, b in zip(net.W, net.b)),
        "]\n",
        f"CLASSES = {list(range(k))!r}  # class ids (empty for regression)\n\n\n",
        "\n\n".join(ACTIVATION_CODE[name] for name in dict.fromkeys(names)),
        "\n\n", _features(model.features), "\n\n", _feed_forward(names),
        "\n\n", _predict(net.task), _MAIN,
    ]
    return "".join(parts)


def _scaling(scaling: dict | None) -> str:
    if scaling is None:
        return ("# The network was trained on points as they are: no scaling.\n"
                "MEAN = np.array([0.0, 0.0])\nSTD = np.array([1.0, 1.0])\n\n")
    return ("# The network was trained on standardised points: x = (point - MEAN) / STD.\n"
            f"MEAN = np.array({_numbers(np.asarray(scaling['mean']))})\n"
            f"STD = np.array({_numbers(np.asarray(scaling['std']))})\n\n")


def _features(features: Sequence[str]) -> str:
    columns = ", ".join(FEATURE_CODE[name] for name in features)
    return ("def features(points):\n"
            '    """What the network is fed, for points (n, 2): its input features."""\n'
            "    x = (np.asarray(points, dtype=float).reshape(-1, 2) - MEAN) / STD\n"
            "    x1, x2 = x[:, 0], x[:, 1]\n"
            f"    return np.column_stack([{columns}])\n")


def _feed_forward(names: Sequence[str]) -> str:
    """Article 001's feed_forward, one layer after another."""
    lines = ["def feed_forward(inputs, weights):",
             '    """The output layer\'s activations (n, outputs) for inputs (n, features)."""']
    previous = "inputs"
    for l, name in enumerate(names, start=1):
        last = l == len(names)
        pre, out = ("pre_out", "out") if last else (f"pre_hidden{l}", f"hidden{l}")
        lines.append(f"    {pre} = np.dot({previous}, weights[{2 * l - 2}]) "
                     f"+ weights[{2 * l - 1}]")
        lines.append(f"    {out} = {name}({pre})")
        previous = out
    lines.append(f"    return {previous}")
    return "\n".join(lines) + "\n"


def _predict(task: str) -> str:
    if task == "regression":
        label, probabilities = ("out[:, 0]", "np.empty((len(out), 0))")
    elif task == "binary":
        label = "(out[:, 0] > 0.5).astype(int)"
        probabilities = "np.column_stack([1.0 - out[:, 0], out[:, 0]])"
    else:
        label, probabilities = "out.argmax(axis=1)", "out"
    return ("def predict(points):\n"
            '    """For points (n, 2): class ids (n,), or the predicted values (n,)."""\n'
            "    out = feed_forward(features(points), weights)\n"
            f"    return {label}\n\n\n"
            "def probabilities(points):\n"
            '    """For points (n, 2): each class\'s probability (n, classes)."""\n'
            "    out = feed_forward(features(points), weights)\n"
            f"    return {probabilities}\n")


def _numbers(a: np.ndarray) -> str:
    """An array as nested lists of exact float literals."""
    if a.ndim == 1:
        return "[" + ", ".join(repr(float(v)) for v in a) + "]"
    return "[" + ",\n              ".join(_numbers(row) for row in a) + "]"

