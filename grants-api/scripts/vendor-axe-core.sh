#!/usr/bin/env bash
# Refreshes the vendored axe-core (MPL-2.0) that the browser tests inject into each page. The tests need only Java
# and Maven, so the file is committed; run this with npm when moving to another axe-core version.
set -euo pipefail
version="${1:-4.11.0}"
target="$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/axe"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null && tar xzf "axe-core-$version.tgz")
cp "$work/package/axe.min.js" "$target/axe.min.js"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "axe-core $version" > "$target/VERSION"
echo "vendored axe-core $version into $target"
