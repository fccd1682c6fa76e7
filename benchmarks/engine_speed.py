"""How fast is the engine on playground-size networks? Run from the repository root:

    python benchmarks/engine_speed.py [--repeats N] [--quick]

Times ONE training epoch (one pass over the training set in minibatches, tanh hidden
layers, plain SGD) with

- ours:  ``Trainer.fit_epoch()`` (the steps only) and ``Trainer.train_epoch()`` (the steps
  plus the per-epoch measurements the app draws);
- PyTorch (CPU, one thread): an ``nn.Sequential`` with ``torch.optim.SGD`` in a Python
  minibatch loop over pre-made tensors, in float64 (our dtype) and float32;
- scikit-learn: ``MLPClassifier.partial_fit`` (one epoch), solver "sgd", momentum 0,

all starting from the same weights with the same batch size and a reshuffle per epoch.
Each framework's epochs are timed in blocks of about ``--block-ms``; blocks of all the
frameworks are interleaved, repeated ``--repeats`` times, and the speed-ups are the
median over the repeats of the ratio within a repeat, so a noisy, shared machine slows
both sides of a ratio alike. The targets: at least 2x faster than PyTorch (the faster of
its float32/float64) and 10x faster than scikit-learn on every row.

It also times a class: ``--class-size`` networks of one shape (each its own data, seed
and weights, as thirty students following one link) trained one after another against
the same networks trained together in one stack (``core.stacked``), same run, with and
without the measurements the app takes (every epoch measured: the most the app ever
asks); the ratio is the class's gain. Target: >= 2x at thirty on the minibatch rows (a
full-batch epoch is one step of large products, where the overhead a stack saves
matters less).

It also times the decision region (a 100 x 100 grid through the 2-8x6-1 network; target
well under 5 ms) and the time to solve TF Playground's spiral (test accuracy >= 98%).

BLAS runs on one thread, as PyTorch does here: with two threads on a shared 2-core machine
the small matrix products of these networks get several times slower, not faster.
The comparison frameworks are optional (see benchmarks/requirements.txt); without them
their columns read "-".
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# One BLAS thread for NumPy, SciPy and scikit-learn; must come before NumPy loads.
import core.threads  # noqa: E402, F401, I001

import numpy as np  # noqa: E402

from core import datasets, optimizers, region
from core.datasets import Split
from core.experiment import Config, build
from core.network import Network
from core.stacked import Stack
from core.training import Trainer

try:
    import resource  # Unix only; counts page faults
except ImportError:
    resource = None
try:
    import torch

    torch.set_num_threads(1)
except ImportError:
    torch = None
try:
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
except ImportError:
    MLPClassifier = None

LR = 0.03
TORCH_TARGET, SKLEARN_TARGET = 2.0, 10.0  # required speed-ups over each framework
REGION_TARGET_MS = 5.0
# TF Playground's spiral: 6 hidden layers of 8 tanh units, SGD at 0.03, batch 10.
SPIRAL = Config(dataset="spiral", samples=500, noise=0.0, test_ratio=0.5, hidden=(8,) * 6,
                activation="tanh", optimizer="sgd", lr=LR, batch_size=10)


@dataclass(frozen=True)
class Case:
    """One benchmark row: a network trained on all ``samples`` points of ``dataset``."""

    key: str
    dataset: str
    samples: int
    hidden: tuple[int, ...]
    batch_size: int  # 0 = full batch

    def label(self, n_outputs: int) -> str:
        h = self.hidden
        hidden = f"{h[0]}x{len(h)}" if len(h) > 2 and len(set(h)) == 1 else "-".join(map(str, h))
        batch = "full" if self.batch_size == 0 else str(self.batch_size)
        return f"({self.key}) 2-{hidden}-{n_outputs}, n={self.samples}, batch {batch}"


CASES = [
    Case("a", "circles", 500, (8, 8), 0),
    Case("b", "spiral", 500, (8,) * 6, 10),
    Case("c", "spiral3", 2000, (32, 32), 32),
    Case("c'", "spiral3", 2000, (32, 32), 0),
]


@dataclass
class Runner:
    """One framework set up for one case: ``epoch()`` trains one epoch, ``theta()`` returns
    the parameters flattened in our layout (W1, b1, W2, b2, ... with W as (fan_in, fan_out))."""

    epoch: Callable[[], None]
    theta: Callable[[], np.ndarray]


# --- the contestants --------------------------------------------------------------------
def make_problem(case: Case, seed: int) -> tuple[datasets.Dataset, Network]:
    data = datasets.make(case.dataset, case.samples, 0.0, np.random.default_rng(seed))
    net = Network.create(2, case.hidden, "tanh", data.task, data.n_classes,
                         np.random.default_rng(seed + 1))
    return data, net


def ours_runner(data, net: Network, case: Case, seed: int, measure: bool) -> Runner:
    """Our Trainer on all the points (no test set, so the stats cover the training set)."""
    split = Split(data.X, data.y, data.X[:0], data.y[:0])
    trainer = Trainer(net.copy(), split, optimizers.SGD(LR), case.batch_size,
                      rng=np.random.default_rng(seed + 2))
    epoch = trainer.train_epoch if measure else trainer.fit_epoch
    return Runner(epoch, lambda: trainer.network.theta.copy())


def torch_runner(data, net: Network, case: Case, seed: int, dtype) -> Runner:
    torch.manual_seed(seed)
    model = torch.nn.Sequential(*_torch_layers(net, dtype))
    X = torch.as_tensor(data.X, dtype=dtype)
    if data.task == "multiclass":
        loss_fn, Y = torch.nn.CrossEntropyLoss(), torch.as_tensor(data.y, dtype=torch.long)
    else:
        loss_fn, Y = torch.nn.BCEWithLogitsLoss(), torch.as_tensor(data.y, dtype=dtype)[:, None]
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    n = len(X)
    bs = case.batch_size or n

    def epoch() -> None:
        Xs, Ys = X, Y
        if bs < n:
            order = torch.randperm(n)
            Xs, Ys = X[order], Y[order]
        for start in range(0, n, bs):
            opt.zero_grad(set_to_none=True)
            loss_fn(model(Xs[start:start + bs]), Ys[start:start + bs]).backward()
            opt.step()

    linears = [m for m in model if isinstance(m, torch.nn.Linear)]

    def theta() -> np.ndarray:
        parts = [p for m in linears for p in (m.weight.detach().T, m.bias.detach())]
        return np.concatenate([p.double().numpy().ravel() for p in parts])

    return Runner(epoch, theta)


def _torch_layers(net: Network, dtype) -> list:
    layers = []
    for l, (W, b) in enumerate(zip(net.W, net.b)):
        linear = torch.nn.Linear(*W.shape, dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.as_tensor(W.T))  # torch stores (fan_out, fan_in)
            linear.bias.copy_(torch.as_tensor(b))
        layers.append(linear)
        if l < len(net.W) - 1:
            layers.append(torch.nn.Tanh())
    return layers  # the output's sigmoid/softmax lives in the loss, on the logits


def sklearn_runner(data, net: Network, case: Case, seed: int) -> Runner:
    n = len(data.y)
    clf = MLPClassifier(
        hidden_layer_sizes=case.hidden, activation="tanh", solver="sgd", alpha=0.0,
        batch_size=case.batch_size or n, learning_rate="constant", learning_rate_init=LR,
        momentum=0.0, nesterovs_momentum=False, shuffle=case.batch_size > 0,
        random_state=seed, max_iter=1, tol=0.0, n_iter_no_change=10**9)
    classes = np.arange(data.n_classes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.partial_fit(data.X, data.y, classes=classes)  # builds the layers
    for W, b, W_ours, b_ours in zip(clf.coefs_, clf.intercepts_, net.W, net.b):
        W[...], b[...] = W_ours, b_ours  # in place: the optimizer holds these arrays

    def epoch() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.partial_fit(data.X, data.y)

    def theta() -> np.ndarray:
        return np.concatenate([p.ravel() for W, b in zip(clf.coefs_, clf.intercepts_)
                               for p in (W, b)])

    return Runner(epoch, theta)


def contestants(case: Case, seed: int) -> tuple[str, dict[str, Runner]]:
    """The row's label and a fresh runner per framework, all from the same weights."""
    data, net = make_problem(case, seed)
    runners = {"ours": ours_runner(data, net, case, seed, measure=False),
               "ours+stats": ours_runner(data, net, case, seed, measure=True)}
    if torch is not None:
        runners["torch f64"] = torch_runner(data, net, case, seed, torch.float64)
        runners["torch f32"] = torch_runner(data, net, case, seed, torch.float32)
    if MLPClassifier is not None:
        runners["sklearn"] = sklearn_runner(data, net, case, seed)
    return case.label(net.sizes[-1]), runners


