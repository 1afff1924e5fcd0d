#!/usr/bin/env bash
# Builds the Pulumi CLI, and our own Node.js language host (langhost/), from the
# Go module proxy into a cache outside the repo, keyed by version. Prints the
# cache's bin directory on stdout when done; put it on PATH.
# A second run with both binaries already cached costs nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=$(sed -n 's#^\s*github.com/pulumi/pulumi/pkg/v3 \(v[0-9.]*\)$#\1#p' "$here/go.mod")
cache_root=${PULUMI_CC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-contact-center}
bin="$cache_root/pulumi-$version/bin"

# Our language host is rebuilt whenever its source changes: the stamp holds its hash.
host_source=$(cat "$here/langhost/main.go" "$here/langhost/go.mod" | sha256sum | cut -c1-16)
host_stamp="$bin/pulumi-language-nodejs.source"
if [ -x "$bin/pulumi-language-nodejs" ] && [ "$(cat "$host_stamp" 2>/dev/null)" != "$host_source" ]; then
  rm -f "$bin/pulumi-language-nodejs"
fi
if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-nodejs" ]; then echo "$bin"; exit 0; fi

# The language host must speak the same protocol as the CLI: same SDK release.
host_sdk=$(sed -n 's#^\s*\(require \)\?github.com/pulumi/pulumi/sdk/v3 \(v[0-9.]*\)$#\2#p' "$here/langhost/go.mod")
if [ "$host_sdk" != "$version" ]; then
  echo "error: langhost/go.mod pins sdk/v3 $host_sdk but the CLI is $version; update it" >&2; exit 1
fi

"$here/ensure-go.sh" >&2
export PATH="$(cat "$cache_root/go-path" 2>/dev/null || echo /usr/local/go/bin):$PATH"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=${GOPROXY:-https://proxy.golang.org}
mkdir -p "$bin"

build() { # $1 = binary name, $2 = module dir, $3 = package, $4 = extra ldflags
  [ -x "$bin/$1" ] && return 0
  echo "building $1 $version from the Go module proxy (first time only: up to several minutes)..." >&2
  local start=$(date +%s)
  ( cd "$2" && go build -trimpath -ldflags "-s -w $4" -o "$bin/$1.partial" "$3" ) >&2
  mv "$bin/$1.partial" "$bin/$1"
  echo "built $1 $version in $(( $(date +%s) - start ))s" >&2
}
build pulumi "$here" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
  "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version"
build pulumi-language-nodejs "$here/langhost" . "-X main.version=${version#v}"
echo "$host_source" > "$host_stamp"
echo "$bin"
