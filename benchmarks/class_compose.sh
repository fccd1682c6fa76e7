#!/usr/bin/env bash
# A class through the compose stack against the same class through deploy/serve.py with as
# many replicas, alternating on the same machine: benchmarks/class_load.py (30 light
# clients, the split over the replicas, the machine's own speed) against each in turn.
#
#   bash benchmarks/class_compose.sh [ROUNDS] [class_load options...]   # default: 3 rounds
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"; shift || true
LOAD=(--stages 30 --browsers 0 --seconds 20 "$@")
for round in $(seq 1 "$ROUNDS"); do
  echo "=== round $round: compose (podman, 2 replicas + nginx in containers) ==="
  log="$(mktemp)"
  bash deploy/container_check.sh --up > "$log" 2>&1 &
  up=$!
  until grep -q "serving on\|^failed" "$log"; do sleep 2; done
  grep "^failed" "$log" && { cat "$log"; exit 1; }
  line="$(grep "serving on" "$log")"
  url="$(echo "$line" | grep -o 'http://[^ ]*')"
  pids="$(echo "$line" | sed 's/.*replica pids: \([0-9 ]*\)).*/\1/')"
  # shellcheck disable=SC2086
  python benchmarks/class_load.py --url "$url" --server-pids $pids "${LOAD[@]}" || true
  kill -TERM "$up"; wait "$up" || true
  tail -n 1 "$log"; rm -f "$log"
  echo "=== round $round: deploy/serve.py --replicas 2 (native) ==="
  python benchmarks/class_load.py --replicas 2 "${LOAD[@]}" || true
done
