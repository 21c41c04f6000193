#!/usr/bin/env bash
# fuzz/build.sh -- builds dyad's libFuzzer targets into build/fuzz/ (see fuzz/README.md).
# Needs clang and its sanitizer/libFuzzer runtime (Debian: clang, libclang-rt-14-dev: scripts/deps.sh --test).
set -eu
cd "$(dirname "$0")/.."
command -v "${CLANG:-clang}" >/dev/null || { echo "fuzz/build.sh: ${CLANG:-clang} not found (scripts/deps.sh --test)" >&2; exit 1; }
make -s all  # the generated sources (build/gen/) and a library that builds
make -s -f fuzz/Makefile -j"${JOBS:-$(nproc)}" "$@"
