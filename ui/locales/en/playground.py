"""The Playground's text in English."""

from .names import TEXT as NAMES  # one name per thing, on every page

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
    "preset_changed": "You have changed this lesson's settings.",
    "preset_reload": "Load this lesson afresh",
    "preset_names": {
        "seed004": "Seed-004 circles: 2-4-6-6-4-1 ReLU, Adam",
        "spiral_hard": "Spiral, hard (TF Playground's 6 x 8 tanh)",
        "xor_one_layer": "XOR with a single hidden layer",
        "vanishing": "Vanishing gradients: deep sigmoid",
        "dying_relu": "Dying ReLU: learning rate too high",
        "softmax3": "Three classes, softmax",
        "one_neuron": "One neuron: logistic regression",
        "features_circles": "Circles without a hidden layer: feed it x1², x2²",
    },
    "preset_about": {
        "features_circles": "No hidden layer can only draw a straight line, and no line "
                            "separates a disc from the ring around it. Fed x1² and x2² "
                            "instead of x1 and x2, the same network separates them: the circle "
                            "x1² + x2² = r² is a straight line in those inputs. Hidden layers "
                            "learn such features by themselves; here you hand them over.",
        "seed004": "The reference model of the seed article on the mathematics of deep networks: "
                   "ReLU hidden layers, a sigmoid output, binary cross-entropy and Adam.",
        "spiral_hard": "TensorFlow Playground's network and training for its hardest problem: 6 "
                       "hidden layers of 8 tanh units, plain SGD, learning rate 0.03, batch 10, "
                       "but twice its points (1,000, half of them for training). With "
                       "TF Playground's 500 points about half of the seeds stall near 95 %; "
                       "with 1,000 every seed we tried passes 98 % test accuracy, most within "
                       "a few hundred epochs. Press Regenerate and see.",
        "xor_one_layer": "One hidden layer of 4 units is enough to bend a line into XOR's two "
                         "diagonal regions.",
        "vanishing": "Eight sigmoid layers: sigmoid's derivative is at most 1/4, so the gradient "
                     "shrinks layer after layer. Watch the gradient chart: the first layers sit "
                     "decades below the last.",
        "dying_relu": "A learning rate of 3 throws ReLU units into the region where they output 0 "
                      "for every point; their gradient is 0 there too, so they stop learning "
                      "(in the first hidden layer, for good).",
        "softmax3": "Three spiral arms: a softmax output layer with categorical cross-entropy.",
        "one_neuron": "No hidden layer: one sigmoid neuron, z = w1·x1 + w2·x2 + b, on two "
                      "Gaussian clouds. Its boundary can only be a straight line, which is "
                      "all these clouds need.",
    },
    # sidebar: data
    "data": "Data",
    "dataset": "Data set",
    "dataset_names": NAMES["datasets"],
    "samples": "Samples",
    "noise": "Noise",
    "train_pct": "Training data (%)",
    "regenerate": "Regenerate",
    "upload": "Upload your own data (CSV)",
    "upload_help": "A header row, two numeric feature columns and a label column (named "
                   "`label`, else the last column). Features are standardised.",
    "upload_in_use": "In use: {name}, {n} rows, {what}.",
    "upload_classes": "{k} classes ({names})",
    "upload_regression": "a number to predict (regression)",
    "upload_bad": "Could not use {name}: {error}. The data you had before is still in use.",
    "samples_csv": "Samples: the {n} rows of {name}",
    # sidebar: a trained model (ui/playground/model_import.py)
    "model_upload": "Open a trained model (JSON)",
    "model_upload_help": "A model file saved here (the \"Trained model (JSON)\" button) or "
                         "by the command line. Its network trains on from its own weights, on "
                         "the current data.",
    "model_opened": "Opened {name}: {shape}, {acts}; training continues from its weights.",
    "model_no_hidden": "no hidden layer",
    "model_inputs": " Its inputs: {features}.",
    "model_scaling_same": " It was trained on a CSV file scaled like yours, so its predictions "
                          "carry over.",
    "model_scaling_other": " It was trained on a CSV file: its input scaling fits only data "
                           "in that file's units. Here it gets the current data as it is.",
    "model_bad": "Could not open {name}: {error}.",
    "model_wrong_task": "{name} is {model_task} model, but the current data ({data}) needs "
                        "{data_task} model.",
    "model_tasks": {"binary": "a two-class", "multiclass": "a {k}-class",
                    "regression": "a regression"},
    "model_try": " It fits {datasets}: choose one of them, then open the file again.",
    "model_too_big": "{name} has {layers} hidden layers of up to {units} units; the Playground "
                     "shows at most {max_layers} hidden layers of {max_units} units.",
    "model_unchanged": " Your network and data are unchanged.",
    "model_list_sep": ", ",
    "model_dataset": "“{name}”",
    "show_test": "Show test data",
    "hard": "Hard class boundaries",
    # sidebar: network
    "network": "Network",
    "layers": "Hidden layers",
    "units": "Layer {l}",
    "units_caption": "Units (neurons) per hidden layer, 1 to {hi}",
    "units_clamped": "A hidden layer has 1 to {hi} units: layer {l} now has {n}.",
    "same_act": "Same activation for all layers",
    "activation": "Activation",
    "activation_l": "Activation, layer {l}",
    "activation_names": NAMES["activations"],
    "loss": "Loss",
    "loss_names": NAMES["losses"],
    # sidebar: training
    "training": "Training",
    "optimizer": "Optimizer",
    "optimizer_names": NAMES["optimizers"],
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
    # the keyboard (ui/live/keyboard.js; the other words are common): a play link under
    # reduced motion, and the list of keys with Reset
    "key_calm": "Paused: your system asks for reduced motion. Press Play to start.",
    "keyboard_help": (
        "- **Space**: Play or Pause\n"
        "- **.** (full stop): train one epoch\n"
        "- **Tab** / **Shift+Tab**: every control in turn, Reset included; **Enter** or "
        "**Space** presses the one in focus\n\n"
        "Not while typing in a field or moving a slider: there the keys are the field's."
        " Where your system asks for reduced motion, the live pictures change twice a "
        "second; the training goes on as fast."
    ),
    # metrics
    "epoch": "Epoch",
    "train_loss": "Train loss",
    "test_loss": "Test loss",
    "train_acc": "Train accuracy",
    "test_acc": "Test accuracy",
    # while playing, under the numbers: how fast this page goes, and the server's class
    "pace": "Live: {fps} pictures a second, {eps} epochs a second",
    "pace_class": "Live: {fps} pictures a second, {eps} epochs a second · {players} learners "
                  "playing on this server, {together} networks training together with this one",
    # figures
    "region_title": "What the network predicts",
    "network_title": "The network",
    "input_title": "input",
    "hidden_title": "hidden {l}<br>{n} {act}",
    "hidden_title_short": "{l}",
    "output_title": "output<br>{act}",
    "input_names": ["x1", "x2"],
    "more_units": "+{n} more",
    "loss_chart": "Loss",
    "acc_chart": "Accuracy",
    "grad_chart": "Gradient size per layer, ||∂J/∂W||",
    "dead_chart": "Dead ReLU units per layer",
    "grad_empty": "Every gradient is 0 or infinite: nothing can learn.",
    "no_dead": "Dead units can only happen in ReLU layers; this network has none.",
    # the weights as numbers, under the diagram (views.weights_tables)
    "weights_title": "The weights as numbers",
    "weights_caption": (
        "Into {layer} ({n} units, {act}): the weight from each row's input to each column's "
        "unit; the biases in the last row."
    ),
    "weights_more": (
        "The first {rows} of {n_rows} rows and {cols} of {n_cols} columns; the model file "
        "holds them all."
    ),
    "weights_unit": "unit {j}",
    "weights_bias": "bias",
    "weights_corner": "from ↓ to →",
    "weights_epoch": "The weights at epoch {epoch}.",
    "weights_live": (
        "The weights at epoch {epoch}, when Play was pressed: pause to read the newest."
    ),
    "layer_name": "layer {l}",
    "output_layer": "output",
    "train": "train",
    "test": "test",
    "training_data": "training data",
    "test_data": "test data",
    # messages
    "diverged": "Training diverged at epoch {epoch}: the loss blew up or a weight became "
                "infinite, so it is paused at the weights from before that. Lower the "
                "learning rate (now {lr:g}; try {suggest:g}), press **Reset** for fresh "
                "weights, then **Play**.",
    "hint_vanishing": "Vanishing gradients: the first layer's gradient is {times} of the last "
                      "layer's, so the early layers barely learn. {fix}",
    "hint_no_gradient": "No gradient reaches the first layer at all, so it has stopped "
                        "learning. {fix}",
    "fix_sigmoid": "Sigmoid's slope is at most 1/4 and it shrinks the gradient at every "
                   "layer: try ReLU or tanh, or fewer layers.",
    "fix_deep": "Try fewer layers, ReLU, or Adam (it scales each weight's step to its own "
                "gradient).",
    "hint_lr": "Learning rate {lr:g} is too high: one epoch changes a layer's weights by "
               "{ratio:.0%} of their size, so they jump past the minimum and the units "
               "saturate. Lower the learning rate and press **Reset**.",
    "hint_lr_rising": "The loss is now higher than when training started.",
    "hint_dead": "Dying ReLUs: {share:.0%} of the ReLU units output 0 on every training point "
                 "and can no longer learn. Try a lower learning rate or leaky ReLU.",
    # input features (above the network diagram) and the drawing pad
    "features_pick": "Input features",
    "features_help": "What the network is fed, computed from each point (x1, x2) of the "
                     "plane. With x1² and x2², even a network without a hidden layer "
                     "separates the circles.",
    "features_none": "Keep at least one input feature: the network needs something to read. "
                     "The last choice is kept.",
    "feature_names": {"x1": "x1", "x2": "x2", "x1^2": "x1²", "x2^2": "x2²", "x1*x2": "x1·x2",
                      "sin(x1)": "sin(x1)", "sin(x2)": "sin(x2)"},
    "draw_title": "Draw your data",
    "draw_help": "Click the plane below to add a point of the chosen colour; when a click "
                 "**erases a point**, click next to a point to remove it. The network keeps "
                 "training on what you draw (every drawn point is training data, none is held "
                 "out).",
    "draw_mode": "A click",
    "draw_modes": {"add": "adds a point", "erase": "erases a point"},
    "draw_class": "Colour",
    "draw_classes": ["orange", "blue"],
    "draw_count": "{n} points; a drawing holds up to {max}, and they all travel in the share link.",
    "draw_full": "The drawing is full ({max} points): erase some to add others.",
    "draw_min": "A drawing keeps at least {n} points.",
    "draw_x": "x1",
    "draw_y": "x2",
    "url_notes": "Some settings in the link were adjusted:",
    "url_note": {
        "out_of_range": "{label}: {value:g} is outside {lo:g} to {hi:g}, so {used:g} is used.",
        "not_a_number": "{label}: “{raw}” is not a number, so it was left as it was.",
        "not_a_choice": "{label}: there is no “{raw}” here, so it was left as it was.",
        "not_a_flag": "{label}: “{raw}” is neither 1 (on) nor 0 (off), so it was left as it "
                      "was.",
        "hidden_bad": "{label}: “{raw}” should be unit counts like 8,8,8, so it was left as "
                      "it was.",
        "too_many_layers": "{label}: the link asks for {n} layers; the first {kept} are used.",
        "units_out_of_range": "{label}: a layer has 1 to {hi} units, so the layers are "
                              "{used}.",
        "act_count": "{label}: {n} names for {layers} hidden layers, so every layer uses the "
                     "first one.",
        "loss_mismatch": "{label}: “{raw}” does not fit this data set, so its usual loss is "
                         "used.",
        "features_bad": "{label}: there is no input feature “{raw}” (choose from {known}), so "
                        "it was left out.",
        "features_none": "{label}: the network needs at least one input feature, so it is fed "
                         "x1, x2.",
        "pts_bad": "{label}: “{raw}” is not a set of drawn points, so the drawing starts from a "
                   "few points.",
        "pts_odd": "{label}: the points end with a stray character; it was dropped.",
        "pts_range": "{label}: some points lay outside the plane (-6 to 6); they were moved to "
                     "its edge.",
        "pts_many": "{label}: a link carries at most {n} points; the first {n} are used.",
        "pts_few": "{label}: a drawing needs at least {n} points, so it starts from a few "
                   "points.",
    },
    "share": "Share",
    "share_help": "The link to this Playground, with its data, network and settings",
    "share_copy": "Copy this link (button at its right) and send it, or put it on the "
                  "projector: it opens this data set, network and seed.",
    "share_csv": "A link cannot carry your uploaded file: it opens with {dataset} instead.",
    "lesson_link": "The lesson: {lesson}",
    "region_says": "What the network predicts: {shares}. Test accuracy {acc}.",
    "region_share": "{name} holds {share:.0%} of the plane",
    "region_says_values": "What the network predicts: values from {lo} to {hi} over the plane.",
    "list_sep": ", ",
    "class_name": "class {k}",
    "axes": "across: {x}, up: {y} (standardised: 0 is the mean, 1 one standard deviation)",
    "epoch_axis": "epoch",
    "unit_tip": "Hidden layer {l}, unit {j} ({act}), bias {bias:+.3g}",
    "output_tip": "Output: {name} ({act}), bias {bias:+.3g}",
    "output_unit": "the prediction",
    "notice": "What to notice",
    "confusion": "Confusion matrix: which class is taken for which",
    "confusion_playing": "Pause to see the matrix of the network as it is then.",
    "confusion_test": "Test points at epoch {epoch}",
    "confusion_train": "Training points at epoch {epoch} (no test points kept)",
    "axis_predicted": "predicted class",
    "axis_true": "true class",
    "confusion_hover": "true {true}, predicted {predicted}: {count} points",
    "downloads": "Download",
    "dl_model": "Trained model (JSON)",
    "dl_script": "The network as Python (NumPy only)",
    "dl_script_help": "One file to take home: the weights, the forward pass as plain NumPy "
                      "and predict(points). Run it on a CSV file of points: "
                      "python network.py points.csv",
    "dl_diverged": "The weights are no longer numbers (the run diverged): Reset first.",
    "dl_history": "Training history (CSV)",
    "dl_data": "Data set (CSV)",
    "how_to_read": (
        "- **The region.** Each class has its colour (orange and blue for two; the legend "
        "names them for your own file); the paler the background, the less sure the network "
        "is. For a regression data set the colour is the predicted number: blue above 0, "
        "orange below, white at 0. Points with a dark rim are test data the network never "
        "trains on.\n"
        "- **The small squares** in the network are each neuron's own view of the same plane: "
        "blue where the neuron's output is above its midpoint (0 for tanh, 1/2 for sigmoid), "
        "orange below, white at it. A softmax output unit is its class: the class's colour "
        "where the network is sure of it, white where it is not. Watch the first layer draw "
        "straight lines and later layers combine them into curves.\n"
        "- **The edges** are the weights: blue positive, orange negative, thicker when larger.\n"
        "- **The gradient chart** uses a log scale: a line far below the others is a layer "
        "that has almost stopped learning (vanishing gradients). A gradient of exactly 0 sits "
        "on the grey band at the bottom: those units cannot learn at all.\n"
        "- **Dead ReLU units**, per layer: green bars have none, orange some, red half or "
        "more. A dead unit outputs 0 for every training point, so its own weights get no "
        "gradient: in the first hidden layer, whose inputs never change, it stays dead; in a "
        "deeper layer it can come back when the layers before it change what it receives.\n"
        "- When the training loss keeps falling but the test loss climbs, the network has "
        "started to learn the training points by heart (overfitting)."
    ),
}
