#!/usr/bin/env bash
# Benchmark: claimback against remote repositories. Usage: bench/remote.sh [RESTIC_BINARY]
# Starts, on loopback, s3proxy (filesystem backend; org.gaul:s3proxy jar-with-dependencies from
# ~/.m2, fetched with Maven when missing) and Debian's OpenSSH server with generated keys, then
# measures in the same run:
#   1. UPLOAD: the first backup of one volume of DATA_MIB (default 1024) MiB (incompressible files
#      of mixed sizes) to an S3 repository and to an sftp repository: plain restic
#      (`cd DIR && restic backup .`) against `claimback backup CLAIM`, each into a new repository,
#      the tools alternating, median of ROUNDS (default 2).
#   2. LISTING: an S3 repository holding SNAPSHOTS (default 2048) claimback snapshots of 16 claims:
#      `claimback backups CLAIM --json` (reads the catalogue, after one `catalog rebuild`) against
#      `restic snapshots --tag claim-key=K --json` (reads the repository) with restic's cache warm and
#      with an empty cache (a new machine after a disaster), median of 5.
#      The snapshots are made quickly: 16 real backups, then `restic rewrite --exclude fN` doubles
#      them (new trees, same tags and times) until there are enough; rewrite needs restic >= 0.15,
#      so the .tools restic 0.18 makes them whatever RESTIC_BINARY is measured.
# claimback's figures include its JVM start and catalogue work (about 0.5-1 s per command).
# Needs the jars (mvn -B -DskipTests package), openssh-server, java. PARTS=upload or PARTS=listing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
restic=${1:-$(command -v restic)}
rounds=${ROUNDS:-2}
data_mib=${DATA_MIB:-1024}
want_snapshots=${SNAPSHOTS:-2048}
parts=${PARTS:-upload listing}
jar=${JAR:-$here/cli/target/claimback.jar}
maker=${MAKER:-$here/.tools/restic-0.18/usr/bin/restic}
s3jar=${S3PROXY_JAR:-$HOME/.m2/repository/org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar}
[ -f "$jar" ] || { echo "bench: build first: mvn -B -DskipTests package" >&2; exit 2; }
[ -x /usr/sbin/sshd ] || { echo "bench: needs openssh-server (apt-get install openssh-server)" >&2; exit 2; }
if [ ! -f "$s3jar" ]; then
  mvn -B -q dependency:get -Dartifact=org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies -Dtransitive=false >&2
fi

work=$(mktemp -d /var/tmp/claimback-bench.XXXXXX)
s3_pid=
sshd_pid=
cleanup() {
  [ -n "$s3_pid" ] && kill "$s3_pid" 2>/dev/null || true
  [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] && { echo "bench: kept $work" >&2; return; }
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "bench: port $1 never opened" >&2; exit 1; }
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
quiet() { "$@" >/dev/null 2>>"$work/claimback.log"; }
timed() { local t0; t0=$(now); "$@"; awk -v a="$t0" -v b="$(now)" 'BEGIN {printf "%.2f\n", b - a}'; }

printf 'claimback-bench-password\n' > "$work/pw"; chmod 600 "$work/pw"
export RESTIC_PASSWORD_FILE=$work/pw RESTIC_CACHE_DIR=$work/cache

# --- s3proxy
s3_port=$(free_port)
mkdir -p "$work/s3data"
cat > "$work/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=benchaccess
s3proxy.credential=benchsecret
jclouds.provider=filesystem-nio2
jclouds.identity=local
jclouds.credential=local
jclouds.filesystem.basedir=$work/s3data
CONF
java -jar "$s3jar" --properties "$work/s3proxy.conf" > "$work/s3proxy.log" 2>&1 &
s3_pid=$!
printf 'AWS_ACCESS_KEY_ID=benchaccess\nAWS_SECRET_ACCESS_KEY=benchsecret\n' > "$work/s3.env"; chmod 600 "$work/s3.env"
s3env() { env AWS_ACCESS_KEY_ID=benchaccess AWS_SECRET_ACCESS_KEY=benchsecret "$@"; }

