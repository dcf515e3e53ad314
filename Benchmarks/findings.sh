#!/usr/bin/env bash
# Memory per finding: peak resident memory of `tlscheck validate` over inputs that make many findings,
# in every output format. One 4.3 MB file of 400,000 unknown keys (past the cap of 100 per file and
# code: what is left is the parse tree), and 4,000 files of 100 unknown keys each (400,000 findings,
# all listed: memory per finding kept). Prints max RSS and wall time; docs/performance.md records a run.
# BASE=path/to/other/tlscheck also measures that binary, side by side (an older build).
source "$(dirname "$0")/common.sh"
need /usr/bin/time time

cd "$work"
python3 - <<'PY'
import os
with open("keys.yml", "w") as f:
    f.writelines(f"k{i}: 1\n" for i in range(400_000))
with open("tree.yml", "w") as f:  # the same tree, one finding
    f.write("x:\n")
    f.writelines(f"  k{i}: 1\n" for i in range(400_000))
os.mkdir("many")
for n in range(4000):
    with open(f"many/c{n:04d}.yml", "w") as f:
        f.writelines(f"k{i}: 1\n" for i in range(100))
os.mkdir("few")
for n in range(10):
    os.link(f"many/c{n:04d}.yml", f"few/c{n:04d}.yml")
PY

measure() {  # binary label args...
  local binary=$1 label=$2
  shift 2
  /usr/bin/time -f "%M %e" "$binary" validate --kind web-config --skip-files "$@" >/dev/null 2>time.txt || true
  read -r kb seconds < <(tail -1 time.txt)
  printf '%-44s %8.0f MB %7.2f s\n' "$label" "$((kb / 1024))" "$seconds"
}
for binary in "$TLSCHECK" ${BASE:+"$BASE"}; do
  echo "== $binary"
  measure "$binary" "10 files, 1,000 findings (baseline)" few
  measure "$binary" "one file, 400,000 keys, 1 finding (tree)" tree.yml
  measure "$binary" "one file, 400,000 unknown keys" keys.yml
  for format in text json sarif github; do
    measure "$binary" "4,000 files, 400,000 findings, $format" many --format "$format"
  done
done
