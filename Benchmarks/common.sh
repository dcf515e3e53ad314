# Shared by the benchmark scripts: a release build, a scratch folder, and a ratio printer.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
need() { command -v "$1" >/dev/null || { echo "missing $1: apt-get install ${2:-$1}" >&2; exit 1; }; }
need hyperfine
# The binary `make` builds and installs: release, Swift runtime linked in (see docs/install.md).
swift build -c release --static-swift-stdlib --product tlscheck --scratch-path "$root/.build-static" \
  --package-path "$root" >/dev/null
TLSCHECK="$root/.build-static/release/tlscheck"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# mean wall seconds of a hyperfine JSON export
mean() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"; }
ratio() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f"{b/a:.1f}x")' "$1" "$2"; }
ms() { python3 -c 'import sys; print(f"{float(sys.argv[1])*1000:.1f} ms")' "$1"; }
