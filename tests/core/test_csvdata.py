"""A learner's CSV file: good files become data sets, bad ones get a message naming the
row (as a spreadsheet numbers it, header = row 1) and the column at fault."""

import warnings

import numpy as np
import pytest

from core import csvdata, datasets, seeding
from core.csvdata import CSVDataError, apply_scaling, read_csv, read_table, write_csv


def rows(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


GOOD = rows("x1,x2,label", "1,10,0", "2,20,1", "3,30,0", "4,40,1")


# --- bad files --------------------------------------------------------------------------
BAD_FILES = {
    "empty": ("", ["empty"]),
    "only blank lines": ("\n \n", ["empty"]),
    "header only": (rows("x1,x2,label"), ["row 1", "no data rows"]),
    "one data row": (rows("x1,x2,label", "1,2,0"), ["only 1 data row (row 2)"]),
    "header with 2 columns": (rows("x1,x2", "1,2"), ["header (row 1)", "2 columns",
                                                      "expected 3"]),
    "semicolons": (rows("x1;x2;label", "1;2;0"), ["row 1", "semicolons"]),
    "short row": (rows("x1,x2,label", "1,2,0", "3,4,1", "5,6"),
                  ["row 4", "2 columns", "expected 3"]),
    "long row": (rows("x1,x2,label", "1,2,0,9", "3,4,1"), ["row 2", "4 columns"]),
    "text feature": (rows("x1,x2,label", "1,2,0", "3,abc,1"),
                     ['row 3, column B ("x2")', "'abc' is not a number"]),
    "empty feature": (rows("x1,x2,label", ",2,0", "3,4,1"), ['row 2, column A ("x1")',
                                                             "empty"]),
    "nan feature": (rows("x1,x2,label", "1,2,0", "3,4,1", "NaN,4,1"),
                    ['row 4, column A ("x1")', "not a finite number"]),
    "inf feature": (rows("x1,x2,label", "1,inf,0", "3,4,1"), ['row 2, column B ("x2")',
                                                              "not a finite number"]),
    "inf label": (rows("x1,x2,label", "1,2,0.5", "3,4,-inf"), ['row 3, column C ("label")',
                                                               "not a finite number"]),
    "empty label": (rows("x1,x2,label", "1,2,a", "3,4, "), ['row 3, column C ("label")',
                                                            "empty"]),
    "one class": (rows("x1,x2,label", "1,2,cat", "3,4,cat"),
                  ['column C ("label")', "only one class", "at least 2"]),
    "21 classes": (rows("x1,x2,label", *(f"{i},{i},c{i}" for i in range(21))),
                   ['row 22, column C ("label")', "at most 20 classes"]),
    "duplicate header": (rows("x,X,label", "1,2,0", "3,4,1"), ["row 1", "columns A and B"]),
    "blank header name": (rows("x1, ,label", "1,2,0", "3,4,1"), ["row 1", "column B",
                                                                 "no name"]),
    "no header": (rows("1,2,0", "3,4,1", "5,6,0"), ["row 1", "name the columns"]),
    "long text label": (rows("x1,x2,label", "1,2,a", f"3,4,{'b' * 50}"),
                        ['row 3, column C ("label")', "longer than 40"]),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_gets_one_typed_error_naming_row_and_column(name):
    text, expected = BAD_FILES[name]
    with pytest.raises(CSVDataError) as caught:
        read_csv(text)
    for fragment in expected:
        assert fragment in str(caught.value)
    assert isinstance(caught.value, ValueError)  # callers may catch ValueError


def test_row_numbers_count_blank_lines_and_multiline_cells_as_a_spreadsheet_does():
    text = 'x1,x2,label\n1,2,"two\nlines"\n\n3,4,a\n5,oops,b\n'
    # records: header (1), quoted two-line cell (2), blank (3), row 4, bad row 5
    with pytest.raises(CSVDataError, match=r'row 5, column B \("x2"\)'):
        read_csv(text)


def test_non_utf8_bytes_name_the_row():
    data = "x1,x2,label\n1,2,a\n3,4,caf\u00e9\n".encode("latin-1")
    with pytest.raises(CSVDataError, match=r"row 3: .*not UTF-8"):
        read_csv(data)


def test_more_than_100000_data_rows_is_refused_at_the_first_extra_row():
    text = "x1,x2,label\n" + "1,2,0\n3,4,1\n" * 50_000 + "5,6,1\n"
    with pytest.raises(CSVDataError, match=r"row 100002: .*more than 100,000 data rows"):
        read_csv(text)


def test_exactly_100000_data_rows_is_fine():
    data = read_csv("x1,x2,label\n" + "1,2,0\n3,4,1\n" * 50_000)
    assert len(data) == csvdata.MAX_ROWS


def test_an_unknown_task_is_refused():
    with pytest.raises(ValueError, match="unknown task"):
        read_csv(GOOD, task="clustering")


# --- what a good file becomes -----------------------------------------------------------
def test_bytes_text_and_path_give_the_same_data(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text(GOOD)
    from_bytes, from_text, from_path = (read_csv(s) for s in (GOOD.encode(), GOOD, path))
    for other in (from_text, from_path):
        np.testing.assert_array_equal(other.X, from_bytes.X)
        np.testing.assert_array_equal(other.y, from_bytes.y)
    assert csvdata.load_csv(str(path)).task == "binary"


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_column_name():
    data = read_csv(b"\xef\xbb\xbf" + GOOD.encode())
    assert data.feature_names == ("x1", "x2")


def test_the_column_named_label_is_the_label_wherever_it_is():
    data = read_csv(rows("Label,height,width", "a,1,10", "b,2,20"), standardize=False)
    assert data.feature_names == ("height", "width")
    np.testing.assert_array_equal(data.X, [[1, 10], [2, 20]])
    assert data.class_names == ["a", "b"]


def test_without_a_label_column_the_last_column_is_the_label():
    data = read_csv(rows("a,b,c", "1,2,5", "3,4,7"), standardize=False)
    assert data.feature_names == ("a", "b")
    assert data.class_names == ["5", "7"]


def test_two_integer_labels_make_a_binary_task():
    data = read_csv(GOOD)
    assert (data.task, data.n_classes, data.class_names) == ("binary", 2, ["0", "1"])
    np.testing.assert_array_equal(data.y, [0, 1, 0, 1])
    assert data.y.dtype.kind == "i"


def test_text_labels_make_classes_in_sorted_order_keeping_their_names():
    data = read_csv(rows("x1,x2,label", "0,0,dog", "1,1,cat", "2,2,eel", "3,3,cat"))
    assert (data.task, data.n_classes) == ("multiclass", 3)
    assert data.class_names == ["cat", "dog", "eel"]
    np.testing.assert_array_equal(data.y, [1, 0, 2, 0])


def test_numeric_labels_sort_as_numbers_and_3_0_is_class_3():
    data = read_csv(rows("x1,x2,label", "0,0,10", "1,1,2.0", "2,2,-1", "3,3,2"))
    assert data.class_names == ["-1", "2", "10"]
    np.testing.assert_array_equal(data.y, [2, 1, 0, 1])


def test_non_integer_labels_make_a_regression_task():
    data = read_csv(rows("x1,x2,label", "0,0,0.5", "1,1,1.25", "2,2,2"))
    assert (data.task, data.n_classes, data.class_names) == ("regression", 0, [])
    np.testing.assert_array_equal(data.y, [0.5, 1.25, 2.0])


def test_many_distinct_integer_labels_make_a_regression_task():
    data = read_csv(rows("x1,x2,label", *(f"{i},{i},{i * 3}" for i in range(30))))
    assert data.task == "regression"


@pytest.mark.parametrize("task, expected", [("regression", "regression"),
                                            ("classification", "binary"),
                                            ("multiclass", "multiclass"),
                                            ("auto", "binary")])
def test_the_task_can_be_forced(task, expected):
    data = read_csv(GOOD, task=task)
    assert data.task == expected


def test_forced_classification_of_decimal_labels_names_them_exactly():
    data = read_csv(rows("x1,x2,label", "0,0,0.5", "1,1,1.5", "2,2,0.5"),
                    task="classification")
    assert (data.task, data.class_names) == ("binary", ["0.5", "1.5"])


@pytest.mark.parametrize("task, text, expected", [
    ("binary", rows("x1,x2,label", "0,0,a", "1,1,b", "2,2,c"), "binary classification needs"),
    ("regression", rows("x1,x2,label", "0,0,1", "1,1,cat"),
     r'row 3, column C \("label"\): .*regression needs numeric labels'),
    ("classification", rows("x1,x2,label", *(f"{i},{i},{i}" for i in range(25))),
     "row 22.*at most 20 classes"),
])
def test_a_forced_task_that_does_not_fit_the_labels_is_explained(task, text, expected):
    with pytest.raises(CSVDataError, match=expected):
        read_csv(text, task=task)


# --- standardisation --------------------------------------------------------------------
def test_features_are_standardised_and_the_scaling_is_kept():
    data = read_csv(GOOD)
    np.testing.assert_allclose(data.X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(data.X.std(axis=0), 1.0)
    assert data.input_scaling["mean"] == [2.5, 25.0]
    raw = read_csv(GOOD, standardize=False)
    np.testing.assert_allclose(apply_scaling(raw.X, data.input_scaling), data.X)


def test_a_constant_column_becomes_zeros_without_dividing_by_zero():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a 0/0 would warn
        data = read_csv(rows("x1,x2,label", "0.1,1,0", "0.1,2,1", "0.1,3,0"))
    np.testing.assert_array_equal(data.X[:, 0], 0.0)
    assert data.input_scaling["std"][0] == 1.0


def test_standardize_false_keeps_the_file_units_and_no_scaling():
    data = read_csv(GOOD, standardize=False)
    np.testing.assert_array_equal(data.X, [[1, 10], [2, 20], [3, 30], [4, 40]])
    assert data.input_scaling is None
    np.testing.assert_array_equal(apply_scaling(data.X, None), data.X)


# --- writing ----------------------------------------------------------------------------
def test_a_built_in_data_set_is_written_and_read_back_exactly():
    original = datasets.make("spiral3", 60, 0.2, seeding.stream(0, "data"))
    text = write_csv(original)
    assert text.splitlines()[0] == "x1,x2,label"
    again = read_csv(text, standardize=False)
    np.testing.assert_array_equal(again.X, original.X)
    np.testing.assert_array_equal(again.y, original.y)


def test_regression_targets_are_written_as_numbers():
    original = datasets.make("sine", 20, 0.1, seeding.stream(1, "data"))
    again = read_csv(write_csv(original), standardize=False, task="regression")
    np.testing.assert_array_equal(again.y, original.y)


def test_a_standardised_csv_is_written_in_its_original_units_with_its_class_names():
    text = rows("w,h,label", "1.5,100,dog", "2.5,300,cat", "4.0,200,dog")
    lines = write_csv(read_csv(text)).splitlines()
    assert lines == ["x1,x2,label", "1.5,100,dog", "2.5,300,cat", "4,200,dog"]


# --- the table predict reads ------------------------------------------------------------
def test_a_table_may_have_no_label_column_when_labels_are_optional():
    table = read_table(rows("a,b", "1,2", "", "3,4"), label_required=False)
    assert table.labels is None and table.feature_names == ("a", "b")
    assert table.rows == [2, 4]
    assert len(read_table(rows("a,b", "1,2"), label_required=False).rows) == 1
    with pytest.raises(CSVDataError, match="expected 3"):
        read_table(rows("a,b", "1,2", "3,4"))