# --- timing -----------------------------------------------------------------------------
def clock(fn: Callable[[], object], number: int) -> float:
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return time.perf_counter() - start


def time_interleaved(fns: dict[str, Callable[[], object]], repeats: int, block: float
                     ) -> dict[str, list[float]]:
    """Seconds per call of each function, one sample per repeat. Each sample times a block
    of about ``block`` seconds; the functions take turns (in a rotating order) so that a
    burst of load on the machine hits all of them."""
    numbers = {}
    for name, fn in fns.items():
        fn()  # warm-up: first-call allocations, lazy initialisation
        numbers[name] = max(1, round(block / max(clock(fn, 1), 1e-7)))
    samples: dict[str, list[float]] = {name: [] for name in fns}
    names = list(fns)
    for r in range(repeats):
        for name in names[r % len(names):] + names[:r % len(names)]:
            samples[name].append(clock(fns[name], numbers[name]) / numbers[name])
    return samples


def median_ratio(slow: list[float], fast: list[float]) -> float:
    """Median over repeats of slow/fast, each ratio taken within one repeat."""
    return statistics.median(s / f for s, f in zip(slow, fast))


def page_faults(epoch: Callable[[], None], epochs: int = 20) -> float | None:
    """Minor page faults per epoch: memory the allocator returned to the kernel and takes
    back, zero-filled, page by page. None where the platform cannot count them."""
    if resource is None:
        return None
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(epochs):
        epoch()
    return (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / epochs


def agreement(case: Case, seed: int) -> str:
    """Largest parameter difference from ours after one epoch from the same weights; only
    meaningful without shuffling (full batch), where every framework sees the same batch."""
    if case.batch_size:
        return ""
    _, runners = contestants(case, seed)
    for runner in runners.values():
        runner.epoch()
    theta = runners.pop("ours").theta()
    runners.pop("ours+stats")
    diffs = [f"{name} {np.max(np.abs(r.theta() - theta)):.0e}" for name, r in runners.items()]
    return "max |theta - ours| after 1 epoch: " + (", ".join(diffs) or "nothing to compare")


# --- the report -------------------------------------------------------------------------
COLUMNS = ["ours", "ours+stats", "torch f64", "torch f32", "sklearn"]
SUMMARY = {True: "all speed targets met", False: "SPEED TARGET MISSED (see rows marked NO)",
           None: "speed targets not checked: neither torch nor scikit-learn is installed"}


def speed_table(repeats: int, block: float, seed: int) -> tuple[list[str], bool | None]:
    """The table's lines and whether every row met its targets (None: nothing to compare)."""
    header = (f"{'row':<34}" + "".join(f"{c:>11}" for c in COLUMNS)
              + f"{'torch/ours':>11}{'skl/ours':>10}  targets (>=2x torch, >=10x sklearn)")
    lines, notes, faults = [header, "-" * len(header)], [], []
    all_met: bool | None = None
    for case in CASES:
        label, runners = contestants(case, seed)
        samples = time_interleaved({k: r.epoch for k, r in runners.items()}, repeats, block)
        cells = [_us(statistics.median(samples[c])) if c in samples else "-" for c in COLUMNS]
        torch_ratio = skl_ratio = None
        if "torch f64" in samples:
            fastest = [min(a, b) for a, b in zip(samples["torch f64"], samples["torch f32"])]
            torch_ratio = median_ratio(fastest, samples["ours"])
        if "sklearn" in samples:
            skl_ratio = median_ratio(samples["sklearn"], samples["ours"])
        met = [r is None or r >= t for r, t in ((torch_ratio, TORCH_TARGET),
                                                (skl_ratio, SKLEARN_TARGET))]
        if torch_ratio is not None or skl_ratio is not None:
            all_met = all(met) and all_met is not False
        verdict = _verdict(torch_ratio, skl_ratio, met)
        lines.append(f"{label:<34}" + "".join(f"{c:>11}" for c in cells)
                     + f"{_ratio(torch_ratio):>11}{_ratio(skl_ratio):>10}  {verdict}")
        if check := agreement(case, seed):
            notes.append(f"  {case.key}: {check}")
        if (count := page_faults(runners["ours"].epoch)) is not None:
            faults.append(f"{case.key} {count:.0f}")
    if torch is not None or MLPClassifier is not None:
        lines += ["", "same arithmetic check (full-batch rows):", *notes]
    if faults:
        lines.append("ours (fit_epoch), minor page faults per epoch: " + ", ".join(faults))
    return lines, all_met


def _verdict(torch_ratio: float | None, skl_ratio: float | None, met: list[bool]) -> str:
    if torch_ratio is None and skl_ratio is None:
        return "not checked (no torch, no sklearn)"
    words = ["yes" if all(met) else "NO"]
    if not met[0]:
        words.append("torch")
    if not met[1]:
        words.append("sklearn")
    return " ".join(words)


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f}"


