"""The engine's own lines of code for each step of backpropagation, read from its source,
so a lesson can show the code beside the maths without a second copy that could drift.

``STEPS`` names, for each step the backpropagation lesson walks through, the function
that does it and the start of each line to show. ``snippet(step)`` finds those lines in
the function's source as it is now (``inspect``) and returns them with where they are.
A line that is no longer there raises ``LookupError``: tests/core/test_engine_code.py fails,
rather than the page showing code the engine does not run.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import losses, optimizers
from .network import Network

_MSE = losses.HEADS[("regression", "mse")][1]  # the lesson's network: linear output, MSE

# step -> ((function, (the start of each line shown, in order)), ...)
STEPS: dict[str, tuple[tuple[Callable, tuple[str, ...]], ...]] = {
    "forward": ((Network.forward, ("for W, b, g in zip(", "Z = np.dot(A, W)", "Z += b",
                                   "A = g(Z)")),),
    "loss": ((_MSE.value, ("return",)),),
    "backward_output": (
        (Network.backward, ("dZ = self.loss.delta(self.Z[-1], self.A[-1], Y)",)),
        (_MSE.delta, ("return",)),
        (Network.backward, ("for l in range(", "np.dot(self.A[l].T, dZ, out=self.dW[l])",
                            "np.dot(ones, dZ, out=self.db[l])")),
    ),
    "backward_hidden": (
        (Network.backward, ("for l in range(", "np.dot(self.A[l].T, dZ, out=self.dW[l])",
                            "np.dot(ones, dZ, out=self.db[l])", "if l:",
                            "dZ = np.dot(dZ, self.W[l].T)", "dZ *= self._dg[l - 1](self.A[l])")),
    ),
    "update": ((optimizers.SGD.update, ("p -= lr * g",)),),
}
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Line:
    """One line of the engine: its code (without a trailing comment), file and number."""

    code: str
    file: str  # relative to the project, e.g. "core/network.py"
    number: int
    function: str  # e.g. "Network.forward"
    indent: int = 0  # its leading spaces in the file


def snippet(step: str) -> list[Line]:
    """The engine's lines for ``step`` (a key of ``STEPS``), in the order shown."""
    out = []
    for function, starts in STEPS[step]:
        source, first = inspect.getsourcelines(function)
        path = Path(inspect.getsourcefile(function)).resolve()
        try:
            file = path.relative_to(ROOT).as_posix()
        except ValueError:  # installed elsewhere: the file's own name is still telling
            file = path.name
        for start in starts:
            for offset, text in enumerate(source):
                code = text.split("  #", 1)[0].strip()
                if code.startswith(start):
                    indent = len(text) - len(text.lstrip(" "))
                    out.append(Line(code, file, first + offset, function.__qualname__, indent))
                    break
            else:
                raise LookupError(f"{function.__qualname__} no longer has a line {start!r}")
    return out


def as_text(lines: list[Line]) -> str:
    """The lines as one block of Python: each function's lines under its name and line
    numbers, indented as in the file (less the function's own indentation)."""
    groups: list[list[Line]] = []
    for line in lines:
        if not groups or groups[-1][0].function != line.function:
            groups.append([])
        groups[-1].append(line)
    out = []
    for group in groups:
        first, last = group[0], group[-1]
        where = (f"line {first.number}" if first.number == last.number else
                 f"lines {first.number}–{last.number}")
        out.append(f"# {first.file}, {first.function}, {where}")
        left = min(line.indent for line in group)
        out += [" " * (line.indent - left) + line.code for line in group]
    return "\n".join(out)
