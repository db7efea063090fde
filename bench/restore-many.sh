#!/usr/bin/env bash
# Benchmark: the rebuilt-cluster restore. Usage: bench/restore-many.sh [SIZE_MIB] [CLAIMS] [CLAIM_MIB] [RESTIC_BINARY]
#   SIZE_MIB       size of the one big claim (default 1024)
#   CLAIMS         how many small claims for the restore-everything case (default 30)
#   CLAIM_MIB      size of each small claim (default 8)
#   RESTIC_BINARY  restic to use for both (default: restic on PATH)
# Measures, in the same run and on the same repository snapshots:
#   1. one big claim: `claimback restore CLAIM --into DIR` against plain `restic restore ID --target DIR`
#      and against plain `restic restore ID --target DIR --verify` (claimback always verifies);
#   2. the CLAIMS small claims, all in namespace `apps`: `claimback restore --namespace apps --yes
#      --into DIR` (bounded parallelism, PARALLEL or claimback's default) against a sequential loop
#      of plain `restic restore` over the same snapshots.
# SKIP_ONE=1 skips case 1 (then make SIZE_MIB small). Needs the jars (mvn -B -DskipTests package). Median of ROUNDS (default 3), the tools alternating.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
size_mib=${1:-1024}
claims=${2:-30}
claim_mib=${3:-8}
restic=${4:-$(command -v restic)}
rounds=${ROUNDS:-3}
parallel=${PARALLEL:-}
jar=$here/cli/target/claimback.jar
[ -f "$jar" ] || { echo "bench: build first: mvn -B -DskipTests package" >&2; exit 2; }

work=$(mktemp -d /var/tmp/claimback-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export_root=$work/export
mkdir -p "$export_root"
uuid() { cat /proc/sys/kernel/random/uuid; }
fill() { # dir mib: a third one file, a third 256 KiB files, a third small files and text
  local d=$1 mib=$2
  mkdir -p "$d/small" "$d/medium"
  head -c "$((mib * 1024 / 3))K" /dev/urandom > "$d/big.bin"
  local n=$((mib * 4 / 3)); for i in $(seq 1 "$n"); do head -c 256K /dev/urandom > "$d/medium/m$i.bin"; done
  local remaining=$((mib * 1024 / 3)) i=0 s
  while [ $remaining -gt 0 ]; do s=$(( (RANDOM % 29) + 4 )); head -c "${s}K" /dev/urandom > "$d/small/s$i.bin"; remaining=$((remaining - s)); i=$((i+1)); done
  chown -R 1000:1000 "$d"; chmod 0775 "$d"
}
big=$export_root/default-big-pvc-$(uuid)
echo "bench: generating the ${size_mib} MiB claim and $claims claims of ${claim_mib} MiB" >&2
fill "$big" "$size_mib"
for c in $(seq 1 "$claims"); do fill "$export_root/apps-app$c-pvc-$(uuid)" "$claim_mib"; done

printf 'claimback-bench-password\n' > "$work/pw"; chmod 600 "$work/pw"
cat > "$work/config.yaml" <<YAML
exports:
  - path: $export_root
repository: $work/repo
passwordFile: $work/pw
catalog: $work/catalog.db
host: bench
restic:
  binary: $restic
  cacheDir: $work/cache
YAML
cb() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" --config "$work/config.yaml" "$@"; }
plain() { RESTIC_REPOSITORY=$work/repo RESTIC_PASSWORD_FILE=$work/pw RESTIC_CACHE_DIR=$work/cache "$restic" "$@"; }
cb backup --all >/dev/null 2>&1
# the snapshot ids, the same ones both tools restore
big_id=$(plain snapshots --json --tag claim-key=default-big | python3 -c 'import json,sys; print(json.load(sys.stdin)[-1]["id"])')
mapfile -t small_ids < <(plain snapshots --json --tag claimback | python3 -c '
import json,sys
for s in json.load(sys.stdin):
    if "claim-key=default-big" not in s["tags"]: print(s["id"])')
[ "${#small_ids[@]}" -eq "$claims" ] || { echo "bench: expected $claims small snapshots, found ${#small_ids[@]}" >&2; exit 1; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b-a}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { local t0 t1; t0=$(now); "$@" >/dev/null 2>"$work/last.err" || { echo "bench: $* failed:" >&2; cat "$work/last.err" >&2; exit 1; }; t1=$(now); elapsed "$t0" "$t1"; }
pair() { # label claimback-fn plain-fn prepare-fn
  local label=$1 cbf=$2 plf=$3 prep=$4 c=() p=() cm pm
  for r in $(seq 1 "$rounds"); do
    $prep; p+=("$(measure $plf)")
    $prep; c+=("$(measure $cbf)")
  done
  cm=$(printf '%s\n' "${c[@]}" | median); pm=$(printf '%s\n' "${p[@]}" | median)
  printf '%-52s restic %7.2f s   claimback %7.2f s   ratio %.3f\n' "$label" "$pm" "$cm" "$(awk -v c="$cm" -v p="$pm" 'BEGIN{print c/p}')"
}
target=$work/target
clear_target() { rm -rf "$target"; sync; }
cb_one() { cb restore default/big --into "$target"; }
plain_one() { plain restore "$big_id" --target "$target"; }
plain_one_verify() { plain restore "$big_id" --target "$target" --verify; }
cb_all() { cb restore --namespace apps --yes --into "$target" ${parallel:+--parallel "$parallel"}; }
plain_all() { local i=0; for id in "${small_ids[@]}"; do i=$((i+1)); plain restore "$id" --target "$target/$i"; done; }

echo "bench: restic $("$restic" version | cut -d' ' -f2), ${size_mib} MiB + $claims x ${claim_mib} MiB, $rounds rounds (median), $(nproc) cores"
if [ "${SKIP_ONE:-0}" != 1 ]; then
  pair "restore one ${size_mib} MiB claim (plain: no --verify)" cb_one plain_one clear_target
  pair "restore one ${size_mib} MiB claim (plain: --verify)" cb_one plain_one_verify clear_target
fi
pair "restore --namespace apps ($claims claims) vs plain loop" cb_all plain_all clear_target
