#!/usr/bin/env bash
# shellcheck disable=SC2016 # bash -c '...' _ ARGS: the single quotes are on purpose
# Tests install/install.sh without touching the machine: everything goes under a temporary
# CLAIMBACK_PREFIX, the export is a temporary directory with one PV directory, and the agent is
# started in the background (never systemd). Needs root, restic and Java 17+ installed (or it
# will apt-get them), and the jars built or buildable.
#   install/test-install.sh          prints "N passed, N failed"; exit status 1 on any failure
# CLAIMBACK_TEST_KEEP=1 keeps the temporary directories for inspection.
set -euo pipefail

[ "$(id -u)" -eq 0 ] || { echo "test-install.sh: run as root (install.sh needs it)" >&2; exit 1; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
INSTALL=$HERE/install.sh

passed=0 failed=0
pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"; }
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

PREFIX=$(mktemp -d /tmp/claimback-prefix.XXXXXX)
EXPORT=$(mktemp -d /tmp/claimback-export.XXXXXX)
OUT=$(mktemp -d /tmp/claimback-out.XXXXXX)
VOLUME=default-data-pvc-0b5ef3ee-6d5c-4a1e-9a53-1a2b3c4d5e6f
CONFIG=$PREFIX/etc/claimback/config.yaml
PASSWORD=$PREFIX/etc/claimback/repository.password
PID_FILE=$PREFIX/run/claimback-agent.pid
REPO=$PREFIX/var/lib/claimback/repo
CLAIMBACK=$PREFIX/usr/local/bin/claimback

# Is PID a live (not zombie) claimback-agent?
alive() {
  local pid=$1 state
  case $pid in '' | *[!0-9]*) return 1 ;; esac
  state=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q claimback-agent
}
dead() { ! alive "$1"; }
stop_agent() { # SIGTERM, up to 30 s, then SIGKILL (and status 1)
  local pid=$1
  alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do alive "$pid" || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  return 1
}
pids_seen=()
cleanup() {
  local pid
  for pid in "${pids_seen[@]}" $(cat "$PID_FILE" 2>/dev/null || true); do stop_agent "$pid" || true; done
  if [ "${CLAIMBACK_TEST_KEEP:-0}" = 1 ]; then
    echo "kept: prefix $PREFIX (and ${PREFIX2:-} ${PREFIX3:-}), export $EXPORT, output $OUT"
  else
    rm -rf "$PREFIX" "$EXPORT" "$OUT" "${PREFIX2:-}" "${PREFIX3:-}"
  fi
}
trap cleanup EXIT

restic_snapshots() { # number of restic snapshots of the test claim, from restic itself
  RESTIC_REPOSITORY=$REPO RESTIC_PASSWORD_FILE=$PASSWORD RESTIC_CACHE_DIR=$PREFIX/var/cache/claimback/restic \
    restic snapshots --json --tag claim-key=default-data 2>/dev/null |
    grep -o '"short_id":"[0-9a-f]*"' | sed 's/.*:"\(.*\)"/\1/'
}
mode_of() { stat -c %a "$1" 2>/dev/null; }
sum_of() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1; }

mkdir -p "$EXPORT/$VOLUME"
echo "hello from a persistent volume" >"$EXPORT/$VOLUME/hello.txt"

# --- options ----------------------------------------------------------------------------------
rc=0; CLAIMBACK_PREFIX=$PREFIX bash "$INSTALL" --help >"$OUT/help" 2>&1 || rc=$?
check "--help exits 0" test "$rc" -eq 0
check "--help shows the options" grep -q -- "--no-backup" "$OUT/help"
rc=0; CLAIMBACK_PREFIX=$PREFIX bash "$INSTALL" --bogus >"$OUT/bogus" 2>&1 || rc=$?
check "an unknown option exits 2" test "$rc" -eq 2
rc=0; CLAIMBACK_PREFIX=$PREFIX bash "$INSTALL" --export-root relative/dir >"$OUT/relative" 2>&1 || rc=$?
check "a relative --export-root exits 2" test "$rc" -eq 2
check "bad options wrote nothing" test ! -e "$PREFIX/etc"

# --- first run --------------------------------------------------------------------------------
echo "--- first run: CLAIMBACK_PREFIX=$PREFIX install.sh --export-root $EXPORT"
rc=0; CLAIMBACK_PREFIX=$PREFIX bash "$INSTALL" --export-root "$EXPORT" >"$OUT/run1" 2>&1 || rc=$?
sed 's/^/    | /' "$OUT/run1"
check "first run exits 0" test "$rc" -eq 0

