#!/usr/bin/env bash
# Installs claimback on a Debian 12 (bookworm) or 13 (trixie) NFS server. Run as root from a
# checkout of the repository:   sudo install/install.sh [options]      (--help for the options)
#
# Safe to run again (to upgrade, or after editing the config): the jars and launchers are
# replaced and the agent restarted; the config and the repository password are never touched
# once they exist.
#
# For tests, CLAIMBACK_PREFIX=/some/dir is put in front of every path the script writes (and of
# the default export root and repository); it then never touches systemd (the agent is started
# in the background instead) and calls apt-get only for what is really missing.
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi # run as `sh install.sh`
set -euo pipefail
umask 022 # predictable modes for what we create; secrets get their own umask

PROG=install.sh
JAVA_BIN="" JDK_HOME=""

usage() {
  cat <<'EOF'
Usage: install/install.sh [options]            (as root, on Debian 12 or 13)

Installs claimback: the restic and Java packages it needs, the jars under /opt/claimback, the
claimback and claimback-agent commands in /usr/local/bin, /etc/claimback/config.yaml and a new
repository password (both only if absent), initialises a local repository, starts the agent
(a systemd service when systemd runs) and runs a first backup.

Options:
  --export-root DIR   the NFS export root under which the provisioner creates PV directories.
                      Default: the first path exported in /etc/exports or /etc/exports.d/*.exports
                      that is not the NFSv4 pseudo-root (fsid=0), else /srv/nfs/k8s (created if
                      missing). Used only when the config file is written; edit
                      /etc/claimback/config.yaml to change it later (claimback doctor checks it).
  --repository REPO   the restic repository: a local path, or sftp:..., s3:..., rest:...
                      (default: /var/lib/claimback/repo). Used only when the config is written.
  --no-start          do not start or restart the agent
  --no-backup         do not run the first backup
  -h, --help          show this help

Environment:
  CLAIMBACK_PREFIX    for tests: prepended to every path written; systemd is left alone.
  CLAIMBACK_EXPORTS_FILE
                      for tests: the export table to propose --export-root from, instead of
                      /etc/exports (its directory of further tables is this path + ".d").
EOF
}

step() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
warn() { printf '!!  %s\n' "$*" >&2; }
die() { printf '%s: error: %s\n' "$PROG" "$*" >&2; exit 1; }
die_usage() { printf '%s: %s (see --help)\n' "$PROG" "$*" >&2; exit 2; }

# --- options ----------------------------------------------------------------------------------
opt_export_root=""
opt_repository=""
do_start=1
do_backup=1
while [ $# -gt 0 ]; do
  case $1 in
    --export-root) [ $# -ge 2 ] || die_usage "--export-root needs a directory"; opt_export_root=$2; shift 2 ;;
    --export-root=*) opt_export_root=${1#*=}; shift ;;
    --repository) [ $# -ge 2 ] || die_usage "--repository needs a repository"; opt_repository=$2; shift 2 ;;
    --repository=*) opt_repository=${1#*=}; shift ;;
    --no-start) do_start=0; shift ;;
    --no-backup) do_backup=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown argument: $1" ;;
  esac
done

PREFIX=${CLAIMBACK_PREFIX:-}
PREFIX=${PREFIX%/}
if [ -n "$PREFIX" ]; then
  case $PREFIX in /*) ;; *) die_usage "CLAIMBACK_PREFIX must be an absolute path, got: $PREFIX" ;; esac
fi

if [ -n "$opt_export_root" ]; then
  case $opt_export_root in /*) ;; *) die_usage "--export-root must be an absolute path, got: $opt_export_root" ;; esac
  opt_export_root=${opt_export_root%/}
fi
if [ -n "$opt_repository" ]; then
  case $opt_repository in
    /* | local:/*) ;;
    [a-z]*:*) ;; # sftp:, s3:, rest:, b2:, azure:, gs:, swift:, rclone:
    *) die_usage "--repository must be an absolute path or a restic repository string (sftp:, s3:, rest:...), got: $opt_repository" ;;
  esac
fi

# --- where things go --------------------------------------------------------------------------
# The NFS export table the default export root is proposed from (read only, as exportfs reads it).
EXPORTS_FILE=${CLAIMBACK_EXPORTS_FILE:-$PREFIX/etc/exports}
EXPORTS_D=$EXPORTS_FILE.d
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(dirname "$HERE")
EXAMPLE=$HERE/config.example.yaml
UNIT_SRC=$HERE/claimback-agent.service
SRC_CLI_JAR=$REPO_ROOT/cli/target/claimback.jar
SRC_AGENT_JAR=$REPO_ROOT/agent/target/claimback-agent.jar

OPT_DIR=$PREFIX/opt/claimback
BIN_DIR=$PREFIX/usr/local/bin
ETC_DIR=$PREFIX/etc/claimback
STATE_DIR=$PREFIX/var/lib/claimback
CACHE_DIR=$PREFIX/var/cache/claimback
LOG_FILE=$PREFIX/var/log/claimback-agent.log
PID_FILE=$PREFIX/run/claimback-agent.pid
CONFIG=$ETC_DIR/config.yaml
UNIT_DIR=/etc/systemd/system # only ever used without CLAIMBACK_PREFIX

export_root=${opt_export_root:-$PREFIX/srv/nfs/k8s}
repository=${opt_repository:-$STATE_DIR/repo}
password_file=$ETC_DIR/repository.password
catalog=$STATE_DIR/catalog.db
restic_cache=$CACHE_DIR/restic
restic_bin=restic

# --- refuse what we do not support ------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || die "run as root (sudo $0 ...): the agent must read every PV directory"
os_id="" os_version="" os_codename="" os_pretty=""
if [ -r /etc/os-release ]; then
  # shellcheck disable=SC1091
  eval "$(. /etc/os-release; printf 'os_id=%q os_version=%q os_codename=%q os_pretty=%q' \
    "${ID:-}" "${VERSION_ID:-}" "${VERSION_CODENAME:-}" "${PRETTY_NAME:-}")"
fi
debian=""
if [ "$os_id" = debian ]; then
  case "$os_version:$os_codename" in
    12:* | *:bookworm) debian=12 ;;
    13:* | *:trixie) debian=13 ;;
  esac
fi
[ -n "$debian" ] || die "claimback's installer supports Debian 12 (bookworm) and 13 (trixie) only; this is: ${os_pretty:-unknown (no /etc/os-release)}"
for tool in apt-get apt-cache base64 setsid nohup install find awk; do
  command -v "$tool" >/dev/null || die "$tool is missing: this does not look like a standard Debian system"
done

# --- helpers ----------------------------------------------------------------------------------
# Quote a value for the YAML config: a plain absolute path stays plain, all else is double-quoted
# (so that a host name like 1234 or null stays text).
yaml_quote() {
  case $1 in
    /*[!A-Za-z0-9/_.+-]* | [!/]*)
      local v=${1//\\/\\\\}
      v=${v//\"/\\\"}
      printf '"%s"' "$v"
      ;;
    *) printf '%s' "$1" ;;
  esac
}

# Quote a value for a POSIX shell script.
sh_quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

# Best-effort reading of a scalar from the config (the installer's own format): a top-level key
# (yaml_get KEY) or one nested a level down (yaml_get SECTION KEY). Prints nothing if not found.
yaml_get() {
  local section="" key=$1
  if [ $# -eq 2 ]; then section=$1; key=$2; fi
  awk -v section="$section" -v key="$key" '
    function unquote(v) {
      if (v ~ /^"/) { v = substr(v, 2); sub(/"[ \t]*(#.*)?$/, "", v); gsub(/\\"/, "\"", v); gsub(/\\\\/, "\\", v); return v }
      if (v ~ /^'\''/) { v = substr(v, 2); sub(/'\''[ \t]*(#.*)?$/, "", v); gsub(/'\'''\''/, "'\''", v); return v }
      sub(/[ \t]+#.*$/, "", v); sub(/[ \t]+$/, "", v); return v
    }
    /^[ \t]*(#|$)/ { next }
    section == "" && $0 ~ "^" key ":" { v = $0; sub("^" key ":[ \t]*", "", v); print unquote(v); exit }
    section != "" && /^[^ \t]/ { inside = ($0 ~ "^" section ":") ; next }
    section != "" && inside && $0 ~ "^[ \t]+" key ":" { v = $0; sub("^[ \t]+" key ":[ \t]*", "", v); print unquote(v); exit }
  ' "$CONFIG" 2>/dev/null || true
}

# The export paths listed in the config, one a line.
config_exports() {
  awk '/^[ \t]*- path:/ { v = $0; sub(/^[ \t]*- path:[ \t]*/, "", v); sub(/[ \t]+#.*$/, "", v); gsub(/^["'\'']|["'\'']$/, "", v); print v }' \
    "$CONFIG" 2>/dev/null || true
}