def _ratio(r: float | None) -> str:
    return "-" if r is None else f"{r:.1f}x"


CLASS_TARGET = 2.0  # stacked against one after another, at thirty networks
CLASS_CASES = [  # what a class trains: the load benchmark's link, TF's spiral, full batch
    ("circles 400, 2-8-8-1, batch 10", Config(dataset="circles", samples=400,
                                             hidden=(8, 8), batch_size=10)),
    ("spiral 500, 2-8x6-1, batch 10", SPIRAL),
    ("circles 400, 2-8-8-1, full batch", Config(dataset="circles", samples=400,
                                               hidden=(8, 8), batch_size=0)),
]


def class_lines(repeats: int, block: float, size: int, seed: int) -> tuple[list[str], bool]:
    """A class of ``size`` networks: one after another, and stacked (see the docstring)."""
    lines = [f"a class of {size} networks of one shape, each its own data and weights "
             f"(epochs/s of all {size} together; median of {repeats} blocks):",
             f"  {'row':<34}{'alone':>9}{'stacked':>10}{'gain':>7}{'+stats':>9}"
             f"{'stacked':>10}{'gain':>7}"]
    met = True
    for label, config in CLASS_CASES:
        configs = [config.with_(seed=seed + k) for k in range(size)]
        alone = [build(c)[1] for c in configs]
        alone_measured = [build(c)[1] for c in configs]
        stack, measured = Stack(), Stack()
        for c in configs:
            stack.join(build(c)[1], keep=lambda epoch: False)
            measured.join(build(c)[1])
        samples = time_interleaved({
            "alone": lambda a=alone: [t.fit_epoch() for t in a],
            "stacked": lambda s=stack: s.run(1, measured=()),
            "alone+stats": lambda a=alone_measured: [t.train_epoch() for t in a],
            "stacked+stats": lambda s=measured: s.run(1),
        }, repeats, block)
        rate = {k: size / statistics.median(v) for k, v in samples.items()}
        gain = median_ratio(samples["alone"], samples["stacked"])
        gain_stats = median_ratio(samples["alone+stats"], samples["stacked+stats"])
        if config.batch_size:
            met = met and gain >= CLASS_TARGET
        lines.append(f"  {label:<34}{rate['alone']:>9,.0f}{rate['stacked']:>10,.0f}"
                     f"{gain:>6.1f}x{rate['alone+stats']:>9,.0f}{rate['stacked+stats']:>10,.0f}"
                     f"{gain_stats:>6.1f}x")
    lines.append(f"  target: stacked >= {CLASS_TARGET:g}x one after another on the minibatch "
                 f"rows: {'met' if met else 'MISSED'}")
    return lines, met


