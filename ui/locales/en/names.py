"""The names of the engine's things, one table for every page: data sets, activations,
losses and optimizers, keyed as core keys them (core/datasets.py, core/activations.py,
core/losses.py, core/optimizers.py). tests/ui/test_text.py checks every key core has is named."""

TEXT = {
    "datasets": {
        "circles": "Circles", "spiral": "Spiral", "spiral3": "Spiral, 3 arms",
        "blobs3": "Three blobs", "xor": "XOR", "moons": "Two moons", "gaussians": "Two Gaussians",
        "plane": "Plane (regression)", "sine": "Sine surface (regression)",
        "csv": "My CSV file", "drawn": "Draw your own",
    },
    "activations": {"linear": "Linear", "sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "ReLU",
                    "leaky_relu": "Leaky ReLU", "elu": "ELU", "softmax": "Softmax"},
    "losses": {"bce": "Binary cross-entropy", "mse": "Squared error",
               "cce": "Categorical cross-entropy"},
    "optimizers": {"sgd": "SGD", "momentum": "Momentum", "adam": "Adam"},
}