# --- sshd
ssh_port=$(free_port)
mkdir -p "$work/ssh" "$work/sftp"; chmod 700 "$work/ssh"
ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/client_key"
cp "$work/ssh/client_key.pub" "$work/ssh/authorized_keys"
echo "[127.0.0.1]:$ssh_port $(cat "$work/ssh/host_key.pub")" > "$work/ssh/known_hosts"
cat > "$work/ssh/sshd_config" <<CONF
Port $ssh_port
ListenAddress 127.0.0.1
HostKey $work/ssh/host_key
AuthorizedKeysFile $work/ssh/authorized_keys
PidFile $work/ssh/sshd.pid
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
Subsystem sftp internal-sftp
CONF
mkdir -p /run/sshd; chmod 755 /run/sshd
/usr/sbin/sshd -D -e -f "$work/ssh/sshd_config" 2> "$work/ssh/sshd.log" &
sshd_pid=$!
sftp_command="ssh -i $work/ssh/client_key -p $ssh_port -o UserKnownHostsFile=$work/ssh/known_hosts -o StrictHostKeyChecking=yes -o BatchMode=yes root@127.0.0.1 -s sftp"
wait_port "$s3_port"; wait_port "$ssh_port"

echo "bench: restic $("$restic" version | awk '{print $2}'), rounds $rounds, s3proxy :$s3_port, sshd :$ssh_port" >&2
repo_of() { # kind name
  case $1 in
    s3) echo "s3:http://127.0.0.1:$s3_port/bench/$2" ;;
    sftp) echo "sftp:root@127.0.0.1:$work/sftp/$2" ;;
  esac
}
restic_to() { # kind repo args...
  local kind=$1 repo=$2; shift 2
  if [ "$kind" = s3 ]; then s3env RESTIC_REPOSITORY="$repo" "$restic" "$@"
  else RESTIC_REPOSITORY="$repo" "$restic" -o "sftp.command=$sftp_command" "$@"; fi
}
config() { # file kind repo export
  local extra=""
  if [ "$2" = s3 ]; then extra="repositoryEnvFile: $work/s3.env"
  else extra="repositoryOptions:
  - \"sftp.command=$sftp_command\""; fi
  cat > "$1" <<YAML
exports:
  - path: $4
repository: $3
$extra
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

if [[ " $parts " == *" upload "* ]]; then
  export_root=$work/export
  vol=$export_root/media-library-pvc-$(cat /proc/sys/kernel/random/uuid)
  mkdir -p "$vol"
  echo "bench: writing $data_mib MiB of incompressible files" >&2
  python3 - "$vol" "$data_mib" <<'PY'
import os, random, sys
root, total = sys.argv[1], int(sys.argv[2]) << 20
rnd = random.Random(7); written = 0; n = 0
while written < total:
    size = min(total - written, rnd.choice([4 << 10, 64 << 10, 1 << 20, 8 << 20, 32 << 20]))
    d = os.path.join(root, "d%02d" % (n % 16)); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d" % n), "wb") as f:
        f.write(os.urandom(size))
    written += size; n += 1
PY
  sync
  for kind in s3 sftp; do
    plain=(); ours=()
    for r in $(seq 1 "$rounds"); do
      prepo=$(repo_of "$kind" "plain-$r"); crepo=$(repo_of "$kind" "claimback-$r")
      restic_to "$kind" "$prepo" init -q >/dev/null; restic_to "$kind" "$crepo" init -q >/dev/null
      config "$work/$kind-$r.yaml" "$kind" "$crepo" "$export_root"
      java -jar "$jar" --config "$work/$kind-$r.yaml" claims >/dev/null
      rm -rf "$work/cache"
      if [ $((r % 2)) -eq 1 ]; then
        plain+=("$(timed bash -c "cd '$vol' && $(declare -f restic_to s3env); restic=$restic sftp_command='$sftp_command' restic_to $kind '$prepo' backup . --host bench -q >/dev/null")")
        rm -rf "$work/cache"
        ours+=("$(timed quiet java -jar "$jar" --config "$work/$kind-$r.yaml" backup media/library)")
      else
        ours+=("$(timed quiet java -jar "$jar" --config "$work/$kind-$r.yaml" backup media/library)")
        rm -rf "$work/cache"
        plain+=("$(timed bash -c "cd '$vol' && $(declare -f restic_to s3env); restic=$restic sftp_command='$sftp_command' restic_to $kind '$prepo' backup . --host bench -q >/dev/null")")
      fi
      echo "bench: $kind round $r: plain ${plain[-1]} s, claimback ${ours[-1]} s" >&2
    done
    p=$(printf '%s\n' "${plain[@]}" | median); c=$(printf '%s\n' "${ours[@]}" | median)
    echo "UPLOAD $kind ${data_mib}MiB: plain restic $p s, claimback $c s, claimback/plain $(ratio "$c" "$p")"
  done
fi

if [[ " $parts " == *" listing "* ]]; then
  [ -x "$maker" ] || { echo "bench: the listing part makes its snapshots with restic >= 0.15 at $maker (bash .ci/fetch-restic.sh)" >&2; exit 2; }
  local_repo=$work/listing-local
  RESTIC_REPOSITORY=$local_repo "$maker" init -q >/dev/null
  lroot=$work/listing-export
  keys=()
  for c in $(seq -w 1 16); do
    ns=apps; name=app$c; key=$ns-$name; pv=pvc-$(cat /proc/sys/kernel/random/uuid)
    d=$lroot/$key-$pv; mkdir -p "$d"; keys+=("$ns/$name=$key")
    for f in 1 2 3 4 5 6 7 8; do echo "$c $f" > "$d/f$f"; done
    (cd "$d" && RESTIC_REPOSITORY=$local_repo "$maker" backup . --host bench -q --tag claimback \
      --tag "claim-key=$key" --tag "pv=$pv" --tag "namespace=$ns" --tag "claim=$name" >/dev/null)
  done
  count=16; f=1
  while [ "$count" -lt "$want_snapshots" ] && [ "$f" -le 8 ]; do
    RESTIC_REPOSITORY=$local_repo "$maker" rewrite --exclude "f$f" -q >/dev/null
    count=$((count * 2)); f=$((f + 1))
  done
  s3repo=$(repo_of s3 listing)
  s3env RESTIC_REPOSITORY="$s3repo" RESTIC_FROM_REPOSITORY="$local_repo" RESTIC_FROM_PASSWORD_FILE="$work/pw" \
    "$maker" init --copy-chunker-params -q >/dev/null
  s3env RESTIC_REPOSITORY="$s3repo" RESTIC_FROM_REPOSITORY="$local_repo" RESTIC_FROM_PASSWORD_FILE="$work/pw" \
    "$maker" copy -q >/dev/null
  total=$(s3env RESTIC_REPOSITORY="$s3repo" "$restic" snapshots --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  config "$work/listing.yaml" s3 "$s3repo" "$lroot"
  echo "bench: $total snapshots in the S3 repository; rebuilding the catalogue" >&2
  rebuild=$(timed quiet java -jar "$jar" --config "$work/listing.yaml" catalog rebuild)
  claim=${keys[0]%%=*}; key=${keys[0]#*=}
  n=$(java -jar "$jar" --config "$work/listing.yaml" backups "$claim" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["snapshots"]))')
  plain=(); cold=(); ours=()
  for r in 1 2 3 4 5; do
    plain+=("$(timed bash -c "$(declare -f s3env); s3env RESTIC_REPOSITORY='$s3repo' '$restic' snapshots --tag 'claim-key=$key' --json >/dev/null")")
    cold+=("$(timed bash -c "$(declare -f s3env); s3env RESTIC_CACHE_DIR='$work/cold-$r' RESTIC_REPOSITORY='$s3repo' '$restic' snapshots --tag 'claim-key=$key' --json >/dev/null")")
    ours+=("$(timed quiet java -jar "$jar" --config "$work/listing.yaml" backups "$claim" --json)")
  done
  p=$(printf '%s\n' "${plain[@]}" | median); k=$(printf '%s\n' "${cold[@]}" | median); c=$(printf '%s\n' "${ours[@]}" | median)
  echo "LISTING $total snapshots on S3, $n of claim $claim: restic snapshots --tag $p s (warm cache) / $k s (empty cache), claimback backups $c s, restic/claimback $(ratio "$p" "$c") warm, $(ratio "$k" "$c") cold (catalog rebuild once: $rebuild s)"
fi
