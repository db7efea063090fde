#!/usr/bin/env bash
# Installs the two restic versions claimback is tested against:
#   0.14.0 from Debian 12 (apt-get install restic) -> /usr/bin/restic
#   0.18.0 from Debian 13's package, unpacked (never added to the system's sources)
#          -> $TOOLS/restic-0.18/usr/bin/restic
# Usage: .ci/fetch-restic.sh [TOOLS_DIR]   (default: .tools in the repository)
# Prints nothing but progress; exits non-zero if either version can't be had.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tools=${1:-$here/.tools}
mkdir -p "$tools"

have_version() { [ -x "$1" ] && "$1" version 2>/dev/null | grep -q "restic $2 "; }

if ! have_version /usr/bin/restic 0.14.0; then
  echo "fetch-restic: installing restic 0.14.0 from Debian 12" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq restic >/dev/null
fi
have_version /usr/bin/restic 0.14.0 || { echo "fetch-restic: /usr/bin/restic is not 0.14.0: $(/usr/bin/restic version)" >&2; exit 1; }

r18=$tools/restic-0.18/usr/bin/restic
if ! have_version "$r18" 0.18.0; then
  echo "fetch-restic: fetching restic 0.18.0 from Debian 13 (trixie)" >&2
  apt_dir=$tools/apt-trixie
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial"
  uri=$(grep -hoE 'https?://[^ ]*/debian$' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -n1 || true)
  uri=${uri:-http://deb.debian.org/debian}
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" > "$apt_dir/sources.list"
  opts=(-oDir::State::Lists="$apt_dir/lists" -oDir::Etc::SourceList="$apt_dir/sources.list"
        -oDir::Etc::SourceParts=/dev/null -oDir::Cache::Archives="$apt_dir/archives"
        -oDir::Cache="$apt_dir/cache" -oAPT::Get::List-Cleanup=0)
  mkdir -p "$apt_dir/cache"
  apt-get "${opts[@]}" update -qq >/dev/null
  (cd "$apt_dir" && apt-get "${opts[@]}" download restic >/dev/null)
  deb=$(ls "$apt_dir"/restic_*.deb | head -n1)
  rm -rf "$tools/restic-0.18" && dpkg-deb -x "$deb" "$tools/restic-0.18"
fi
have_version "$r18" 0.18.0 || { echo "fetch-restic: $r18 is not 0.18.0" >&2; exit 1; }
echo "restic 0.14.0: /usr/bin/restic"
echo "restic 0.18.0: $r18"