def region_lines(repeats: int, block: float, seed: int) -> list[str]:
    """Decision region timings for the 2-8x6-1 network on a 100 x 100 grid."""
    data, net = make_problem(CASES[1], seed)
    grid = region.make_grid(data.X, 100)
    fns = {"make_grid + output": lambda: region.output(net, region.make_grid(data.X, 100)),
           "output only": lambda: region.output(net, grid),
           "evaluate (all layers)": lambda: region.evaluate(net, grid)}
    samples = time_interleaved(fns, repeats, block)
    lines = [f"decision region, 2-8x6-1 tanh network, 100 x 100 grid "
             f"(target well under {REGION_TARGET_MS:g} ms):"]
    for name, times in samples.items():
        ms = statistics.median(times) * 1e3
        lines.append(f"  {name:<24}{ms:8.2f} ms  {'ok' if ms < REGION_TARGET_MS else 'SLOW'}")
    return lines


def time_to_solve(seed: int, target: float, max_epochs: int
                  ) -> tuple[int, float, float, bool]:
    """Epochs, engine seconds (``train_epoch``, as the app runs it) and best test accuracy
    until the test accuracy reaches ``target``; whether it did within ``max_epochs``."""
    _, trainer = build(SPIRAL.with_(seed=seed))
    best, start = 0.0, time.perf_counter()
    while best < target and trainer.epoch < max_epochs:
        best = max(best, trainer.train_epoch().test_accuracy)
    return trainer.epoch, time.perf_counter() - start, best, best >= target


