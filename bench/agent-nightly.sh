#!/usr/bin/env bash
# Benchmark: the agent's nightly run. Usage: bench/agent-nightly.sh [VOLUMES] [CHANGED] [RESTIC_BINARY]
#   VOLUMES        how many PV directories (default 100): mixed sizes, most small, some medium, a few large
#   CHANGED        how many of them change between nights (default 5)
#   RESTIC_BINARY  restic to use for both (default: restic on PATH)
# Measures, in the same run:
#   1. a night where CHANGED volumes changed: `claimback backup --all` (the agent's backup engine
#      with its default parallelism, JVM start included, i.e. more than the agent pays) against a
#      shell loop of `cd DIR && restic backup .` over the same volumes into a second repository
#      that had the same first night; median of ROUNDS (default 3), the tools alternating, a fresh
#      change of CHANGED volumes before each round;
#   2. the agent's resident memory (VmRSS): started with the installer's JVM flags, measured
#      after IDLE_SECONDS (default 60) with nothing due, then again after a scheduled backup of
#      every volume has run inside it. AGENT_FLAGS overrides the JVM flags; SKIP_NIGHT=1 skips part 1.
# Needs the jars (mvn -B -DskipTests package).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
volumes=${1:-100}
changed=${2:-5}
restic=${3:-$(command -v restic)}
rounds=${ROUNDS:-3}
idle=${IDLE_SECONDS:-60}
jar=$here/cli/target/claimback.jar
agent_jar=$here/agent/target/claimback-agent.jar
[ -f "$jar" ] && [ -f "$agent_jar" ] || { echo "bench: build first: mvn -B -DskipTests package" >&2; exit 2; }

work=$(mktemp -d /var/tmp/claimback-bench.XXXXXX)
agent_pid=
trap '[ -n "$agent_pid" ] && kill "$agent_pid" 2>/dev/null; rm -rf "$work"' EXIT
export_root=$work/export
mkdir -p "$export_root"
uuid() { cat /proc/sys/kernel/random/uuid; }
fill() { # dir kib files: FILES files sharing KIB KiB, in two levels of directories
  local d=$1 kib=$2 files=$3 each i
  each=$(( kib / files )); [ "$each" -ge 1 ] || each=1
  for i in $(seq 1 "$files"); do
    mkdir -p "$d/d$((i % 7))/e$((i % 3))"
    head -c "${each}K" /dev/urandom > "$d/d$((i % 7))/e$((i % 3))/f$i.bin"
  done
  chown -R 1000:1000 "$d"
}
echo "bench: generating $volumes volumes" >&2
dirs=()
for v in $(seq 1 "$volumes"); do
  d=$export_root/apps-vol$v-pvc-$(uuid)
  if [ $((v % 20)) -eq 0 ]; then fill "$d" 65536 64      # 5%: 64 MiB
  elif [ $((v % 5)) -eq 0 ]; then fill "$d" 8192 200     # 15%: 8 MiB, 200 files
  else fill "$d" 512 40; fi                              # 80%: 512 KiB, 40 files
  dirs+=("$d")
done
du -sh "$export_root" >&2

printf 'claimback-bench-password\n' > "$work/pw"; chmod 600 "$work/pw"
cat > "$work/config.yaml" <<YAML
exports:
  - path: $export_root
repository: $work/repo
passwordFile: $work/pw
catalog: $work/catalog.db
host: bench
schedule:
  backup: "0 0 3 1 1 ? 2099"
  retention: off
  prune: off
  check: off
status:
  listen: off
restic:
  binary: $restic
  cacheDir: $work/cache
YAML
cb() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" --config "$work/config.yaml" "$@"; }
plain() { RESTIC_REPOSITORY=$work/plain-repo RESTIC_PASSWORD_FILE=$work/pw RESTIC_CACHE_DIR=$work/plain-cache "$restic" "$@"; }
loop() { local d; for d in "${dirs[@]}"; do (cd "$d" && plain backup . --host bench -q); done; }
night() { cb backup --all; }
change() { # CHANGED volumes spread over the list, each gets one new and one rewritten file
  local i d step=$(( volumes / changed ))
  for i in $(seq 0 $((changed - 1))); do
    d=${dirs[$(( (i * step + RANDOM % step) % volumes ))]}
    head -c 256K /dev/urandom > "$d/new-$RANDOM$RANDOM.bin"
    head -c 64K /dev/urandom > "$(find "$d" -type f | head -1)"
  done
}

echo "bench: first night for both (not measured)" >&2
plain init >/dev/null
cb backup --all >/dev/null 2>&1
loop

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { local t0 t1; t0=$(now); "$@" >/dev/null 2>"$work/last.err" || { echo "bench: $* failed:" >&2; cat "$work/last.err" >&2; exit 1; }; t1=$(now); elapsed "$t0" "$t1"; }
c=() p=()
[ "${SKIP_NIGHT:-0}" = 1 ] && rounds=0
for r in $(seq 1 "$rounds"); do
  change
  p+=("$(measure loop)")
  c+=("$(measure night)")
done
if [ "$rounds" -gt 0 ]; then
cm=$(printf '%s\n' "${c[@]}" | median); pm=$(printf '%s\n' "${p[@]}" | median)
echo "restic $("$restic" version | awk '{print $2}'), $volumes volumes, $changed changed per night, $rounds rounds"
printf '%-52s loop %7.2f s   claimback %7.2f s   ratio %.3f\n' "nightly backup, $changed of $volumes changed" "$pm" "$cm" \
  "$(awk -v c="$cm" -v p="$pm" 'BEGIN{print c/p}')"
skipped=$(sqlite3 "$work/catalog.db" "SELECT count(*) FROM runs WHERE state = 'skipped-unchanged'" 2>/dev/null || echo '?')
echo "runs skipped as unchanged over all rounds: $skipped"
fi

# idle memory, with the installer's JVM flags for the agent
flags=${AGENT_FLAGS:-$(sed -n 's/^write_launcher claimback-agent claimback-agent.jar "\([^"]*\)".*/\1/p' "$here/install/install.sh")}
# shellcheck disable=SC2086 # the flags are words
java $flags -jar "$agent_jar" --config "$work/config.yaml" >"$work/agent.log" 2>&1 &
agent_pid=$!
sleep "$idle"
rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$agent_pid/status")
printf 'agent idle RSS after %s s (flags: %s): %d MiB\n' "$idle" "$flags" "$((rss_idle / 1024))"
kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true; agent_pid=
# and after a scheduled backup of every volume ran inside it (5 changed)
change
before=$(sqlite3 "$work/catalog.db" "SELECT coalesce(max(id), 0) FROM runs")
sed -i 's/^  backup: .*/  backup: "0\/30 * * * * ?"/' "$work/config.yaml"
# shellcheck disable=SC2086
java $flags -jar "$agent_jar" --config "$work/config.yaml" >"$work/agent.log" 2>&1 &
agent_pid=$!
for _ in $(seq 1 240); do
  n=$(sqlite3 "$work/catalog.db" "SELECT count(*) FROM runs WHERE id > $before AND \"trigger\" = 'schedule' AND state <> 'running'")
  [ "$n" -ge "$volumes" ] && break
  sleep 1
done
sleep 5
rss_run=$(awk '/VmRSS/ {print $2}' "/proc/$agent_pid/status")
printf 'agent RSS after a scheduled backup of %d volumes: %d MiB\n' "$volumes" "$((rss_run / 1024))"
kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true; agent_pid=
