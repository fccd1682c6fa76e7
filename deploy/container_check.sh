#!/usr/bin/env bash
# The container path, run for real: builds deploy/Dockerfile with podman, brings up
# deploy/compose.yaml (two replicas behind nginx) with podman-compose, checks it as a user
# would (devtools/stack_check.py: health and the sticky cookie through nginx, a page in
# Chromium training over the live channel's websocket, a replica stopped mid-class), then
# removes every container, network and volume it made. The last line says "ok" or
# "failed: ..."; the exit status is non-zero on failure, 77 where the machine cannot run
# a container at all (so the test suite can tell that from a broken stack).
#
#   bash deploy/container_check.sh        # from the repository's root, in the test venv
#   bash deploy/container_check.sh --up   # the same stack, kept up until Ctrl-C, to measure
#                                         # (benchmarks/class_load.py --url ...)
#
# Installs Debian's podman, runc, podman-compose and debootstrap if missing. Where the
# upstream base images (python:3.11-slim, nginx:1.27-alpine) cannot be pulled (no image
# registry reachable), it makes stand-ins from Debian's packages and says so. podman's
# settings for this kind of machine (runc, cgroupfs, no default ulimits) come from a
# CONTAINERS_CONF of its own; the machine's own configuration is not touched.
set -uo pipefail
cd "$(dirname "$0")/.."

MODE="${1:-check}"
PROJECT="npcheck$$"
PORT="${NP_CHECK_PORT:-$(python -c 'from devtools.browser import free_port; print(free_port())')}"
WORK="$(mktemp -d /tmp/np-container-check.XXXXXX)"
STARTED=0
say() { echo "container check: $*"; }
fail() { say "$*"; RESULT="failed: $*"; exit 1; }
RESULT="failed: stopped early"

compose() {
  NP_COOKIE_SECRET="$SECRET" NP_PORT="$PORT" podman-compose -p "$PROJECT" \
    -f deploy/compose.yaml "$@"
}

teardown() {
  local status=$?
  if [ "$STARTED" = 1 ]; then
    say "tearing down"
    compose logs > "$WORK/compose.log" 2>&1 || true
    compose down -v > /dev/null 2>&1 || true
    # whatever compose left: containers, pods, networks and volumes of this project
    podman ps -aq --filter "label=io.podman.compose.project=$PROJECT" | xargs -r podman rm -f > /dev/null 2>&1
    podman network ls -q --filter "label=io.podman.compose.project=$PROJECT" | xargs -r podman network rm -f > /dev/null 2>&1
    podman volume ls -q --filter "label=io.podman.compose.project=$PROJECT" | xargs -r podman volume rm -f > /dev/null 2>&1
    left="$(podman ps -aq --filter "label=io.podman.compose.project=$PROJECT")$(podman network ls -q --filter "label=io.podman.compose.project=$PROJECT")"
    if [ -n "$left" ]; then
      say "left behind: $left"
      [ "$status" = 0 ] && { status=1; RESULT="failed: containers or networks left behind"; }
    fi
    [ "$status" = 0 ] || { say "the stack's logs:"; tail -n 60 "$WORK/compose.log"; }
  fi
  podman image prune -f > /dev/null 2>&1 || true  # the layers a rebuild replaced
  rm -rf "$WORK"
  if [ "$status" = 0 ]; then
    RESULT="ok: built, served, checked and removed"
    [ "$MODE" = --up ] && RESULT="ok: built, served and removed"
  fi
  echo "$RESULT"
  exit "$status"
}
trap teardown EXIT

# --- what it needs ---------------------------------------------------------------------
needed=""
for tool in podman runc podman-compose debootstrap; do
  command -v "$tool" > /dev/null || [ -x "/usr/sbin/$tool" ] || needed="$needed $tool"
done
if [ -n "$needed" ]; then
  say "installing Debian's$needed"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $needed > /dev/null \
    || fail "could not install$needed"
fi
export PATH="$PATH:/usr/sbin"
# crun fails on this kind of machine (rlimits, hybrid cgroups); runc with cgroupfs runs
cat > "$WORK/containers.conf" <<'EOF'
[containers]
default_ulimits = []
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
EOF
export CONTAINERS_CONF="$WORK/containers.conf"

