"""The Playground's text in English."""

TEXT = {
    "page_title": "Playground",
    "title": "Neural Playground",
    "intro": (
        "Pick a data set, shape a network, press **Play** and watch it learn. The background "
        "is what the network predicts at every point of the plane; each small square in the "
        "network diagram is one neuron's own view of the plane. Everything is computed by a "
        "from-scratch NumPy engine in your session."
    ),
    # sidebar: presets
    "presets": "Lessons (presets)",
    "preset_pick": "Load a lesson",
    "preset_none": "— choose a lesson —",
    "preset_names": {
        "seed004": "Seed-004 circles: 2-4-6-6-4-1 ReLU, Adam",
        "spiral_hard": "Spiral, hard (TF Playground's 6 x 8 tanh)",
        "xor_one_layer": "XOR with a single hidden layer",
        "vanishing": "Vanishing gradients: deep sigmoid",
        "dying_relu": "Dying ReLU: learning rate too high",
        "softmax3": "Three classes, softmax",
    },
    "preset_about": {
        "seed004": "The reference model of the seed article on the mathematics of deep networks: "
                   "ReLU hidden layers, a sigmoid output, binary cross-entropy and Adam.",
        "spiral_hard": "TensorFlow Playground's settings for its hardest problem: 6 hidden layers "
                       "of 8 tanh units, learning rate 0.03, batch 10. With plain SGD about half "
                       "of the seeds stall near 95 %; this one (seed 2) gets past 98 %. Try "
                       "another seed, or Adam.",
        "xor_one_layer": "One hidden layer of 4 units is enough to bend a line into XOR's two "
                         "diagonal regions.",
        "vanishing": "Eight sigmoid layers: sigmoid's derivative is at most 1/4, so the gradient "
                     "shrinks layer after layer. Watch the gradient chart: the first layers sit "
                     "decades below the last.",
        "dying_relu": "A learning rate of 3 throws ReLU units into the region where they output 0 "
                      "for every point; their gradient is 0 there too, so they never come back.",
        "softmax3": "Three spiral arms: a softmax output layer with categorical cross-entropy.",
    },
    # sidebar: data
    "data": "Data",
    "dataset": "Data set",
    "dataset_names": {
        "circles": "Circles", "spiral": "Spiral", "spiral3": "Spiral, 3 arms",
        "blobs3": "Three blobs", "xor": "XOR", "moons": "Two moons", "gaussians": "Two Gaussians",
        "plane": "Plane (regression)", "sine": "Sine surface (regression)",
        "csv": "My CSV file",
    },
    "samples": "Samples",
    "noise": "Noise",
    "train_pct": "Training data (%)",
    "regenerate": "Regenerate",
    "upload": "Upload your own data (CSV)",
    "upload_help": "A header row, two numeric feature columns and a label column (named "
                   "`label`, else the last column). Features are standardised.",
    "upload_ok": "Loaded {n} rows, {classes} from {name}.",
    "upload_bad": "Could not use {name}: {error} Your previous data is still loaded.",
    "show_test": "Show test data",
    "hard": "Hard class boundaries",
    # sidebar: network
    "network": "Network",
    "layers": "Hidden layers",
    "units": "Units in layer {l}",
    "same_act": "Same activation for all layers",
    "activation": "Activation",
    "activation_l": "Activation, layer {l}",
    "activation_names": {"linear": "Linear", "sigmoid": "Sigmoid", "tanh": "Tanh",
                         "relu": "ReLU", "leaky_relu": "Leaky ReLU", "elu": "ELU",
                         "softmax": "Softmax"},
    "loss": "Loss",
    "loss_names": {"bce": "Binary cross-entropy", "mse": "Squared error",
                   "cce": "Categorical cross-entropy"},
    # sidebar: training
    "training": "Training",
    "optimizer": "Optimizer",
    "optimizer_names": {"sgd": "SGD", "momentum": "Momentum", "adam": "Adam"},
    "lr": "Learning rate",
    "batch": "Batch size (0 = all)",
    "reg": "Regularisation",
    "reg_names": {"none": "None", "l1": "L1", "l2": "L2"},
    "reg_rate": "Regularisation rate",
    "seed": "Seed",
    "speed": "Speed (epochs per frame)",
    # controls
    "play": "Play",
    "pause": "Pause",
    "step": "Step",
    "reset": "Reset",
    "step_help": "Train one epoch",
    "reset_help": "New initial weights, same data",
    # metrics
    "epoch": "Epoch",
    "train_loss": "Train loss",
    "test_loss": "Test loss",
    "train_acc": "Train accuracy",
    "test_acc": "Test accuracy",
    # figures
    "region_title": "What the network predicts",
    "network_title": "The network",
    "input_title": "input",
    "hidden_title": "hidden {l}<br>{n} {act}",
    "output_title": "output<br>{act}",
    "input_names": ["x1", "x2"],
    "more_units": "+{n} more",
    "loss_chart": "Loss",
    "acc_chart": "Accuracy",
    "grad_chart": "Gradient size per layer, ||dJ/dW||",
    "dead_chart": "Dead ReLU units per layer",
    "grad_empty": "Every gradient is 0 or infinite: nothing can learn.",
    "no_dead": "Dead units can only happen in ReLU layers; this network has none.",
    "layer_name": "layer {l}",
    "output_layer": "output",
    "train": "train",
    "test": "test",
    "training_data": "training data",
    "test_data": "test data",
    # messages
    "diverged": "Training diverged at epoch {epoch}: the loss or a weight became infinite, so it "
                "is paused at the last finite weights, which are now far too large. Lower the "
                "learning rate (now {lr:g}; try {suggest:g}), press **Reset** for fresh "
                "weights, then **Play**.",
    "hint_vanishing": "Vanishing gradients: the first layer's gradient is {ratio:.0e} times the "
                      "last layer's, so the early layers barely learn. Try ReLU or tanh, or fewer "
                      "layers.",
    "hint_dead": "Dying ReLUs: {share:.0%} of the ReLU units output 0 on every training point "
                 "and can no longer learn. Try a lower learning rate or leaky ReLU.",
    "url_notes": "Some settings in the link were adjusted:",
    "notice": "What to notice",
    "downloads": "Download",
    "dl_model": "Trained model (JSON)",
    "dl_history": "Training history (CSV)",
    "dl_data": "Data set (CSV)",
    "how_to_read": (
        "**How to read it.** Orange and blue are the two classes (more classes get more "
        "colours); the paler the background, the less sure the network is. Points with a dark "
        "rim are test data the network never trains on. In the network, blue edges are "
        "positive weights and orange ones negative; thicker means larger. The gradient chart "
        "uses a log scale: a line far below the others is a layer that has stopped learning."
    ),
}
