#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what the tests need (pip packages
# into the active Python, Debian's chromium for the browser tests), lints, then runs
# pytest. Extra arguments go to pytest, e.g. `bash tests/run.sh -m "not browser"`.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium > /dev/null
fi

python -m ruff check .
python -m pytest "$@"
