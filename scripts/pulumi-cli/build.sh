#!/usr/bin/env bash
# Builds the Pulumi CLI from the Go module proxy into a cache outside the repo,
# keyed by version. Prints the cache's bin directory on stdout when done.
# A second run with the binary already cached costs nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=$(sed -n 's#^\s*github.com/pulumi/pulumi/pkg/v3 \(v[0-9.]*\)$#\1#p' "$here/go.mod")
cache_root=${PULUMI_CC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-contact-center}
bin="$cache_root/pulumi-$version/bin"

if [ -x "$bin/pulumi" ]; then echo "$bin"; exit 0; fi

"$here/ensure-go.sh" >&2
export PATH="$(cat "$cache_root/go-path" 2>/dev/null || echo /usr/local/go/bin):$PATH"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod GOPROXY=${GOPROXY:-https://proxy.golang.org}
mkdir -p "$bin.partial"
echo "building pulumi $version from the Go module proxy (first time only: several minutes)..." >&2
start=$(date +%s)
( cd "$here" && go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    -o "$bin.partial/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi ) >&2
rm -rf "$bin" && mv "$bin.partial" "$bin"
echo "built pulumi $version in $(( $(date +%s) - start ))s" >&2
echo "$bin"
