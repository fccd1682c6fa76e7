"""Problems with a learner's files, in English: the engine's own messages (core/csvdata.py
words them for the command line too), so the two can never drift apart."""

from core import csvdata

TEXT = {
    "sentence_end": ". ",
    "csv": dict(csvdata.MESSAGES),
    "csv_hints": dict(csvdata.HINTS),
}
