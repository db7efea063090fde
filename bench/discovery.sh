#!/usr/bin/env bash
# Benchmark: discovery and mapping of N volumes on one export (nfs-subdir names, a third of them
# ambiguous) plus a PV inventory of the same N PVs. Usage: bench/discovery.sh [N]  (default 5000)
# Needs the jar (mvn -B -DskipTests package). Prints wall times of:
#   claims --json on an empty catalogue (first sync: everything is inserted),
#   claims --json again (steady state: nothing changed),
#   inventory import of N PVs, then claims --json (every volume now mapped by the inventory),
# and, for scale, `java -version`-like JVM start (claimback --version).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-5000}
jar=$here/cli/target/claimback.jar
[ -f "$jar" ] || { echo "bench: build first: mvn -B -DskipTests package" >&2; exit 2; }
work=$(mktemp -d /var/tmp/claimback-discovery.XXXXXX)
[ -n "${KEEP:-}" ] && echo "bench: keeping $work" >&2 || trap 'rm -rf "$work"' EXIT
root=$work/export
mkdir -p "$root"
printf 'pw\n' > "$work/pw"; chmod 600 "$work/pw"
cat > "$work/config.yaml" <<YAML
exports:
  - path: $root
repository: $work/repo
passwordFile: $work/pw
catalog: $work/catalog.db
YAML
echo "bench: creating $n volume directories and an inventory of $n PVs" >&2
{
  echo '{"apiVersion":"v1","kind":"List","items":['
  for i in $(seq 1 "$n"); do
    uuid=$(printf '%08x-%04x-4%03x-8%03x-%012x' "$i" "$((i % 65536))" "$((i % 4096))" "$((i % 4096))" "$i")
    case $((i % 3)) in
      0) ns=team-$((i % 50)); claim=data-postgres-$i ;;   # ambiguous by name
      1) ns=apps; claim=vault$i ;;                       # unique by name
      2) ns=media; claim=library.v$i ;;                  # dotted name
    esac
    dir=$root/$ns-$claim-pvc-$uuid
    mkdir "$dir"
    [ "$i" -gt 1 ] && echo ','
    printf '{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"pvc-%s"},"spec":{"nfs":{"server":"nfs","path":"%s"},"claimRef":{"namespace":"%s","name":"%s"},"storageClassName":"nfs-client","capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"persistentVolumeReclaimPolicy":"Delete"},"status":{"phase":"Bound"}}' "$uuid" "$dir" "$ns" "$claim"
  done
  echo ']}'
} > "$work/pvs.json"
cb() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" --config "$work/config.yaml" "$@"; }
t() { local label=$1; shift; local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v a="$s" -v b="$e" -v l="$label" 'BEGIN{printf "%-44s %6.2f s\n", l, b-a}'; }
t "JVM start (claimback --version)" cb --version
t "claims --json, first sync ($n inserted)" cb claims --json
t "claims --json, steady state" cb claims --json
t "inventory import ($n PVs) + sync" cb inventory import "$work/pvs.json"
t "claims --json after the import" cb claims --json
mapped=$(cb claims --json | grep -c '"mappedBy" : "inventory"' || true)
echo "claims mapped by the inventory: $mapped of $n"