# The first path exported in $EXPORTS_FILE or $EXPORTS_D/*.exports (in exportfs's version order)
# that is not the NFSv4 pseudo-root (fsid=0 or fsid=root), as "FILE:LINE<TAB>PATH"; nothing if none.
# Simple cases only (claimback doctor reads the full syntax): comments at the start of a token,
# backslash-newline continuations, double quotes, \ooo octal escapes such as \040 for a space.
exports_proposal() {
  local tables=() f
  [ -f "$EXPORTS_FILE" ] && [ -r "$EXPORTS_FILE" ] && tables+=("$EXPORTS_FILE")
  if [ -d "$EXPORTS_D" ]; then
    while IFS= read -r f; do
      [ -f "$f" ] && [ -r "$f" ] && tables+=("$f")
    done < <(find "$EXPORTS_D" -mindepth 1 -maxdepth 1 -name '?*.exports' ! -name '.*' -print 2>/dev/null | LC_ALL=C sort -V)
  fi
  [ ${#tables[@]} -gt 0 ] || return 0
  awk '
    function unescape(s,   out, i, c, d) {
      out = ""
      for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\" && substr(s, i + 1, 3) ~ /^[0-7][0-7][0-7]$/) {
          d = substr(s, i + 1, 1) * 64 + substr(s, i + 2, 1) * 8 + substr(s, i + 3, 1)
          if (d > 0 && d < 256) { out = out sprintf("%c", d); i += 3; continue }
        }
        out = out c
      }
      return out
    }
    function end_token() { if (in_tok) { tok[++ntok] = cur; cur = ""; in_tok = 0 } }
    function entry(   path, i) {
      if (ntok == 0) return
      path = unescape(tok[1])
      if (path !~ /^\//) return
      for (i = 2; i <= ntok; i++) if (tok[i] ~ /(^|[(,-])fsid=(0+|0[xX]0+|root)([,)]|$)/) return
      if (length(path) > 1) sub(/\/+$/, "", path)
      printf "%s:%d\t%s\n", FILENAME, start, path
      exit
    }
    FNR == 1 { ntok = 0; cur = ""; in_tok = 0; quoted = 0; cont = 0 }
    {
      line = $0
      sub(/\r$/, "", line)
      if (cont) { sub(/^[ \t]+/, "", line); if (quoted) cur = cur " " } else { ntok = 0; start = FNR }
      cont = 0
      n = length(line)
      for (i = 1; i <= n; i++) {
        c = substr(line, i, 1)
        if (c == "\\" && i == n) { if (!quoted) end_token(); cont = 1; break }
        if (!quoted && (c == " " || c == "\t")) { end_token(); continue }
        if (!quoted && !in_tok && c == "#") break
        if (c == "\"") { quoted = !quoted; in_tok = 1; continue }
        cur = cur c; in_tok = 1
      }
      if (cont) next
      quoted = 0
      end_token()
      entry()
    }
  ' "${tables[@]}" 2>/dev/null || true
}

# A repository string for display: credentials in a URL are masked.
shown() { printf '%s' "$1" | sed -E 's#(://)[^/@:]+:[^/@]*@#\1***:***@#'; }

# The major version of a java or javac binary, or nothing.
java_major() {
  local v
  v=$("$1" -version 2>&1 | awk -F'"' '/version "/ { print $2; exit }') || true
  [ -n "$v" ] || v=$("$1" -version 2>&1 | awk '/^javac / { print $2; exit }') || true
  case $v in 1.*) v=${v#1.} ;; esac
  v=${v%%[!0-9]*}
  printf '%s' "$v"
}

# A java (JAVA_BIN) of version 17 or newer: the one on PATH, else the newest in /usr/lib/jvm.
find_java() {
  JAVA_BIN=""
  local c m best=0
  c=$(command -v java || true)
  if [ -n "$c" ] && m=$(java_major "$c") && [ "${m:-0}" -ge 17 ]; then JAVA_BIN=$c; return 0; fi
  for c in /usr/lib/jvm/*/bin/java; do
    [ -x "$c" ] || continue
    m=$(java_major "$c")
    if [ "${m:-0}" -ge 17 ] && [ "$m" -gt "$best" ]; then best=$m; JAVA_BIN=$c; fi
  done
  [ -n "$JAVA_BIN" ]
}

# A JDK of version 17 or newer: sets JDK_HOME.
find_jdk() {
  JDK_HOME=""
  local c m best=0
  c=$(command -v javac || true)
  if [ -n "$c" ] && m=$(java_major "$c") && [ "${m:-0}" -ge 17 ]; then
    JDK_HOME=$(dirname "$(dirname "$(readlink -f "$c")")"); return 0
  fi
  for c in /usr/lib/jvm/*/bin/javac; do
    [ -x "$c" ] || continue
    m=$(java_major "$c")
    if [ "${m:-0}" -ge 17 ] && [ "$m" -gt "$best" ]; then best=$m; JDK_HOME=$(dirname "$(dirname "$c")"); fi
  done
  [ -n "$JDK_HOME" ]
}

# The first of the named packages apt can install.
pick_package() {
  local p cand
  for p in "$@"; do
    cand=$(LC_ALL=C apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ { print $2; exit }')
    if [ -n "$cand" ] && [ "$cand" != "(none)" ]; then printf '%s' "$p"; return 0; fi
  done
  return 1
}

# Are both jars there and newer than every source file and pom?
jars_fresh() {
  [ -f "$SRC_CLI_JAR" ] && [ -f "$SRC_AGENT_JAR" ] || return 1
  [ -f "$REPO_ROOT/pom.xml" ] || return 0 # no sources shipped: the jars are all there is
  local jar newer
  for jar in "$SRC_CLI_JAR" "$SRC_AGENT_JAR"; do
    newer=$(find "$REPO_ROOT/pom.xml" "$REPO_ROOT"/*/pom.xml "$REPO_ROOT"/*/src \
      -type f -newer "$jar" -print -quit 2>/dev/null || true)
    [ -z "$newer" ] || return 1
  done
}

# Create missing directories with MODE; existing ones (and their modes) are left alone.
ensure_dir() { # ensure_dir MODE DIR...
  local mode=$1 d
  shift
  for d in "$@"; do [ -d "$d" ] || install -d -m "$mode" "$d"; done
}

# Copy or write a file next to its destination, then rename it into place: a running JVM keeps
# the old jar it has open, and nobody ever sees half a file.
put_file() { # put_file MODE DEST (content on stdin)
  local tmp
  tmp=$(mktemp "$(dirname "$2")/.$(basename "$2").XXXXXX")
  cat >"$tmp"
  chmod "$1" "$tmp"
  mv -f "$tmp" "$2"
}

# restic with the repository from the config; never the password in argv or the environment.
run_restic() {
  env -u RESTIC_PASSWORD -u RESTIC_PASSWORD_COMMAND \
    RESTIC_REPOSITORY="$repository" RESTIC_PASSWORD_FILE="$password_file" \
    RESTIC_CACHE_DIR="${restic_cache:-$CACHE_DIR/restic}" "$restic_bin" "$@"
}

# Is PID a live (not zombie) claimback-agent process?
agent_alive() {
  local pid=$1 state
  case $pid in '' | *[!0-9]*) return 1 ;; esac
  [ -r "/proc/$pid/stat" ] || return 1
  state=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'claimback-agent' || return 1
}

# Stop an agent started by an earlier run (from the pid file): SIGTERM, then up to 30 s.
stop_background_agent() {
  [ -f "$PID_FILE" ] || return 0
  local pid
  pid=$(head -n1 "$PID_FILE" 2>/dev/null || true)
  if agent_alive "$pid"; then
    step "stopping the agent started earlier (pid $pid): SIGTERM, waiting up to 30 s"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      agent_alive "$pid" || break
      sleep 0.5
    done
    agent_alive "$pid" && die "the agent (pid $pid) did not stop within 30 s; stop it (kill -KILL $pid) and run the installer again"
  fi
  rm -f "$PID_FILE"
}

# --- 1. packages ------------------------------------------------------------------------------
step "checking what is needed: restic, Java 17+, the jars"
need_restic=0 need_jre=0 need_maven=0 need_jdk=0 build=0
command -v restic >/dev/null || need_restic=1
find_java || need_jre=1
if ! jars_fresh; then
  [ -f "$REPO_ROOT/pom.xml" ] ||
    die "no jars in $REPO_ROOT/cli/target and agent/target, and no sources to build them from"
  build=1
  command -v mvn >/dev/null || need_maven=1
  find_jdk || need_jdk=1
fi
if [ $((need_restic + need_jre + need_maven + need_jdk)) -gt 0 ]; then
  step "apt-get update"
  apt_log=$(mktemp)
  DEBIAN_FRONTEND=noninteractive apt-get update -q >"$apt_log" 2>&1 || { cat "$apt_log" >&2; die "apt-get update failed"; }
  packages=()
  [ $need_restic -eq 0 ] || packages+=(restic)
  if [ $need_jre -eq 1 ] && [ $need_jdk -eq 0 ]; then
    p=$(pick_package openjdk-17-jre-headless openjdk-21-jre-headless default-jre-headless) ||
      die "no Java 17+ runtime package found (openjdk-17-jre-headless, openjdk-21-jre-headless, default-jre-headless)"
    packages+=("$p")
  fi
  [ $need_maven -eq 0 ] || packages+=(maven)
  if [ $need_jdk -eq 1 ]; then # a JDK brings its runtime
    p=$(pick_package openjdk-17-jdk-headless openjdk-21-jdk-headless default-jdk-headless) ||
      die "no JDK 17+ package found (openjdk-17-jdk-headless, openjdk-21-jdk-headless, default-jdk-headless)"
    packages+=("$p")
  fi
  step "apt-get install ${packages[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" >"$apt_log" 2>&1 ||
    { cat "$apt_log" >&2; die "apt-get install failed"; }
  rm -f "$apt_log"
  find_java || die "installed Java, yet no java 17+ is found (on PATH or in /usr/lib/jvm)"
  [ $build -eq 0 ] || find_jdk || die "installed a JDK, yet no javac 17+ is found"
  command -v restic >/dev/null || die "installed restic, yet it is not on PATH"
fi
note "java: $JAVA_BIN ($(java_major "$JAVA_BIN")), restic: $(restic version 2>/dev/null | awk '{ print $2; exit }')"

# --- 2. the jars ------------------------------------------------------------------------------
if [ $build -eq 1 ]; then
  step "building the jars: mvn -B -q -DskipTests package (in $REPO_ROOT; the first build downloads for minutes)"
  build_log=$(mktemp)
  if ! (cd "$REPO_ROOT" && JAVA_HOME=$JDK_HOME mvn -B -q -DskipTests package) >"$build_log" 2>&1; then
    cat "$build_log" >&2
    rm -f "$build_log"
    die "the build failed (output above)"
  fi
  rm -f "$build_log"
  if [ ! -f "$SRC_CLI_JAR" ] || [ ! -f "$SRC_AGENT_JAR" ]; then die "the build left no $SRC_CLI_JAR and $SRC_AGENT_JAR"; fi
else
  step "using the jars already built in cli/target and agent/target (newer than the sources)"
fi

# --- 3. install jars and launchers ------------------------------------------------------------
step "installing the jars to $OPT_DIR and the launchers claimback, claimback-agent to $BIN_DIR"
ensure_dir 0755 "$OPT_DIR" "$BIN_DIR"
put_file 0644 "$OPT_DIR/claimback.jar" <"$SRC_CLI_JAR"
put_file 0644 "$OPT_DIR/claimback-agent.jar" <"$SRC_AGENT_JAR"
# shellcheck disable=SC2016 # the launcher's own variables are written, not expanded
write_launcher() { # write_launcher NAME JAR JVM_FLAGS DESCRIPTION
  {
    printf '#!/bin/sh\n'
    printf '# %s. Written by claimback'\''s install.sh, replaced at every install.\n' "$4"
    printf '# CLAIMBACK_JAVA: another java binary; CLAIMBACK_JAVA_OPTS: more JVM options.\n'
    if [ -n "$PREFIX" ]; then
      printf 'CLAIMBACK_CONFIG=${CLAIMBACK_CONFIG:-%s}\nexport CLAIMBACK_CONFIG\n' "$(sh_quote "$CONFIG")"
    fi
    printf 'exec "${CLAIMBACK_JAVA:-%s}" %s $CLAIMBACK_JAVA_OPTS -jar %s "$@"\n' \
      "$JAVA_BIN" "$3" "$(sh_quote "$OPT_DIR/$2")"
  } | put_file 0755 "$BIN_DIR/$1"
}
write_launcher claimback claimback.jar "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto" \
  "claimback: the command line"
# the agent idles most of the day: a small heap that shrinks back after each job, the quick JIT
# only, small stacks and code cache (bench/agent-nightly.sh measures its RSS: about 94 MiB idle)
write_launcher claimback-agent claimback-agent.jar "-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -Xss512k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m" \
  "claimback-agent: the backup daemon"

# --- 4. config and password -------------------------------------------------------------------
ensure_dir 0755 "$ETC_DIR"
ensure_dir 0700 "$STATE_DIR" "$CACHE_DIR"
if [ -e "$CONFIG" ]; then
  step "keeping the existing config $CONFIG"
  v=$(yaml_get repository); [ -z "$v" ] || repository=$v
  v=$(yaml_get passwordFile); [ -z "$v" ] || password_file=$v
  v=$(yaml_get restic cacheDir); restic_cache=$v
  v=$(yaml_get restic binary); [ -z "$v" ] || restic_bin=$v
  v=$(yaml_get catalog); [ -z "$v" ] || catalog=$v
  case $password_file in /*) ;; *) password_file=$ETC_DIR/$password_file ;; esac
  if [ -n "$opt_export_root" ] && ! config_exports | grep -qxF -- "$opt_export_root"; then
    warn "--export-root $opt_export_root is not in the existing config: add it there by hand"
  fi
  if [ -n "$opt_repository" ] && [ "$opt_repository" != "$repository" ]; then
    warn "--repository ignored: the existing config says repository: $(shown "$repository")"
  fi
else
  if [ -z "$opt_export_root" ]; then
    proposal=$(exports_proposal)
    if [ -n "$proposal" ]; then
      export_root=${proposal#*$'\t'}
      step "export root $export_root: the first export in ${proposal%%$'\t'*} that is not the NFSv4 pseudo-root"
      note "not the directory the provisioner creates PV directories in? run again with --export-root DIR"
    else
      step "export root $export_root: the default (nothing suitable exported in $EXPORTS_FILE or $EXPORTS_D)"
    fi
  fi
  if [ ! -d "$export_root" ]; then
    step "creating the export root $export_root (mode 0755)"
    ensure_dir 0755 "$export_root"
    note "NOTE: it must be the directory your NFS provisioner creates PV directories in"
    note "(nfs-subdir-external-provisioner's nfs.path), exported in /etc/exports."
  fi
  step "writing the config $CONFIG (export $export_root, repository $(shown "$repository"))"
  [ -f "$EXAMPLE" ] || die "$EXAMPLE is missing"
  hostname=$(cat /proc/sys/kernel/hostname 2>/dev/null || uname -n)
  Y_EXPORT=$(yaml_quote "$export_root") Y_REPO=$(yaml_quote "$repository") \
    Y_PASSWORD=$(yaml_quote "$password_file") Y_CATALOG=$(yaml_quote "$catalog") \
    Y_HOST=$(yaml_quote "$hostname") Y_CACHE=$(yaml_quote "$restic_cache") \
    awk '
      /^  - path: / && !export_done { print "  - path: " ENVIRON["Y_EXPORT"]; export_done = 1; next }
      /^repository: /   { print "repository: " ENVIRON["Y_REPO"]; next }
      /^passwordFile: / { print "passwordFile: " ENVIRON["Y_PASSWORD"]; next }
      /^catalog: /      { print "catalog: " ENVIRON["Y_CATALOG"]; next }
      /^host: /         { print "host: " ENVIRON["Y_HOST"]; next }
      /^  cacheDir: /   { print "  cacheDir: " ENVIRON["Y_CACHE"]; next }
      { print }
    ' "$EXAMPLE" | put_file 0644 "$CONFIG"
  note "host: $hostname is pinned in the config; keep it when this server is rebuilt"
fi

case $repository in # a local repository's directory, or nothing
  /*) repo_path=$repository ;;
  local:/*) repo_path=${repository#local:} ;;
  *) repo_path="" ;;
esac
pw_created=0
if [ -e "$password_file" ]; then
  step "keeping the existing repository password $password_file"
  if [ -n "$(find "$password_file" -maxdepth 0 -perm /077 2>/dev/null)" ]; then
    step "making $password_file readable by its owner only (mode 0600)"
    chmod 0600 "$password_file"
  fi
elif [ -n "$repo_path" ] && [ -f "$repo_path/config" ]; then
  die "the repository $repo_path exists but its password file $password_file is missing: put it back (from your off-server copy) and run again"
else
  step "generating a repository password in $password_file (mode 0600)"
  ensure_dir 0755 "$(dirname "$password_file")"
  (
    umask 077
    tmp=$(mktemp "$(dirname "$password_file")/.repository.password.XXXXXX")
    head -c 48 /dev/urandom | base64 -w0 >"$tmp"
    printf '\n' >>"$tmp"
    chmod 0600 "$tmp"
    mv -f "$tmp" "$password_file"
  )
  pw_created=1
fi
if [ $pw_created -eq 1 ]; then
  cat <<EOF

  ##############################################################################################
  ##  A NEW REPOSITORY PASSWORD WAS WRITTEN TO $password_file
  ##  COPY IT NOW TO SOMEWHERE OFF THIS SERVER (a password manager, another machine, paper).
  ##  Without it the backups cannot be read: if this server is lost, so are they.
  ##############################################################################################

EOF
else
  note "reminder: a copy of $password_file must be kept off this server"
fi

# --- 5. the repository ------------------------------------------------------------------------
[ -z "$restic_cache" ] || ensure_dir 0700 "$restic_cache"
if [ -z "$repo_path" ]; then
  step "remote repository $(shown "$repository"): not initialised here"
  note "if it is new, create it once (after writing any credentials into a repositoryEnvFile, mode 0600): claimback init"
elif [ -f "$repo_path/config" ]; then
  step "checking that the password opens the repository $repo_path"
  if ! out=$(run_restic cat config 2>&1 >/dev/null); then
    printf '%s\n' "$out" >&2
    die "restic cannot open $repo_path with $password_file (wrong password file?)"
  fi
else
  step "initialising the restic repository $repo_path"
  ensure_dir 0700 "$(dirname "$repo_path")"
  if ! out=$(run_restic init 2>&1); then
    printf '%s\n' "$out" >&2
    die "restic init failed for $repo_path"
  fi
fi

# --- 6. the agent -----------------------------------------------------------------------------
if [ -z "$PREFIX" ] && [ -d /run/systemd/system ]; then
  step "installing the systemd unit $UNIT_DIR/claimback-agent.service"
  put_file 0644 "$UNIT_DIR/claimback-agent.service" <"$UNIT_SRC"
  # The unit may write only /var/lib/claimback and /var/cache/claimback: add what lies elsewhere,
  # and the export roots: a SQLite reader of a quiet WAL database makes its -shm, and btrfs
  # snapshots (snapshot: btrfs) go into the export's subvolume. The agent never writes PV data.
  extra=()
  while IFS= read -r e; do
    [ -n "$e" ] && extra+=("-$e")
  done < <(config_exports)
  for p in "$repo_path" "$(dirname "$catalog")" "$restic_cache"; do
    case $p in '' | /var/lib/claimback | /var/lib/claimback/* | /var/cache/claimback | /var/cache/claimback/*) ;; *) extra+=("-$p") ;; esac
  done
  dropin=$UNIT_DIR/claimback-agent.service.d/10-install-paths.conf
  if [ ${#extra[@]} -gt 0 ]; then
    step "allowing the agent to write ${extra[*]#-} (drop-in $dropin)"
    ensure_dir 0755 "$(dirname "$dropin")"
    printf '# Written by install.sh at every run: the export roots and paths from the config outside /var/lib/claimback.\n[Service]\nReadWritePaths=%s\n' \
      "${extra[*]}" | put_file 0644 "$dropin"
  elif [ -f "$dropin" ]; then
    rm -f "$dropin"
  fi
  stop_background_agent # one started by an earlier run without systemd
  systemctl daemon-reload
  systemctl enable --quiet claimback-agent.service
  if [ $do_start -eq 0 ]; then
    step "not starting the agent (--no-start); enabled for the next boot"
    if systemctl is-active --quiet claimback-agent.service; then
      note "it is still running the previous version: systemctl restart claimback-agent"
    else
      note "start it: systemctl start claimback-agent"
    fi
  else
    if systemctl is-active --quiet claimback-agent.service; then
      step "restarting the claimback-agent service (for the new jar)"
      systemctl restart claimback-agent.service
    else
      step "starting the claimback-agent service"
      systemctl start claimback-agent.service
    fi
    sleep 5
    if ! systemctl is-active --quiet claimback-agent.service; then
      journalctl -u claimback-agent.service -n 20 --no-pager >&2 || true
      die "the claimback-agent service did not stay up (journalctl -u claimback-agent)"
    fi
    note "logs: journalctl -u claimback-agent    status: systemctl status claimback-agent"
  fi
elif [ $do_start -eq 0 ]; then
  step "not starting the agent (--no-start)"
  pid=$(head -n1 "$PID_FILE" 2>/dev/null || true)
  if agent_alive "$pid"; then
    note "the one started earlier (pid $pid) still runs the previous version"
  fi
else
  stop_background_agent
  step "starting the agent in the background (no systemd here): log $LOG_FILE, pid file $PID_FILE"
  ensure_dir 0755 "$(dirname "$LOG_FILE")" "$(dirname "$PID_FILE")"
  (umask 027 && : >>"$LOG_FILE")
  log_start=$(($(stat -c %s "$LOG_FILE") + 1))
  # umask 077 as in the systemd unit: what the agent creates is root's only.
  (umask 077 && exec setsid nohup "$BIN_DIR/claimback-agent" --config "$CONFIG" >>"$LOG_FILE" 2>&1 </dev/null) &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  # Up and running once it logs that it started; dead if it exits (a bad config: exit 2).
  for _ in $(seq 1 40); do
    sleep 0.5
    if ! kill -0 "$pid" 2>/dev/null || ! agent_alive "$pid"; then
      wait "$pid" 2>/dev/null && rc=0 || rc=$?
      tail -c +"$log_start" "$LOG_FILE" | tail -n 20 >&2
      rm -f "$PID_FILE"
      die "the agent exited at start (exit $rc); its log is $LOG_FILE"
    fi
    tail -c +"$log_start" "$LOG_FILE" | grep -q 'started' && break
  done
  note "running as pid $pid. Stop it: kill \$(cat $PID_FILE)"
  note "This is not a service: nothing restarts it after a crash or a reboot. A real service"
  note "needs systemd (install/claimback-agent.service): run this installer on a systemd host."
fi

# --- 7. the first backup ----------------------------------------------------------------------
if [ $do_backup -eq 0 ]; then
  step "skipping the first backup (--no-backup)"
else
  step "backing up every volume now: claimback backup --all"
  rc=0
  (umask 077 && exec "$BIN_DIR/claimback" --config "$CONFIG" backup --all) || rc=$?
  if [ $rc -ne 0 ]; then
    printf '%s: the backup did not succeed (exit %s: 1 failed, 2 bad usage or config, 3 partial): see above; fix it, then run: claimback backup --all\n' "$PROG" "$rc" >&2
    exit $rc
  fi
fi

step "done. Try: claimback claims; claimback backups NAMESPACE/NAME; config: $CONFIG"
