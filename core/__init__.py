"""Neural Playground's engine: data sets, a NumPy multilayer perceptron, losses,
optimizers, the training loop and model files. Pure NumPy; never imports Streamlit.

    from core import Config, build
    data, trainer = build(Config(dataset="spiral", hidden=(8, 8), activation="tanh"))
    for snap in trainer.run(200):
        print(snap.epoch, snap.train_loss, snap.test_accuracy)
"""

from . import threads  # noqa: F401  (first: limits BLAS threads before NumPy loads)
from .datasets import DATASETS, Dataset, Split
from .experiment import Config, build
from .network import Network
from .training import LayerStats, Snapshot, Trainer

__all__ = ["Config", "build", "Dataset", "Split", "DATASETS", "Network", "Trainer",
           "Snapshot", "LayerStats"]
