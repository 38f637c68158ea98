#!/usr/bin/env bash
# Refresh the vendored front-end files under src/lvzhi/static/vendor/ from the npm registry.
# The app needs no Node.js at run time: this script is run by a maintainer, and its result
# (files, LICENSE, VERSION) is committed. Bump a version here, run `make vendor`, commit.
set -euo pipefail

BOOTSTRAP=5.3.9
BOOTSTRAP_ICONS=1.13.2
HTMX=2.0.11
ECHARTS=6.1.0

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/src/lvzhi/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() {  # fetch NAME VERSION -> unpacked into $work/NAME/package
    mkdir -p "$work/$1"
    (cd "$work/$1" && npm pack --silent "$1@$2" >/dev/null && tar xzf ./*.tgz)
}

install_files() {  # install_files NAME VERSION TARGET FILE...
    local name=$1 version=$2 target=$3
    shift 3
    rm -rf "${dest:?}/$target"
    mkdir -p "$dest/$target"
    for f in "$@"; do
        mkdir -p "$dest/$target/$(dirname "$f")"
        cp "$work/$name/package/$f" "$dest/$target/$f"
    done
    cp "$work/$name/package/LICENSE"* "$dest/$target/" 2>/dev/null || true
    echo "$name@$version" > "$dest/$target/VERSION"
}

fetch bootstrap "$BOOTSTRAP"
install_files bootstrap "$BOOTSTRAP" bootstrap \
    dist/css/bootstrap.min.css dist/js/bootstrap.bundle.min.js

fetch bootstrap-icons "$BOOTSTRAP_ICONS"
install_files bootstrap-icons "$BOOTSTRAP_ICONS" bootstrap-icons \
    font/bootstrap-icons.min.css font/fonts/bootstrap-icons.woff2 font/fonts/bootstrap-icons.woff

fetch htmx.org "$HTMX"
install_files htmx.org "$HTMX" htmx dist/htmx.min.js

fetch echarts "$ECHARTS"
install_files echarts "$ECHARTS" echarts dist/echarts.min.js

# Source-map comments name .map files that are not vendored; collectstatic's manifest
# storage would refuse them (MissingFileError), so drop the comments.
find "$dest" -name "*.min.js" -o -name "*.min.css" | while read -r f; do
    sed -i -E '/^\/[\/*]# sourceMappingURL=.*$/d' "$f"
done

echo "vendored into $dest:"
cat "$dest"/*/VERSION
