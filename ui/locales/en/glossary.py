"""The English edition's terms: one spelling for one thing on every page. Each entry is
the term and the spellings it replaces (regular expressions). tests/ui/test_glossary.py fails
when a catalogue of this language writes one of them."""

TERMS = {
    "update arrow": ("←", [":=(?! …)"]),
    "a derivative, written one way": ("∂J/∂", [r"\bdJ/d", r"\bdL/d"]),
    "cross-entropy": ("cross-entropy", [r"cross entropy", "crossentropy"]),
    "backpropagation": ("backpropagation", [r"back-propagation", r"\bbackprop\b"]),
    "ReLU": ("ReLU", [r"\bRelu\b", r"\bRELU\b"]),
    "cost over the samples, J": ("J − J_min", [r"L − L_min"]),
}
