#!/usr/bin/env bash
# Makes sure a Go toolchain new enough for the CLI's go.mod is available, and records its bin
# directory in "$cache_root/go-path". Uses the machine's go when it is recent enough;
# otherwise fetches the exact release from the Go module proxy (module golang.org/toolchain,
# the same source the go command's own toolchain switching uses) into the cache.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
need=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$here/go.mod")
cache_root=${PULUMI_CC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-contact-center}
proxy=${GOPROXY:-https://proxy.golang.org}; proxy=${proxy%%,*}
mkdir -p "$cache_root"

version_ok() { # $1 = path to a go binary
  local have; have=$(GOTOOLCHAIN=local "$1" env GOVERSION 2>/dev/null | sed 's/^go//') || return 1
  [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -1)" = "$need" ]
}

toolchain_dir="$cache_root/go$need"
for candidate in "$(command -v go || true)" /usr/local/go/bin/go "$toolchain_dir/bin/go"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && version_ok "$candidate"; then
    dirname "$candidate" > "$cache_root/go-path"; exit 0
  fi
done

case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64|arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
os=$(uname -s | tr '[:upper:]' '[:lower:]')
module_version="v0.0.1-go$need.$os-$arch"
echo "no Go >= $need found; fetching go$need ($os/$arch) from the Go module proxy" >&2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if ! curl -fsSL --retry 3 -o "$tmp/go.zip" "$proxy/golang.org/toolchain/@v/$module_version.zip"; then
  echo "error: could not fetch golang.org/toolchain@$module_version from $proxy." >&2
  echo "Install Go >= $need, or install the Pulumi CLI the usual way (https://www.pulumi.com/docs/install/) and put it on PATH." >&2
  exit 1
fi
if command -v unzip >/dev/null; then
  unzip -q "$tmp/go.zip" -d "$tmp/x"
elif command -v python3 >/dev/null; then
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$tmp/go.zip" "$tmp/x"
else
  apt-get install -y -qq unzip >&2 && unzip -q "$tmp/go.zip" -d "$tmp/x"
fi
# Module zips keep no file modes: make the toolchain's programs executable again.
root_in_zip="$tmp/x/golang.org/toolchain@$module_version"
chmod +x "$root_in_zip"/bin/* "$root_in_zip"/pkg/tool/*/*
rm -rf "$toolchain_dir" && mv "$root_in_zip" "$toolchain_dir"
version_ok "$toolchain_dir/bin/go" || { echo "error: the fetched toolchain does not run" >&2; exit 1; }
echo "$toolchain_dir/bin" > "$cache_root/go-path"
