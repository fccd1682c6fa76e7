#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what the tests need (pip packages
# into the active Python, Debian's chromium for the browser tests), lints, then runs
# pytest. Extra arguments go to pytest, e.g. `bash tests/run.sh -m "not browser"`.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

# Debian's chromium for the browser tests, and a CJK font so that the Chinese edition's
# screenshots show glyphs, not boxes (the app's own text is drawn by the viewer's browser).
apt_packages=""
[ -x /usr/bin/chromium ] || apt_packages="$apt_packages chromium"
fc-list :lang=zh 2>/dev/null | grep -q . || apt_packages="$apt_packages fonts-noto-cjk"
# nginx for tests/deploy/test_serve.py: deploy/serve.py's replicas behind a real nginx
{ command -v nginx || [ -x /usr/sbin/nginx ]; } > /dev/null || apt_packages="$apt_packages nginx"
# PostgreSQL for the class store's tests (tests/postgres.py starts its own server)
{ command -v initdb || ls /usr/lib/postgresql/*/bin/initdb; } > /dev/null 2>&1 \
  || apt_packages="$apt_packages postgresql"
if [ -n "$apt_packages" ]; then
  echo "Installing Debian's$apt_packages for the browser tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $apt_packages > /dev/null
fi

# axe-core, pinned, for tests/browser/test_accessibility.py (npm's registry; nothing is
# fetched while the tests run)
if [ ! -f tests/browser/axe/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/browser/axe --silent --no-audit --no-fund
fi

python -m ruff check .
python -m pytest "$@"