# --- base images: the upstream ones, else stand-ins from Debian's packages ------------------
standin_root() {
  if [ ! -d "$WORK/root" ]; then
    say "making a Debian bookworm root for the stand-ins (debootstrap, about a minute)"
    debootstrap --variant=minbase \
      --include=python3,python3-venv,ca-certificates,passwd,nginx-light \
      bookworm "$WORK/root" http://deb.debian.org/debian > "$WORK/debootstrap.log" 2>&1 \
      || { tail -n 20 "$WORK/debootstrap.log"; fail "debootstrap failed"; }
    # the python image's layout: pip and what it installs first on PATH
    chroot "$WORK/root" python3 -m venv /opt/python || fail "no venv in the stand-in"
    mkdir -p "$WORK/root/var/cache/nginx"
    rm -rf "$WORK/root/var/cache/apt/archives"/*.deb "$WORK/root/var/lib/apt/lists"/*
  fi
}

base_image() {  # upstream-name, import options...
  local name="$1"; shift
  if podman image exists "$name"; then
    say "$name: present"
  elif timeout 90 podman pull -q "$name" > /dev/null 2>&1; then
    say "$name: pulled"
  else
    say "$name cannot be pulled here (no image registry reachable): using a stand-in made from Debian's packages"
    standin_root
    tar -C "$WORK/root" -c . | podman import -q "$@" - "$name" > /dev/null \
      || fail "could not import the stand-in for $name"
  fi
}
START=$(date +%s)
base_image docker.io/library/python:3.11-slim \
  --change 'ENV PATH=/opt/python/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["python3"]'
base_image docker.io/library/nginx:1.27-alpine \
  --change 'CMD ["nginx", "-g", "daemon off;"]'

# --- can this machine run a container at all? ---------------------------------------------
if ! out="$(podman run --rm --network=none docker.io/library/python:3.11-slim python3 -c 'print("ran")' 2>&1)" \
    || [ "$out" != ran ]; then
  say "podman cannot run a container on this machine: $(echo "$out" | tail -n 3)"
  RESULT="failed: this machine cannot run containers (not the app's fault)"
  exit 77
fi

# --- the image ---------------------------------------------------------------------------
# pip inside the build trusts what the machine's pip trusts (a proxy's certificate, say),
# through mounts that last for the build only: nothing of the machine lands in the image.
build_mounts=()
bundle="${PIP_CERT:-/etc/ssl/certs/ca-certificates.crt}"
if [ -f "$bundle" ]; then
  printf '[global]\ncert = /etc/np-ca.crt\n' > "$WORK/pip.conf"
  build_mounts=(-v "$bundle:/etc/np-ca.crt:ro" -v "$WORK/pip.conf:/etc/pip.conf:ro")
fi
say "building the image (podman build --format docker, which keeps its HEALTHCHECK)"
podman build -q --pull=never --network=host --format docker "${build_mounts[@]}" \
  -f deploy/Dockerfile -t neural-playground . > "$WORK/build.log" 2>&1 \
  || { tail -n 30 "$WORK/build.log"; fail "the image did not build"; }
[ "$(podman image inspect neural-playground --format '{{.Config.User}}')" = app ] \
  || fail "the image does not run as its own user"
[ -n "$(podman image inspect neural-playground --format '{{.Config.Healthcheck}}')" ] \
  || fail "the image lost its HEALTHCHECK"
say "built in $(( $(date +%s) - START )) s"

# --- the stack ----------------------------------------------------------------------------
SECRET="$(python -c 'import secrets; print(secrets.token_hex(32))')"
STARTED=1
say "bringing up deploy/compose.yaml on port $PORT"
compose up -d > "$WORK/up.log" 2>&1 || { tail -n 30 "$WORK/up.log"; fail "compose up failed"; }
for service in app1 app2; do
  deadline=$(( $(date +%s) + 180 ))
  until [ "$(podman inspect "${PROJECT}_${service}_1" --format '{{.State.Health.Status}}' 2>/dev/null)" = healthy ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$service never became healthy"
    podman healthcheck run "${PROJECT}_${service}_1" > /dev/null 2>&1 || sleep 2
  done
  say "$service healthy"
done
for file in "${PROJECT}_app1_1" "${PROJECT}_app2_1"; do
  user="$(podman exec "$file" id -u)"
  [ "$user" = 10001 ] || fail "$file runs as uid $user, not the image's own user"
done

if [ "$MODE" = --up ]; then
  pids="$(for s in app1 app2; do podman inspect "${PROJECT}_${s}_1" --format '{{.State.Pid}}'; done | xargs)"
  say "serving on http://127.0.0.1:$PORT (replica pids: $pids); Ctrl-C tears it down"
  trap 'exit 0' INT TERM
  while true; do sleep 1; done
fi

say "checking as a user would, through nginx"
python -m devtools.stack_check "http://127.0.0.1:$PORT" --shots artifacts/screenshots \
  --stop "podman stop -t 10 ${PROJECT}_app{n}_1" || fail "the stack did not serve as it should"
say "took $(( $(date +%s) - START )) s"
