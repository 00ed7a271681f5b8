#!/usr/bin/env bash
# Runs every test of briefmap on this machine, installing first what a bare Debian/Ubuntu
# machine with only the Rust toolchain lacks: a Vulkan software renderer (Mesa lavapipe) for
# the rendered UI snapshots, the X11/keyboard libraries winit loads at run time, Xvfb for a
# real window, and the fonts. `.ci/run` calls this same script.
#
#   ./test.sh            fmt, clippy, the core's tests (no GUI crate built), then everything
#   ./test.sh --quick    the core's tests only
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

packages=(mesa-vulkan-drivers libvulkan1 libxkbcommon-x11-0 libx11-xcb1 libxcursor1 libxi6
  libxrandr2 libgl1 libegl1 xvfb xauth fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "test.sh: please install: ${missing[*]} (no apt-get here)" >&2
    exit 1
  fi
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "test.sh: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  $SUDO apt-get clean || true
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true

if [ "${1:-}" = "--quick" ]; then
  exec cargo test -p briefmap-core
fi

cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
# The core builds and tests alone, without any GUI crate: the wall between them holds.
if cargo tree -p briefmap-core -e normal,build,dev --prefix none | grep -qE '^(wgpu|egui|eframe|walkers|rfd|winit) '; then
  echo "test.sh: briefmap-core depends on a UI crate" >&2
  exit 1
fi
cargo test -p briefmap-core
cargo test --workspace
