#!/usr/bin/env bash
# Makes sure a Go toolchain new enough for the CLI's go.mod is available.
# Uses the machine's go when it is recent enough; otherwise installs Debian's
# newest golang package (the only toolchain source the registries offer).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
need=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$here/go.mod")
cache_root=${PULUMI_CC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-contact-center}
mkdir -p "$cache_root"

version_ok() { # $1 = path to a go binary
  local have; have=$("$1" env GOVERSION 2>/dev/null | sed 's/^go//') || return 1
  [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -1)" = "$need" ]
}

for candidate in "$(command -v go || true)" /usr/local/go/bin/go /usr/lib/go/bin/go; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && version_ok "$candidate"; then
    dirname "$candidate" > "$cache_root/go-path"; exit 0
  fi
done

echo "no Go >= $need found; installing Debian's golang package" >&2
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo=sudo; fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq golang-go >&2
for candidate in /usr/lib/go/bin/go $(ls -d /usr/lib/go-*/bin/go 2>/dev/null | sort -V | tail -1); do
  if [ -x "$candidate" ] && version_ok "$candidate"; then dirname "$candidate" > "$cache_root/go-path"; exit 0; fi
done
echo "error: Go >= $need is required to build the Pulumi CLI and none could be installed." >&2
echo "Install the Pulumi CLI the usual way (https://www.pulumi.com/docs/install/) and put it on PATH." >&2
exit 1
