#!/usr/bin/env bash
# Benchmark of `tlscheck probe` against the anchors, on loopback (docs/performance.md, ## Probe).
# Not a test: prints times and ratios. Needs nginx, openssl; uses sslscan and sslyze when present.
#
#   Benchmarks/probe.sh            # build release, run everything
#   PORTS=100 REPEAT=1000 RUNS=3 Benchmarks/probe.sh
#   BASELINE=old/tlscheck Benchmarks/probe.sh   # also time another build, side by side ("before")
#   NOBUILD=1 ...                  # use .build-static/release/tlscheck as it is
#
# nginx serves an RSA-2048 leaf + private intermediate on PORTS loopback ports (TLS 1.2 and 1.3).
#  1. PORTS endpoints, verified: a shell loop of `openssl s_client -verify_return_error` vs tlscheck.
#  2. sslscan (and sslyze) over the same list, with their extra work switched off where they can.
#  3. One endpoint REPEAT times: `openssl s_time -new` (the machine's handshake ceiling) vs tlscheck.
#  4. Resident memory for 10,000 targets at concurrency 256 (/usr/bin/time -v).
set -euo pipefail
cd "$(dirname "$0")/.."
PORTS=${PORTS:-100}
REPEAT=${REPEAT:-1000}
MANY=${MANY:-10000}

command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "needs nginx (apt-get install nginx-light)"; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ -z "${NOBUILD:-}" ]; then
  echo "building tlscheck (release, Swift runtime linked in: what make installs)…"
  swift build -c release --static-swift-stdlib --product tlscheck --scratch-path .build-static >/dev/null
fi
TLSCHECK=$PWD/.build-static/release/tlscheck
BASELINE=${BASELINE:+$(realpath "$BASELINE")}

work=$(mktemp -d /tmp/tlscheck-bench.XXXXXX)
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  sleep 0.3
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

# PKI: root -> intermediate -> RSA-2048 leaf for localhost / 127.0.0.1.
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -subj "/CN=Bench Root" -days 30 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout inter.key -out inter.csr -subj "/CN=Bench Intermediate" 2>/dev/null
printf "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n" > ca.ext
openssl x509 -req -in inter.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out inter.pem -days 30 -extfile ca.ext 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=localhost" 2>/dev/null
printf "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n" > leaf.ext
openssl x509 -req -in leaf.csr -CA inter.pem -CAkey inter.key -CAcreateserial -out leaf.pem -days 20 -extfile leaf.ext 2>/dev/null
cat leaf.pem inter.pem > chain.pem

# PORTS free consecutive ports.
base=$((20000 + RANDOM % 30000))
while ss -ltn | awk '{print $4}' | grep -qE ":($(seq -s '|' $base $((base + PORTS - 1))))$"; do base=$((base + PORTS)); done
{
  echo "daemon on; worker_processes 2; pid $work/nginx.pid; error_log $work/error.log;"
  echo "worker_rlimit_nofile 8192; events { worker_connections 4096; }"
  echo "http { access_log off; client_body_temp_path $work/tmp;"
  echo "  ssl_certificate $work/chain.pem; ssl_certificate_key $work/leaf.key; ssl_protocols TLSv1.2 TLSv1.3;"
  for ((i = 0; i < PORTS; i++)); do echo "  server { listen 127.0.0.1:$((base + i)) ssl; return 200 ok; }"; done
  echo "}"
} > nginx.conf
ulimit -n 8192 2>/dev/null || true
"$NGINX" -p "$work" -c "$work/nginx.conf" -e "$work/error.log"
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$((base + PORTS - 1))) 2>/dev/null && break; sleep 0.1; done

for ((i = 0; i < PORTS; i++)); do echo "localhost:$((base + i))"; done > fleet.txt
for ((i = 0; i < REPEAT; i++)); do echo "127.0.0.1:$base"; done > one.txt
for ((i = 0; i < MANY; i++)); do echo "127.0.0.1:$((base + i % PORTS))"; done > many.txt

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc -l | xargs printf "%.3f"; }
ratio() { echo "$1 / $2" | bc -l | xargs printf "%.1f"; }
echo
echo "machine: $(nproc) cores; $(openssl version); $("$TLSCHECK" --version | head -1)"
echo

# The machine is shared: every timed command runs RUNS times and the best run counts, for both sides.
RUNS=${RUNS:-3}
best() {  # best wall seconds of RUNS runs of "$@"
  local best="" t0 t1 d
  for _ in $(seq "$RUNS"); do
    t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
    d=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$d < $best" | bc -l)" = 1 ]; then best=$d; fi
  done
  printf "%.3f" "$best"
}
s_client_loop() {
  while read -r target; do
    openssl s_client -connect "$target" -servername localhost -CAfile ca.pem -verify_return_error \
      -verify_hostname localhost </dev/null >/dev/null 2>&1 || echo "s_client failed: $target" >&2
  done < fleet.txt
}

