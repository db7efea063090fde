#!/usr/bin/env bash
# Benchmark: what application consistency costs. Usage: bench/consistency.sh [RESTIC_BINARY]
# Measures, in the same run, against plain restic (`cd DIR && restic backup .`) into repositories
# of their own, median of ROUNDS (default 3) with the tools alternating:
#   1. SQLITE: a volume holding a DB_MIB (default 500) MiB SQLite database (WAL mode) while a writer
#      commits a small transaction every few milliseconds: the first backup and the next ones, by
#      plain restic (live files: not consistent), `claimback backup --full` with
#      sqlite.consistentCopy: false (none) and with the default consistent copy.
#   2. BTRFS: an export on a btrfs loop filesystem, VOLUMES (default 20) volumes of VOLUME_MIB
#      (default 40) MiB: the first and the next (unchanged) backups by a plain restic loop,
#      `claimback backup --all --full` with snapshot: none and with snapshot: btrfs.
# claimback's figures include its JVM start and catalogue work (about 0.5-1 s per command).
# Needs the jars (mvn -B -DskipTests package), python3, btrfs-progs, root (loop device, mounts).
# PARTS=sqlite or PARTS=btrfs runs one part only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
restic=${1:-$(command -v restic)}
rounds=${ROUNDS:-3}
db_mib=${DB_MIB:-500}
volumes=${VOLUMES:-20}
volume_mib=${VOLUME_MIB:-40}
parts=${PARTS:-sqlite btrfs}
jar=${JAR:-$here/cli/target/claimback.jar}
[ -f "$jar" ] || { echo "bench: build first: mvn -B -DskipTests package" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: needs python3 (apt-get install python3)" >&2; exit 2; }

work=$(mktemp -d /var/tmp/claimback-bench.XXXXXX)
writer_pid=
mnt=
loop=
cleanup() {
  [ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null || true
  if [ -n "$mnt" ]; then umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true; fi
  [ -n "$loop" ] && losetup -d "$loop" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
printf 'claimback-bench-password\n' > "$work/pw"; chmod 600 "$work/pw"
export RESTIC_PASSWORD_FILE=$work/pw RESTIC_CACHE_DIR=$work/cache
uuid() { cat /proc/sys/kernel/random/uuid; }
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
config() { # file export repo extra-yaml
  cat > "$1" <<YAML
exports:
  - path: $2
$4
repository: $3
passwordFile: $work/pw
catalog: ${1%.yaml}.db
host: bench
restic:
  binary: $restic
  cacheDir: $work/cache
schedule:
  backup: off
YAML
}
claimback() { java -jar "$jar" --config "$@" >/dev/null; }
plain_loop() { # repo dirs...
  local repo=$1; shift
  for d in "$@"; do (cd "$d" && RESTIC_REPOSITORY=$repo "$restic" backup . --host bench -q >/dev/null); done
}
timed() { local t0; t0=$(now); "$@"; awk -v a="$t0" -v b="$(now)" 'BEGIN {printf "%.2f\n", b - a}'; }

echo "bench: restic $("$restic" version | awk '{print $2}'), rounds $rounds" >&2

if [[ " $parts " == *" sqlite "* ]]; then
  export_root=$work/sqlite-export
  vol=$export_root/apps-media-pvc-$(uuid)
  mkdir -p "$vol/config" "$vol/cache"
  echo "bench: making a $db_mib MiB SQLite database" >&2
  python3 - "$vol/config/app.db" "$db_mib" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, body BLOB)")
db.execute("CREATE TABLE counter (n INTEGER)"); db.execute("INSERT INTO counter VALUES (0)")
rows = int(sys.argv[2]) * 256  # 4 KiB each
for start in range(0, rows, 5000):
    db.executemany("INSERT INTO items (body) VALUES (?)", ((os.urandom(4000),) for _ in range(min(5000, rows - start))))
    db.commit()
db.close()
PY
  head -c 20M /dev/urandom > "$vol/cache/artwork.bin"
  chown -R 1000:1000 "$vol"
  python3 - "$vol/config/app.db" <<'PY' &
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30); db.execute("PRAGMA busy_timeout=30000")
while True:
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO items (body) VALUES (?)", (os.urandom(4000),))
    db.execute("UPDATE counter SET n = n + 1")
    db.commit()
    time.sleep(0.005)
PY
  writer_pid=$!
  sleep 2
  config "$work/none.yaml" "$export_root" "$work/repo-none" "sqlite:
  consistentCopy: false"
  config "$work/copy.yaml" "$export_root" "$work/repo-copy" ""
  RESTIC_REPOSITORY=$work/repo-plain "$restic" init -q >/dev/null
  RESTIC_REPOSITORY=$work/repo-none "$restic" init -q >/dev/null
  RESTIC_REPOSITORY=$work/repo-copy "$restic" init -q >/dev/null
  first_plain=$(timed plain_loop "$work/repo-plain" "$vol")
  first_none=$(timed claimback "$work/none.yaml" backup --all --full)
  first_copy=$(timed claimback "$work/copy.yaml" backup --all --full)
  : > "$work/p"; : > "$work/n"; : > "$work/c"
  for r in $(seq 1 "$rounds"); do
    sleep 5  # the writer adds about a thousand transactions between rounds
    timed plain_loop "$work/repo-plain" "$vol" >> "$work/p"
    timed claimback "$work/none.yaml" backup --all --full >> "$work/n"
    timed claimback "$work/copy.yaml" backup --all --full >> "$work/c"
  done
  kill "$writer_pid"; wait "$writer_pid" 2>/dev/null || true; writer_pid=
  p=$(median < "$work/p"); n=$(median < "$work/n"); c=$(median < "$work/c")
  echo "SQLITE ${db_mib} MiB under write load: first backup plain ${first_plain}s, claimback none ${first_none}s, consistent ${first_copy}s ($(ratio "$first_copy" "$first_plain") of plain)"
  echo "SQLITE next backups (median of $rounds): plain ${p}s, claimback none ${n}s ($(ratio "$n" "$p")), consistent ${c}s ($(ratio "$c" "$p") of plain, $(ratio "$c" "$n") of none)"
  rm -rf "$export_root" "$work"/repo-*
fi

if [[ " $parts " == *" btrfs "* ]]; then
  image=$work/btrfs.img
  size=$(( volumes * volume_mib * 2 + 512 ))
  truncate -s "${size}M" "$image"
  loop=$(losetup -f --show "$image")
  mkfs.btrfs -q "$loop"
  mnt=$work/mnt; mkdir -p "$mnt"; mount "$loop" "$mnt"
  btrfs -q subvolume create "$mnt/export" >/dev/null
  export_root=$mnt/export
  echo "bench: generating $volumes volumes of $volume_mib MiB on btrfs" >&2
  dirs=()
  for v in $(seq 1 "$volumes"); do
    d=$export_root/apps-vol$v-pvc-$(uuid); mkdir -p "$d"
    for i in $(seq 1 20); do head -c "$(( volume_mib * 1024 / 20 ))K" /dev/urandom > "$d/f$i.bin"; done
    dirs+=("$d")
  done
  sync
  config "$work/live.yaml" "$export_root" "$work/repo-live" ""
  config "$work/snap.yaml" "$export_root" "$work/repo-snap" "    snapshot: btrfs"
  for repo in plain live snap; do RESTIC_REPOSITORY=$work/repo-$repo "$restic" init -q >/dev/null; done
  first_plain=$(timed plain_loop "$work/repo-plain" "${dirs[@]}")
  first_live=$(timed claimback "$work/live.yaml" backup --all --full)
  first_snap=$(timed claimback "$work/snap.yaml" backup --all --full)
  : > "$work/p"; : > "$work/l"; : > "$work/s"
  for r in $(seq 1 "$rounds"); do
    timed plain_loop "$work/repo-plain" "${dirs[@]}" >> "$work/p"
    timed claimback "$work/live.yaml" backup --all --full >> "$work/l"
    timed claimback "$work/snap.yaml" backup --all --full >> "$work/s"
  done
  p=$(median < "$work/p"); l=$(median < "$work/l"); s=$(median < "$work/s")
  echo "BTRFS $volumes x $volume_mib MiB, first backup: plain loop ${first_plain}s, claimback live ${first_live}s, through a btrfs snapshot ${first_snap}s ($(ratio "$first_snap" "$first_live") of live, $(ratio "$first_snap" "$first_plain") of plain)"
  echo "BTRFS next backups, unchanged (median of $rounds): plain loop ${p}s, claimback live ${l}s ($(ratio "$l" "$p")), btrfs snapshot ${s}s ($(ratio "$s" "$l") of live, $(ratio "$s" "$p") of plain)"
  left=$(ls -A "$export_root/.claimback-snapshots" 2>/dev/null | wc -l)
  echo "BTRFS snapshots left after the runs: $left"
fi
