"""Text of lesson 6, Many classes (seed articles 000 and 001; pages/multiclass.py)."""

TEXT = {
    "title": "Many classes",
    "intro": (
        "Article 000 teaches neural networks on one example: points with **two features** "
        "that belong to one of **three classes**. Its starting point is softmax regression: "
        "one linear layer $z = x W + b$ with K = 3 outputs, one per class, and **softmax** "
        "turning the three z into three probabilities ŷ. A network keeps that output layer "
        "and puts hidden layers in front of it. This lesson trains both, shows the loss that "
        "goes with softmax (**categorical cross-entropy**, article 001) and its famous "
        "gradient **ŷ − y**, which output goes with which task, and where a trained "
        "classifier still goes wrong."
    ),
    # 1. the regions
    "regions_header": "1 · Three classes on one plane",
    "regions_intro": (
        "Each point of the plane is coloured by the class the network gives the highest "
        "probability, paler where it is unsure. Points rimmed in white train the network; "
        "points rimmed in dark grey are the test points it never sees. With **0 hidden "
        "layers** the network is article 000's softmax regression; add layers to make it a "
        "network. Training: {epochs} epochs of Adam on all training points at once."
    ),
    "dataset": "Data set",
    "layers": "Hidden layers",
    "units": "Units per hidden layer",
    "seed": "Seed",
    "class_name": "class {k}",
    "list_sep": ", ",
    "share_of": "{name}: {share}",
    "before_title": "**Before training** (random weights): test accuracy {acc}",
    "after_title": "**After {epochs} epochs**: test accuracy {acc}",
    "alt_region": "Decision regions of the {shape} network after {epochs} epochs: "
                  "test accuracy {acc}.",
    "predict_accuracy": "After {epochs} epochs, what share of the test points will the {shape} "
                        "network put in their own class? (in %)",
    "regions_said": (
        "Before training the network puts {before} of the test points in their class (a "
        "guess would get about {chance}); after {epochs} epochs the {shape} network gets "
        "{after}. The plane is now shared out as {shares}."
    ),
    "regions_notice": (
        "- Softmax regression (no hidden layer) splits the plane into K regions with "
        "**straight borders**: where two classes meet, their z are equal, and "
        "$z_i = z_j$ is a straight line when each z is linear in x1 and x2. It separates the "
        "three blobs, never the three arms of the spiral.\n"
        "- The hidden layers change the features the output layer sees (article 000: the "
        "network is a **feature extractor**). In those features the classes become nearly "
        "linearly separable, and the same softmax layer then draws its straight borders "
        "there: curved ones in the plane.\n"
        "- Before training, the borders lie wherever the random weights put them. On the "
        "spiral that gets about a third of the points right (1/K, what a guess gets); on the "
        "blobs, where one border can cut between whole clusters, anything from almost none "
        "to almost all."
    ),
    # 2. one point's output layer
    "point_header": "2 · Softmax and its loss, at one point",
    "point_intro": (
        "Pick a test point. Its output layer holds three numbers z₁, z₂, z₃ (after "
        "training). Softmax makes them probabilities, and the loss of this one point, "
        "**L** (for the cost over all points article 003 writes J, their mean), is minus "
        "the log of the probability given to the point's own class."
    ),
    "point": "Test point",
    "m_class": "Its class",
    "m_p": "ŷ of its class",
    "m_loss": "Its loss L",
    "point_said": (
        "This point, at ({x1}, {x2}), belongs to **{cls}**. The trained network gives that "
        "class a probability of **{p}** (its own guess is {guess}), so "
        "**L = −log {p} = {loss}**."
    ),
    "derivation_intro": (
        "The gradient of L with respect to the output layer's z, in two steps "
        "($\\delta_{jk}$ is 1 when j = k, else 0; $\\sum_j y_j = 1$ because y is one-hot):"
    ),
    "predict_gradient": "For this point, what is ∂L/∂z of its own class, {cls}?",
    "series_p": "ŷ (softmax)",
    "series_y": "y (target)",
    "series_grad": "∂L/∂z = ŷ − y",
    "output_title": "The output layer at this point (its class: {cls})",
    "col_class": "Class",
    "col_p": "ŷ",
    "col_y": "y",
    "col_engine": "∂L/∂z, the engine's (ŷ − y)",
    "col_numeric": "∂L/∂z, nudging z",
    "col_diff": "Difference",
    "gradient_said": (
        "For {cls}, ∂L/∂z = ŷ − 1 = {p} − 1 = **{g}**: a step of gradient descent raises "
        "that z and lowers the others, each by its own ŷ. Nudging every z by ±{h} and "
        "measuring L again gives the same numbers (largest difference {diff}): this is the "
        "gradient the engine's backward pass starts from, the same simplification as "
        "sigmoid with binary cross-entropy."
    ),
    "point_notice": (
        "- $\\partial L / \\partial z_k = \\hat y_k - y_k$: the softmax's own derivative "
        "cancels against the log's, so "
        "a point the network gets confidently wrong (ŷ of its class near 0) still gets a "
        "gradient near −1, the largest there is. With squared error on top of softmax it "
        "would get almost none (article 002's argument for cross-entropy).\n"
        "- The three gradients always sum to 0: raising one probability lowers the others.\n"
        "- L is never negative, and is 0 only when ŷ of the true class is exactly 1."
    ),
    # 3. which head for which task
    "heads_header": "3 · Which output layer and which loss, for which task",
    "heads_intro": (
        "Article 001 pairs each kind of task with its output and loss. The engine builds "
        "the output layer from the task the same way (a Playground data set chooses its "
        "own):"
    ),
    "col_task": "Task",
    "col_units": "Output units",
    "col_output": "Output activation",
    "col_loss": "Loss",
    "col_target": "Target y",
    "col_in_app": "In the Playground",
    "task_names": {"regression": "Regression (a number)", "binary": "Two classes",
                   "multiclass": "Many classes (one per sample)",
                   "multilabel": "Many labels (several per sample)"},
    "units_names": {"1": "1", "K": "K"},
    "target_names": {"number": "the number", "zero_one": "0 or 1",
                     "one_hot": "one-hot: 1 for its class, 0 for the others",
                     "zero_one_each": "0 or 1 for each label"},
    "yes": "yes",
    "no": "no",
    "labels_intro": (
        "Many classes and many labels differ only in the output layer: the same three z "
        "(this point's) through softmax, and through three separate sigmoids, as a "
        "many-labels network would read them:"
    ),
    "col_softmax": "softmax (one class)",
    "col_sigmoid": "sigmoid each (labels)",
    "row_sum": "sum",
    "labels_said": (
        "Softmax's probabilities sum to **{soft}**: the classes compete for one answer. "
        "The sigmoids' sum to **{sig}**: each label is a yes or no of its own."
    ),
    # 4. the confusion matrix
    "confusion_header": "4 · Where the network goes wrong: the confusion matrix",
    "confusion_intro": (
        "Accuracy is one number; the confusion matrix says which classes are taken for "
        "which. Row: a test point's true class; column: the class the trained network "
        "picks. The diagonal is what it gets right."
    ),
    "confusion_waits": ("The matrix gives the trained network's accuracy away: it appears once "
                        "you have answered (or skipped) the question in section 1."),
    "confusion_title": "Confusion matrix of the {shape} network on the test points",
    "axis_predicted": "predicted class",
    "axis_true": "true class",
    "confusion_hover": "true {true}, predicted {predicted}: {count} points",
    "mixup": "the largest mix-up is {true} taken for {predicted}, {count} times",
    "no_mixup": "nothing is mixed up",
    "confusion_said": "**{right} of {n}** test points are on the diagonal ({acc}); {worst}.",
    "softmax3_lesson": "three arms of a spiral, trained live",
    "confusion_notice": (
        "- Each row sums to the number of test points of that class; the diagonal's sum over "
        "all points is the accuracy.\n"
        "- The matrix need not be symmetric: a network may often take one class for a "
        "second and never the second for the first.\n"
        "- The Playground shows this matrix too, under the pictures, for any data set of "
        "three or more classes (a CSV file's included)."
    ),
}
