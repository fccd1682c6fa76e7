"""Keep BLAS to one thread.

The playground's matrices are tiny (at most a few thousand rows by 64 columns). With
several OpenBLAS threads on a small shared machine, threads spin against each other:
evaluating a 100 x 100 grid through a 2-64-64-1 network was measured at 158 ms with
the default threads and 5 ms with one. This module must be imported before NumPy; if
NumPy is already loaded, it asks NumPy's bundled OpenBLAS directly.
"""

import ctypes
import glob
import os
import sys

_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def limit_blas_threads() -> None:
    for var in _VARS:
        os.environ.setdefault(var, "1")
    numpy = sys.modules.get("numpy")
    if numpy is None or os.environ.get("OPENBLAS_NUM_THREADS") != "1":
        return
    libs = glob.glob(os.path.join(os.path.dirname(os.path.dirname(numpy.__file__)),
                                  "numpy.libs", "*openblas*.so*"))
    for path in libs:
        try:
            lib = ctypes.CDLL(path)  # already loaded: returns the same library
        except OSError:
            continue
        for name in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads"):
            if hasattr(lib, name):
                getattr(lib, name)(1)
                return


limit_blas_threads()