for f in opt/claimback/claimback.jar opt/claimback/claimback-agent.jar; do
  check "$f installed" test -s "$PREFIX/$f"
done
for f in usr/local/bin/claimback usr/local/bin/claimback-agent; do
  check "$f installed and executable" test -x "$PREFIX/$f"
done
check "the claimback launcher runs the prefixed jar" grep -qF -- "-jar '$PREFIX/opt/claimback/claimback.jar'" "$PREFIX/usr/local/bin/claimback"
check "the agent launcher runs the prefixed jar" grep -qF -- "-jar '$PREFIX/opt/claimback/claimback-agent.jar'" "$PREFIX/usr/local/bin/claimback-agent"
check "the claimback launcher has the CLI JVM flags" grep -qF -- "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto" "$PREFIX/usr/local/bin/claimback"
check "the agent launcher has the agent JVM flags" grep -qF -- "-XX:+UseSerialGC -Xmx256m" "$PREFIX/usr/local/bin/claimback-agent"
check "config written" test -s "$CONFIG"
check "config names the export root" grep -qF -- "- path: $EXPORT" "$CONFIG"
check "config names the prefixed repository" grep -qF -- "repository: $REPO" "$CONFIG"
check "config names the prefixed catalogue" grep -qF -- "catalog: $PREFIX/var/lib/claimback/catalog.db" "$CONFIG"
check "config names the prefixed restic cache" grep -qF -- "cacheDir: $PREFIX/var/cache/claimback/restic" "$CONFIG"
check "password file written" test -s "$PASSWORD"
check "password file mode is 600" test "$(mode_of "$PASSWORD")" = 600
check "password is at least 32 bytes of base64" bash -c '[ "$(head -n1 "$1" | base64 -d 2>/dev/null | wc -c)" -ge 32 ]' _ "$PASSWORD"
check "install output warns to keep the password off the server" grep -q "OFF THIS SERVER" "$OUT/run1"
check "repository initialised (config file in the repository)" test -f "$REPO/config"
check "the first backup ran" grep -q "claimback backup --all" "$OUT/run1"

snaps1=$(restic_snapshots | wc -l)
check "restic has one snapshot of default/data after the first run" test "$snaps1" -eq 1
rc=0; "$CLAIMBACK" --config "$CONFIG" backups default/data >"$OUT/backups1" 2>&1 || rc=$?
sed 's/^/    | /' "$OUT/backups1"
check "claimback backups default/data exits 0" test "$rc" -eq 0
first_id=$(restic_snapshots | head -n1)
check "claimback backups default/data lists the snapshot" \
  bash -c '[ -n "$1" ] && grep -q "$1" "$2"' _ "$first_id" "$OUT/backups1"

pid1=$(cat "$PID_FILE" 2>/dev/null || true)
pids_seen+=("$pid1")
check "agent pid file written" test -n "$pid1"
check "agent process alive (pid $pid1)" alive "$pid1"
check "agent log written" test -s "$PREFIX/var/log/claimback-agent.log"

# --- second run, after editing the config -----------------------------------------------------
echo "# edited by test-install.sh" >>"$CONFIG"
edited_sum=$(sum_of "$CONFIG")
password_sum=$(sum_of "$PASSWORD")
repo_config_sum=$(sum_of "$REPO/config")
cli_jar_inode=$(stat -c %i "$PREFIX/opt/claimback/claimback.jar")

echo "--- second run (same options, config edited)"
rc=0; CLAIMBACK_PREFIX=$PREFIX bash "$INSTALL" --export-root "$EXPORT" >"$OUT/run2" 2>&1 || rc=$?
sed 's/^/    | /' "$OUT/run2"
check "second run exits 0" test "$rc" -eq 0
check "config unchanged by the second run (keeps the edit)" test "$(sum_of "$CONFIG")" = "$edited_sum"
check "password unchanged by the second run" test "$(sum_of "$PASSWORD")" = "$password_sum"
check "password file mode still 600" test "$(mode_of "$PASSWORD")" = 600
check "repository not re-initialised" test "$(sum_of "$REPO/config")" = "$repo_config_sum"
check "jar replaced by the second run" test "$(stat -c %i "$PREFIX/opt/claimback/claimback.jar")" != "$cli_jar_inode"
check "no new-password warning on the second run" bash -c '! grep -q "A NEW REPOSITORY PASSWORD" "$1"' _ "$OUT/run2"

