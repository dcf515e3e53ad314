#!/usr/bin/env bash
# tlscheck expiry over 1,000 and 10,000 certificate files vs a shell loop of
# `openssl x509 -noout -enddate` over the same files; peak memory of both sizes; one core vs all.
# Prints wall times and ratios; docs/performance.md records a run.
# LOOP_10K=1 also times the openssl loop over 10,000 files (about 4 minutes).
source "$(dirname "$0")/common.sh"
need openssl
need /usr/bin/time time
need taskset util-linux

cd "$work"
printf '[req]\ndistinguished_name = dn\n[dn]\n' > min.cnf
openssl req -x509 -config min.cnf -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt \
  -subj "/CN=Bench CA" -days 3650 -addext basicConstraints=critical,CA:TRUE 2>/dev/null
# 10,000 distinct P-256 certificates (one key, distinct serials and signatures, so no two files hold
# the same bytes and nothing is parsed twice), valid 8 to 400 days in 50 steps, signed in 50 runs
# of `openssl ca` rather than one process each. Every 50th file is a leaf + CA bundle, as in
# reference/certificates.md §4.2 (1,000 files, 1,020 certificates).
openssl req -new -config min.cnf -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key \
  -out leaf.csr -subj "/CN=host.example" 2>/dev/null
cat > ca.cnf <<'CNF'
[ca]
default_ca = bench
[bench]
database = index.txt
serial = serial
new_certs_dir = .
certificate = ca.crt
private_key = ca.key
default_md = sha256
policy = anything
unique_subject = no
x509_extensions = leaf
[anything]
commonName = supplied
[leaf]
subjectAltName = DNS:host.example
CNF
touch index.txt
echo 1000 > serial
csrs=$(for _ in $(seq 200); do printf 'leaf.csr '; done)
for i in $(seq 1 50); do
  mkdir -p "distinct/$i"
  # shellcheck disable=SC2086  # one argument per CSR
  openssl ca -batch -notext -config ca.cnf -days $((i * 8)) -outdir "distinct/$i" -infiles $csrs >/dev/null 2>&1
done
mapfile -t all < <(ls distinct/*/*.pem)
make_set() { # folder count: count distinct certificates, spread over the 50 validity steps
  mkdir -p "$1"
  for i in $(seq 1 "$2"); do
    src=${all[$(( ((i - 1) % 50) * 200 + (i - 1) / 50 ))]}
    if (( i % 50 == 0 )); then cat "$src" ca.crt > "$1/cert-$i.pem"; else cp "$src" "$1/cert-$i.pem"; fi
  done
}
make_set set1k 1000
make_set set10k 10000
loop='for f in DIR/*.pem; do openssl x509 -noout -enddate -in "$f"; done >/dev/null'

echo "== 1,000 files: one tlscheck run vs a loop of openssl x509 -noout -enddate"
hyperfine -N -i --warmup 2 --runs 10 --export-json t1k.json "$TLSCHECK expiry set1k" >/dev/null
hyperfine -i --warmup 0 --runs 2 --export-json o1k.json "${loop//DIR/set1k}" >/dev/null
t=$(mean t1k.json); o=$(mean o1k.json)
echo "tlscheck $(ms "$t")   openssl loop $(ms "$o")   tlscheck is $(ratio "$t" "$o") faster"

echo "== 10,000 files"
hyperfine -N -i --warmup 1 --runs 5 --export-json t10k.json "$TLSCHECK expiry set10k" >/dev/null
t=$(mean t10k.json)
if [ "${LOOP_10K:-0}" = 1 ]; then
  hyperfine -i --runs 1 --export-json o10k.json "${loop//DIR/set10k}" >/dev/null
  o=$(mean o10k.json)
  echo "tlscheck $(ms "$t")   openssl loop $(ms "$o")   tlscheck is $(ratio "$t" "$o") faster"
else
  echo "tlscheck $(ms "$t")   (openssl loop skipped; LOOP_10K=1 runs it)"
fi

echo "== one core (taskset -c 0) vs all cores, 10,000 files"
hyperfine -N -i --warmup 1 --runs 5 --export-json one-core.json "taskset -c 0 $TLSCHECK expiry set10k" >/dev/null
c=$(mean one-core.json)
echo "one core $(ms "$c")   all cores ($(nproc)) $(ms "$t")   speed-up $(ratio "$t" "$c")"

echo "== peak memory (max RSS)"
for set in set1k set10k; do
  for format in text json prometheus; do
    rss=$( { /usr/bin/time -v "$TLSCHECK" expiry --format "$format" "$set" >/dev/null || true; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
    echo "$set --format $format: ${rss} KB"
  done
done
rss=$( { /usr/bin/time -v openssl x509 -noout -enddate -in set1k/cert-1.pem >/dev/null; } 2>&1 | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}')
echo "one openssl x509 process: ${rss} KB"
