#!/bin/sh
# Refresh the vendored front-end assets in sqjz/static/vendor from the npm registry (npm pack; no CDN).
# Usage: sh scripts/vendor_assets.sh   (needs npm and access to the registry; run from the repository root)
set -eu
vendor=sqjz/static/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

unpack() { # package@version -> $tmp/<name>/package
    dir="$tmp/$(echo "$1" | cut -d@ -f1)"
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$1" >/dev/null && tar xzf ./*.tgz)
    echo "$dir/package"
}

p=$(unpack bootstrap@5.3.8)
mkdir -p "$vendor/bootstrap"
sed '/sourceMappingURL/d' "$p/dist/css/bootstrap.min.css" >"$vendor/bootstrap/bootstrap.min.css"
sed '/sourceMappingURL/d' "$p/dist/js/bootstrap.bundle.min.js" >"$vendor/bootstrap/bootstrap.bundle.min.js"
cp "$p/LICENSE" "$vendor/bootstrap/LICENSE"

p=$(unpack htmx.org@2.0.8)
mkdir -p "$vendor/htmx"
cp "$p/dist/htmx.min.js" "$p/LICENSE" "$vendor/htmx/"

p=$(unpack echarts@6.1.0)
mkdir -p "$vendor/echarts"
sed '/sourceMappingURL/d' "$p/dist/echarts.min.js" >"$vendor/echarts/echarts.min.js"
cp "$p/LICENSE" "$p/NOTICE" "$vendor/echarts/"