pid2=$(cat "$PID_FILE" 2>/dev/null || true)
pids_seen+=("$pid2")
check "the second run stopped the first agent (pid $pid1)" dead "$pid1"
check "the second run started a new agent (pid $pid2)" bash -c '[ -n "$1" ] && [ "$1" != "$2" ]' _ "$pid2" "$pid1"
check "the new agent is alive" alive "$pid2"
snaps2=$(restic_snapshots | wc -l)
# the volume did not change: the second backup is skipped-unchanged, no new snapshot
check "the second run's backup found the volume unchanged (still 1 snapshot)" test "$snaps2" -eq 1

# --- the password never shows ----------------------------------------------------------------
password=$(head -n1 "$PASSWORD")
for f in run1 run2 backups1; do
  check "password not in the $f output" bash -c '! grep -qF -- "$1" "$2"' _ "$password" "$OUT/$f"
done
check "password not in the agent log" bash -c '! grep -qF -- "$1" "$2"' _ "$password" "$PREFIX/var/log/claimback-agent.log"

# --- stop the agent ---------------------------------------------------------------------------
check "the agent stops on SIGTERM within 30 s" stop_agent "$pid2"

# --- no --export-root: proposed from the NFS export table ---------------------------------------
# A fake /etc/exports (CLAIMBACK_EXPORTS_FILE) whose first export is the NFSv4 pseudo-root; the
# k8s export is in its exports.d, continued over two lines, with \040 for a space.
PREFIX2=$(mktemp -d /tmp/claimback-prefix2.XXXXXX)
PREFIX3=$(mktemp -d /tmp/claimback-prefix3.XXXXXX)
EXPORTS=$OUT/exports
PROPOSED="$OUT/k8s vols"
mkdir -p "$EXPORTS.d"
printf '# written by test-install.sh\n/srv/nfs4  *(ro,fsid=0,no_subtree_check)   # the NFSv4 pseudo-root\n' >"$EXPORTS"
printf '# the provisioner'\''s export\n%s \\\n    10.0.0.0/8(rw,sync,no_subtree_check)\n' "${PROPOSED// /\\040}" \
  >"$EXPORTS.d/10-k8s.exports"
echo "--- without --export-root, exports in $EXPORTS and $EXPORTS.d (CLAIMBACK_PREFIX=$PREFIX2)"
rc=0; CLAIMBACK_PREFIX=$PREFIX2 CLAIMBACK_EXPORTS_FILE=$EXPORTS bash "$INSTALL" --no-start --no-backup >"$OUT/run3" 2>&1 || rc=$?
sed 's/^/    | /' "$OUT/run3"
check "install without --export-root exits 0" test "$rc" -eq 0
check "the config names the first export that is not the pseudo-root" \
  grep -qF -- "- path: \"$PROPOSED\"" "$PREFIX2/etc/claimback/config.yaml"
check "the installer says where the export root came from" grep -qF -- "the first export in $EXPORTS.d/10-k8s.exports:2" "$OUT/run3"
check "the proposed export root was created" test -d "$PROPOSED"
rc=0; "$PREFIX2/usr/local/bin/claimback" --config "$PREFIX2/etc/claimback/config.yaml" doctor --exports "$EXPORTS" \
  --exports-d "$EXPORTS.d" >"$OUT/doctor3" 2>&1 || rc=$?
sed 's/^/    | /' "$OUT/doctor3"
check "claimback doctor passes on the proposed install" test "$rc" -eq 0
check "claimback doctor finds the proposed export root exported" grep -qF -- "$PROPOSED is exported in $EXPORTS.d/10-k8s.exports:2" "$OUT/doctor3"

printf '/srv/nfs4 *(ro,fsid=root)\n' >"$EXPORTS"
rm -f "$EXPORTS.d/10-k8s.exports"
echo "--- without --export-root, only a pseudo-root exported (CLAIMBACK_PREFIX=$PREFIX3)"
rc=0; CLAIMBACK_PREFIX=$PREFIX3 CLAIMBACK_EXPORTS_FILE=$EXPORTS bash "$INSTALL" --no-start --no-backup >"$OUT/run4" 2>&1 || rc=$?
sed 's/^/    | /' "$OUT/run4"
check "install with only a pseudo-root exported exits 0" test "$rc" -eq 0
check "the config falls back to the default export root" \
  grep -qF -- "- path: $PREFIX3/srv/nfs/k8s" "$PREFIX3/etc/claimback/config.yaml"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
