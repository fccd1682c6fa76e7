"""Text every page shares: the app's name, navigation, the language switch, links."""

TEXT = {
    "app_title": "Neural Playground",
    "replica_moved": (
        "Your server stopped and another took over. Settings kept; press Play to train again."
    ),
    "language": "Language",
    "nav_playground": "Playground",
    "nav_lessons": "Lessons",
    "nav_neuron": "1 · One neuron",
    "nav_activations": "2 · Activation functions",
    "nav_backprop": "3 · Backpropagation, step by step",
    "nav_descent": "4 · Loss and gradient descent",
    "nav_inside": "5 · Inside the network",
    "open_in_playground": "Try it live in the Playground: {lesson}",
    "what_to_notice": "What to notice",
    "from_articles": "From the articles: {ids}",
}
