"""``python -m core`` as a user runs it: in a subprocess, reading only what it prints and
writes. Runs are small (few points, few epochs) to keep the file fast."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JSON_KEYS = {"epochs", "train_loss", "test_loss", "train_accuracy", "test_accuracy", "diagnosis",
             "diverged", "seconds"}
SMALL = ["--samples", "120", "--epochs", "60"]


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "core", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def result_of(*args) -> dict:
    """The --json result of a train run that must succeed."""
    run = cli("train", *args, "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def read_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def assert_usage_error(run: subprocess.CompletedProcess, *fragments: str) -> None:
    assert run.returncode == 2
    assert run.stderr.startswith("error: ")
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr + run.stdout
    for fragment in fragments:
        assert fragment in run.stderr


@pytest.fixture(scope="module")
def points_csv(tmp_path_factory) -> Path:
    """Three classes named by text, features far from unit scale."""
    path = tmp_path_factory.mktemp("data") / "points.csv"
    lines = ["width,height,label"]
    for i in range(60):
        w, h = 100 + 7 * (i % 10), 0.01 * (i // 10)
        lines.append(f"{w},{h},{['cat', 'dog', 'eel'][i % 3]}")
    path.write_text("\n".join(lines) + "\n")
    return path


# --- help -------------------------------------------------------------------------------
def test_help_documents_every_command_and_train_option_with_defaults():
    top = cli("--help")
    assert top.returncode == 0
    for command in ("train", "predict", "datasets"):
        assert command in top.stdout
    train = cli("train", "--help").stdout
    for option in ("--dataset", "--csv", "--samples", "--noise", "--test-ratio", "--hidden",
                   "--activation", "--loss", "--optimizer", "--lr", "--batch-size", "--l1",
                   "--l2", "--epochs", "--seed", "--init-model", "--save-model", "--history",
                   "--no-standardize", "--json"):
        assert option in train
    for default in ("circles", "500", "8,8", "tanh", "adam", "0.01", "32", "200"):
        assert f"(default: {default})" in train


def test_datasets_lists_every_built_in_data_set():
    from core.datasets import DATASETS

    out = cli("datasets").stdout
    assert all(name in out for name in DATASETS)


# --- train ------------------------------------------------------------------------------
def test_json_prints_exactly_one_object_with_the_documented_keys():
    run = cli("train", *SMALL, "--json")
    assert run.returncode == 0
    assert len(run.stdout.strip().splitlines()) == 1
    result = json.loads(run.stdout)
    assert set(result) == JSON_KEYS
    assert result["epochs"] == 60 and result["diverged"] is False
    assert 0.0 <= result["test_accuracy"] <= 1.0


def test_training_lowers_the_loss_below_epoch_0():
    before = result_of("--samples", "120", "--epochs", "0")
    after = result_of(*SMALL)
    assert before["epochs"] == 0
    assert after["train_loss"] < 0.5 * before["train_loss"]


def test_regression_reports_no_accuracy():
    result = result_of("--dataset", "plane", "--samples", "60", "--epochs", "3")
    assert result["train_accuracy"] is None and result["test_accuracy"] is None


def test_history_has_one_row_per_epoch_from_epoch_0(tmp_path):
    path = tmp_path / "history.csv"
    run = cli("train", "--samples", "60", "--epochs", "4", "--hidden", "", "--history", path)
    assert run.returncode == 0, run.stderr
    rows = read_rows(path.read_text())
    assert [int(r["epoch"]) for r in rows] == [0, 1, 2, 3, 4]
    assert {"train_loss", "test_accuracy", "grad_norm_W_1"} <= set(rows[0])


def test_a_saved_model_continues_exactly_where_it_stopped(tmp_path, points_csv):
    first, again = tmp_path / "first.json", tmp_path / "again.json"
    trained = result_of("--csv", points_csv, "--epochs", "20", "--save-model", first)
    resumed = result_of("--csv", points_csv, "--init-model", first, "--epochs", "0",
                        "--save-model", again)
    assert resumed["train_loss"] == trained["train_loss"]
    assert json.loads(again.read_text()) == json.loads(first.read_text())
    # and it trains on from there
    more = result_of("--csv", points_csv, "--init-model", first, "--epochs", "20")
    assert more["train_loss"] < trained["train_loss"]


def test_a_model_for_another_task_is_refused_as_a_start(tmp_path):
    model = tmp_path / "binary.json"
    assert cli("train", *SMALL, "--save-model", model).returncode == 0
    run = cli("train", "--dataset", "spiral3", "--init-model", model)
    assert_usage_error(run, "binary classification", "multiclass classification with 3")


# --- predict ----------------------------------------------------------------------------
def test_predict_writes_features_label_prediction_and_one_probability_per_class(
        tmp_path, points_csv):
    model, out = tmp_path / "model.json", tmp_path / "out.csv"
    assert cli("train", "--csv", points_csv, "--epochs", "60", "--save-model",
               model).returncode == 0
    run = cli("predict", "--model", model, "--csv", points_csv, "--output", out)
    assert run.returncode == 0, run.stderr
    rows = read_rows(out.read_text())
    assert list(rows[0]) == ["width", "height", "label", "prediction", "p_cat", "p_dog",
                             "p_eel"]
    assert len(rows) == 60 and rows[0]["width"] == "100.0"
    for row in rows:
        total = sum(float(row[f"p_{c}"]) for c in ("cat", "dog", "eel"))
        assert total == pytest.approx(1.0)
        assert row["prediction"] in {"cat", "dog", "eel"}


def test_predict_without_labels_gives_class_ids_and_applies_the_models_scaling(
        tmp_path, points_csv):
    model = tmp_path / "model.json"
    assert cli("train", "--csv", points_csv, "--epochs", "60", "--save-model",
               model).returncode == 0
    with_labels = read_rows(cli("predict", "--model", model, "--csv", points_csv).stdout)
    bare = tmp_path / "bare.csv"
    bare.write_text("".join(line.rsplit(",", 1)[0] + "\n"
                            for line in points_csv.read_text().splitlines()))
    rows = read_rows(cli("predict", "--model", model, "--csv", bare).stdout)
    assert list(rows[0]) == ["width", "height", "prediction", "p_0", "p_1", "p_2"]
    # the same points get the same probabilities, so the raw features were scaled alike
    assert [r["p_1"] for r in rows] == [r["p_dog"] for r in with_labels]


def test_predict_for_regression_writes_values_and_no_probabilities(tmp_path):
    model, points = tmp_path / "model.json", tmp_path / "points.csv"
    assert cli("train", "--dataset", "plane", "--samples", "60", "--epochs", "2",
               "--save-model", model).returncode == 0
    points.write_text("x1,x2\n0,0\n1.5,-2\n")
    rows = read_rows(cli("predict", "--model", model, "--csv", points).stdout)
    assert list(rows[0]) == ["x1", "x2", "prediction"]
    float(rows[1]["prediction"])


# --- errors: one line, status 2, no traceback -------------------------------------------
def test_a_bad_csv_is_one_error_line_naming_the_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n1,2,a\n3,x,b\n")
    assert_usage_error(cli("train", "--csv", bad), "bad.csv", "row 3", '("x2")')
    assert_usage_error(cli("predict", "--model", bad, "--csv", bad), "not a model file")


def test_a_tampered_model_is_one_error_line_naming_the_field(tmp_path):
    model = tmp_path / "model.json"
    assert cli("train", "--samples", "40", "--epochs", "1", "--save-model",
               model).returncode == 0
    d = json.loads(model.read_text())
    d["layers"][1]["activation"] = "swish"
    model.write_text(json.dumps(d))
    assert_usage_error(cli("train", "--init-model", model), "layers[1].activation")


@pytest.mark.parametrize("args, fragment", [
    (["--lr", "-1"], "--lr"),
    (["--hidden", "8,x"], "--hidden"),
    (["--activation", "swish"], "unknown activation"),
    (["--activation", "relu,tanh,tanh"], "3 names given for 2 hidden layers"),
    (["--test-ratio", "1"], "--test-ratio"),
    (["--no-standardize"], "only to --csv"),
    (["--dataset", "plane", "--loss", "bce"], "does not fit a regression task"),
    (["--csv", "no/such/file.csv"], "No such file"),
])
def test_bad_arguments_are_one_error_line(args, fragment):
    assert_usage_error(cli("train", *args), fragment)
