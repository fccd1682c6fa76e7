"""Problems with a learner's files, in English: the engine's own messages (core/csvdata.py
and core/model_io.py word them for the command line too), so the two can never drift apart."""

from core import csvdata, model_io

TEXT = {
    "sentence_end": ". ",
    "csv": dict(csvdata.MESSAGES),
    "csv_hints": dict(csvdata.HINTS),
    "model": dict(model_io.MESSAGES),
    "model_values": {word: word for word in model_io.VALUE_WORDS},
}
