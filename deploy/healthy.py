"""A container's health check: exits 0 when this replica's Streamlit answers "ok".

    python deploy/healthy.py          # the port from STREAMLIT_SERVER_PORT (default 8501)
"""

import os
import sys
import urllib.request

port = os.environ.get("STREAMLIT_SERVER_PORT", "8501")
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=4) as r:
        sys.exit(0 if r.read().strip() == b"ok" else 1)
except OSError as e:
    sys.exit(f"not healthy: {e}")