# 1. Fleet, verified.
"$TLSCHECK" probe --targets fleet.txt --ca-file ca.pem --format json > fleet.jsonl || echo "tlscheck: some probes failed"
ok=$(grep -c '"success":true' fleet.jsonl || true)
loop=$(best s_client_loop)
ours=$(best "$TLSCHECK" probe --targets fleet.txt --ca-file ca.pem --format json)
echo "1. $PORTS endpoints, verified (best of $RUNS):  s_client loop ${loop}s   tlscheck ${ours}s ($ok ok)   tlscheck is $(ratio "$loop" "$ours")x faster"
if [ -n "$BASELINE" ]; then
  before=$(best "$BASELINE" probe --targets fleet.txt --ca-file ca.pem --format json)
  echo "   baseline ${before}s: this build takes $(ratio "$ours" "$before")x the baseline's time"
fi

# 2. sslscan / sslyze over the same list.
if command -v sslscan >/dev/null; then
  t0=$(now)
  sslscan --targets=fleet.txt --no-ciphersuites --no-groups --no-renegotiation --no-compression --no-heartbleed \
    --no-fallback --no-check-certificate >/dev/null 2>&1 || true
  t1=$(now)
  fast=$(seconds "$t0" "$t1")
  t0=$(now); sslscan --targets=fleet.txt >/dev/null 2>&1 || true; t1=$(now)
  full=$(seconds "$t0" "$t1")
  echo "2. sslscan $PORTS endpoints: ${fast}s with ciphers/groups/checks off ($(ratio "$fast" "$ours")x tlscheck's time), ${full}s default ($(ratio "$full" "$ours")x)"
else
  echo "2. sslscan not installed (apt-get install sslscan)"
fi
if python3 -c "import sslyze" 2>/dev/null; then
  t0=$(now); python3 -m sslyze --certinfo --certinfo_ca_file ca.pem --targets_in fleet.txt >/dev/null 2>&1 || true; t1=$(now)
  echo "   sslyze --certinfo: $(seconds "$t0" "$t1")s"
else
  echo "   sslyze not installed (pip install sslyze): not run"
fi

# 3. One endpoint, REPEAT handshakes, against openssl s_time -new (sequential, no verification).
stime=$(openssl s_time -connect "127.0.0.1:$base" -new -time 10 2>/dev/null | awk '/connections in .* real seconds/ {print $1 / $4; exit}')
for c in 1 4 64; do
  took=$(best "$TLSCHECK" probe --targets one.txt --ca-file ca.pem --servername localhost --concurrency $c --format json)
  rate=$(echo "$REPEAT / $took" | bc -l | xargs printf "%.0f")
  echo "3. one endpoint x$REPEAT, concurrency $c: tlscheck $rate handshakes/s, s_time -new $(printf %.0f "$stime")/s: $(echo "100 * $rate / $stime" | bc -l | xargs printf "%.0f")% of s_time"
  if [ -n "$BASELINE" ]; then
    took=$(best "$BASELINE" probe --targets one.txt --ca-file ca.pem --servername localhost --concurrency $c --format json)
    echo "   baseline $(echo "$REPEAT / $took" | bc -l | xargs printf "%.0f") handshakes/s"
  fi
done

# 4. Memory for MANY targets at concurrency 256.
/usr/bin/time -v "$TLSCHECK" probe --targets many.txt --ca-file ca.pem --servername localhost --concurrency 256 --format json \
  > many.jsonl 2> time.txt || true
rss=$(awk -F: '/Maximum resident set size/ {print $2}' time.txt | tr -d ' ')
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' time.txt)
ok=$(grep -c '"success":true' many.jsonl || true)
echo "4. $MANY targets, concurrency 256: max RSS $((rss / 1024)) MB, wall $wall, $ok ok"
if [ -n "$BASELINE" ]; then
  /usr/bin/time -v "$BASELINE" probe --targets many.txt --ca-file ca.pem --servername localhost --concurrency 256 --format json \
    > many.jsonl 2> time.txt || true
  rss=$(awk -F: '/Maximum resident set size/ {print $2}' time.txt | tr -d ' ')
  echo "   baseline: max RSS $((rss / 1024)) MB, wall $(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' time.txt), $(grep -c '"success":true' many.jsonl || true) ok"
fi

# 5. Instructions for one verified probe (callgrind), when valgrind is installed.
if command -v valgrind >/dev/null; then
  for binary in "$TLSCHECK" ${BASELINE:+"$BASELINE"}; do
    valgrind --tool=callgrind --callgrind-out-file=callgrind.out "$binary" probe "localhost:$base" --ca-file ca.pem --format json \
      >/dev/null 2> callgrind.txt || true
    echo "5. one probe under callgrind ($([ "$binary" = "$TLSCHECK" ] && echo this build || echo baseline)): $(awk '/Collected/ {print $4}' callgrind.txt) instructions"
  done
fi