def solve_lines(seeds: range, max_epochs: int, target: float = 0.98) -> list[str]:
    lines = [f"time to solve: spiral, 500 points, half for test, 2-8x6-1 tanh, SGD lr {LR}, "
             f"batch 10; until test accuracy >= {target:.0%}, at most {max_epochs} epochs",
             f"  {'seed':>4}{'epochs':>8}{'seconds':>9}{'best test acc':>15}  reached"]
    results = []
    for seed in seeds:
        epochs, seconds, best, reached = time_to_solve(seed, target, max_epochs)
        results.append((epochs, seconds, reached))
        lines.append(f"  {seed:>4}{epochs:>8}{seconds:>9.2f}{best:>15.1%}  "
                     + ("yes" if reached else "no"))
    solved = [(e, s) for e, s, ok in results if ok]
    total = sum(s for _, s, _ in results)
    if solved:
        lines.append(f"  reached by {len(solved)}/{len(results)} seeds; median over those: "
                     f"{statistics.median(e for e, _ in solved):g} epochs, "
                     f"{statistics.median(s for _, s in solved):.2f} s "
                     f"({statistics.median(s / e for e, s in solved) * 1e3:.2f} ms/epoch)")
    else:
        lines.append(f"  reached by 0/{len(results)} seeds")
    lines.append(f"  engine time for all seeds: {total:.1f} s")
    return lines


def environment() -> str:
    parts = [f"python {platform.python_version()}", f"numpy {np.__version__}"]
    if torch is not None:
        parts.append(f"torch {torch.__version__} ({torch.get_num_threads()} thread)")
    else:
        parts.append("torch not installed: its columns are skipped")
    if MLPClassifier is not None:
        import sklearn

        parts.append(f"scikit-learn {sklearn.__version__}")
    else:
        parts.append("scikit-learn not installed: its column is skipped")
    parts.append(f"BLAS threads {os.environ['OPENBLAS_NUM_THREADS']}")
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=None,
                        help="timed blocks per framework and row (default 9, quick 3)")
    parser.add_argument("--quick", action="store_true",
                        help="short blocks, 5 spiral seeds capped at 2000 epochs")
    parser.add_argument("--block-ms", type=float, default=None,
                        help="length of one timed block (default 40, quick 10)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--class-size", type=int, default=30,
                        help="networks in the class rows (default 30)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 9)
    block = (args.block_ms or (10.0 if args.quick else 40.0)) / 1e3
    start = time.perf_counter()
    print(environment())
    print(f"one epoch, microseconds (median of {repeats} blocks); tanh hidden layers, "
          f"SGD lr {LR}; ours = fit_epoch, ours+stats = train_epoch\n")
    lines, all_met = speed_table(repeats, block, args.seed)
    print("\n".join(lines))
    print("\n" + SUMMARY[all_met])
    print("\n" + "\n".join(class_lines(repeats, block, args.class_size, args.seed)[0]))
    print("\n" + "\n".join(region_lines(repeats, block, args.seed)))
    seeds, cap = (range(5), 2000) if args.quick else (range(10), 5000)
    print("\n" + "\n".join(solve_lines(seeds, cap)))
    print(f"\nbenchmark wall time {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
