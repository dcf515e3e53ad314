#!/usr/bin/env bash
# tlscheck expiry over 1,000 and 10,000 certificate files vs a shell loop of
# `openssl x509 -noout -enddate` over the same files; peak memory of both sizes; one core vs all.
# Prints wall times and ratios; docs/performance.md records a run.
# LOOP_10K=1 also times the openssl loop over 10,000 files (about 4 minutes).
# Then `inspect` (a folder of 300 leaves, a bundle of 5,000 copies of one certificate) and a Secret
# list. BASELINE=path/to/another/tlscheck times that binary on the same inputs, side by side (to show
# that a change is no slower).
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

# tlscheck (and BASELINE) on the same command line; ratio baseline/current when there is a baseline.
side_by_side() { # label runs command-arguments...
  local label=$1 runs=$2
  shift 2
  if [ -n "${BASELINE:-}" ]; then
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json side.json "$BASELINE $*" "$TLSCHECK $*" >/dev/null
    python3 -c 'import json,sys; r=json.load(open("side.json"))["results"]; b,a=r[0]["mean"],r[1]["mean"]; print(f"{sys.argv[1]}: baseline {b*1000:.1f} ms, this build {a*1000:.1f} ms ({b/a:.2f}x)")' "$label"
  else
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json side.json "$TLSCHECK $*" >/dev/null
    echo "$label: $(ms "$(mean side.json)")"
  fi
}

if [ -n "${BASELINE:-}" ]; then
  echo "== expiry beside BASELINE"
  side_by_side "expiry, 1,000 files" 10 expiry set1k
  side_by_side "expiry, 10,000 files" 5 expiry set10k
fi

echo "== inspect and Secret lists"
mkdir -p leaves300
for i in $(seq 1 300); do cp "${all[$(( (i - 1) * 33 ))]}" "leaves300/leaf-$i.crt"; done
cp ca.crt leaves300/ca.crt
openssl req -x509 -config min.cnf -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout self.key -out self.crt \
  -subj "/CN=self.example" -days 365 -addext subjectAltName=DNS:self.example 2>/dev/null
for _ in $(seq 5000); do cat self.crt; done > copies.pem
python3 - <<'PY'
import base64
crt = base64.b64encode(open("self.crt", "rb").read()).decode()
key = base64.b64encode(open("self.key", "rb").read()).decode()
with open("secrets.yaml", "w") as f:
    f.write("apiVersion: v1\nitems:\n")
    for i in range(2000):
        f.write(f"- apiVersion: v1\n  kind: Secret\n  metadata: {{name: exporter-tls, namespace: ns{i}}}\n"
                f"  data:\n    tls.crt: {crt}\n    tls.key: {key}\n")
    f.write("kind: List\nmetadata: {}\n")
PY
side_by_side "inspect, a folder of 300 leaves and their CA" 10 inspect leaves300
side_by_side "inspect, 5,000 copies of one self-signed P-256 certificate" 5 inspect copies.pem
side_by_side "expiry, a list of 2,000 Secrets (2.8 MB)" 5 expiry secrets.yaml

