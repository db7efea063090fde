#!/usr/bin/env bash
# Benchmark: claimback backup and restore of one claim against plain restic on the same data,
# in the same run. Usage: bench/backup-restore.sh [SIZE_MIB] [RESTIC_BINARY]
#   SIZE_MIB       size of the volume to generate (default 1024)
#   RESTIC_BINARY  restic to use for both (default: restic on PATH)
# Needs the jars (mvn -B -DskipTests package). Prints wall times and claimback/restic ratios.
# Each measurement runs ROUNDS times (default 3) alternating the two tools; the median counts.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
size_mib=${1:-1024}
restic=${2:-$(command -v restic)}
rounds=${ROUNDS:-3}
jar=$here/cli/target/claimback.jar
[ -f "$jar" ] || { echo "bench: build first: mvn -B -DskipTests package" >&2; exit 2; }

work=$(mktemp -d /var/tmp/claimback-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export_root=$work/export
vol=$export_root/default-bench-pvc-0b5ef3ee-6d5c-4a1e-9a53-1a2b3c4d5e6f
mkdir -p "$vol"
echo "bench: generating ${size_mib} MiB of mixed files in $vol" >&2
# mixed: 40% one big random file, 30% 1 MiB random files, 20% small random files (4-64 KiB), 10% compressible text
big=$((size_mib * 4 / 10)); medium=$((size_mib * 3 / 10)); small_mib=$((size_mib * 2 / 10)); text_mib=$((size_mib / 10))
head -c "${big}M" /dev/urandom > "$vol/big.bin"
mkdir -p "$vol/medium" "$vol/small/a/b" "$vol/text"
for i in $(seq 1 "$medium"); do head -c 1M /dev/urandom > "$vol/medium/m$i.bin"; done
remaining=$((small_mib * 1024)); i=0
while [ $remaining -gt 0 ]; do s=$(( (RANDOM % 61) + 4 )); head -c "${s}K" /dev/urandom > "$vol/small/a/b/s$i.bin"; remaining=$((remaining - s)); i=$((i+1)); done
set +o pipefail   # yes(1) ends on SIGPIPE
for i in $(seq 1 "$text_mib"); do yes "claimback benchmark line $i with some repeated text" | head -c 1M > "$vol/text/t$i.txt"; done
set -o pipefail
echo "bench: $(find "$vol" -type f | wc -l) files, $(du -sm "$vol" | cut -f1) MiB" >&2

printf 'claimback-bench-password\n' > "$work/pw"; chmod 600 "$work/pw"
cat > "$work/config.yaml" <<YAML
exports:
  - path: $export_root
repository: $work/repo-claimback
passwordFile: $work/pw
catalog: $work/catalog.db
host: bench
restic:
  binary: $restic
  cacheDir: $work/cache-claimback
YAML
cb() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" --config "$work/config.yaml" "$@"; }
plain() { RESTIC_REPOSITORY=$work/repo-plain RESTIC_PASSWORD_FILE=$work/pw RESTIC_CACHE_DIR=$work/cache-plain "$restic" "$@"; }
plain init -q >/dev/null
cb backup --all >/dev/null 2>&1 || true   # creates the repository; also the first (full) backup
plain_first() { (cd "$vol" && plain backup . --host bench --tag claimback -q >/dev/null); }
plain_first
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # name cmd...
  local name=$1; shift
  local t0 t1
  t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
  elapsed "$t0" "$t1"
}

declare -A times
run_pair() { # label, claimback cmd fn, plain cmd fn, prepare fn
  local label=$1 cbf=$2 plf=$3 prep=$4 c=() p=()
  for r in $(seq 1 "$rounds"); do
    $prep; p+=("$(measure plain $plf)")
    $prep; c+=("$(measure claimback $cbf)")
  done
  local cm pm
  cm=$(printf '%s\n' "${c[@]}" | median); pm=$(printf '%s\n' "${p[@]}" | median)
  printf '%-34s restic %7.2f s   claimback %7.2f s   ratio %.3f\n' "$label" "$pm" "$cm" "$(awk -v c="$cm" -v p="$pm" 'BEGIN{print c/p}')"
}

touch_some() { :; }
# full backup: new repositories each round would need re-init; measure a full backup by forcing
# every file to look changed (touch), so both read and hash all data but dedup keeps the repo small.
touch_all() { find "$vol" -type f -exec touch {} +; }
cb_backup() { cb backup default/bench; }
plain_backup() { (cd "$vol" && plain backup . --host bench --tag claimback -q); }
restore_dir=$work/restore
clear_restore() { rm -rf "$restore_dir"; }
cb_restore() { cb restore default/bench --into "$restore_dir"; }
plain_restore() { plain restore latest --host bench --path "$vol" --target "$restore_dir"; }

fresh_repos() { # both tools start from an empty, initialised repository (init is not timed)
  rm -rf "$work/repo-plain" "$work/repo-claimback" "$work/catalog.db"*
  plain init -q >/dev/null
  RESTIC_REPOSITORY=$work/repo-claimback RESTIC_PASSWORD_FILE=$work/pw "$restic" init -q >/dev/null
}
echo "bench: restic $("$restic" version | cut -d' ' -f2), ${size_mib} MiB, $rounds rounds (median)"
run_pair "first backup into an empty repository" cb_backup plain_backup fresh_repos
fresh_repos; cb_backup >/dev/null 2>&1; plain_backup >/dev/null 2>&1
run_pair "backup, all files touched (rehash)" cb_backup plain_backup touch_all
run_pair "backup, unchanged (incremental)" cb_backup plain_backup touch_some
run_pair "restore into an empty directory" cb_restore plain_restore clear_restore
