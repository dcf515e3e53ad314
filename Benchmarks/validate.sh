#!/usr/bin/env bash
# tlscheck validate vs promtool check web-config (Debian package prometheus), side by side.
# Prints wall times and ratios; docs/performance.md records a run.
source "$(dirname "$0")/common.sh"
need promtool prometheus
need openssl

cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.crt \
  -days 30 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
cat > web.yml <<'YAML'
tls_server_config:
  cert_file: server.crt
  key_file: server.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: server.crt
basic_auth_users:
  alice: $2y$10$mDwo.lAisC94iLAyP81MCesa29IzH37oigHC/42V2pdJlUprsJPze
YAML
mkdir many
for i in $(seq 1 200); do cp web.yml "many/web-$i.yml"; done
cp server.crt server.key many/

echo "== one web-config with certificate and key checks"
hyperfine -N --warmup 5 --runs 50 --export-json one-t.json "$TLSCHECK validate web.yml" >/dev/null
hyperfine -N --warmup 5 --runs 50 --export-json one-p.json "promtool check web-config web.yml" >/dev/null
t=$(mean one-t.json); p=$(mean one-p.json)
echo "tlscheck $(ms "$t")   promtool $(ms "$p")   tlscheck is $(ratio "$t" "$p") faster"

echo "== 200 web-configs: one tlscheck run vs 200 promtool runs"
hyperfine -N --warmup 2 --runs 10 --export-json many-t.json "$TLSCHECK validate $(echo many/web-*.yml)" >/dev/null
hyperfine --warmup 1 --runs 3 --export-json many-p.json 'for f in many/web-*.yml; do promtool check web-config "$f" 2>/dev/null; done' >/dev/null
t=$(mean many-t.json); p=$(mean many-p.json)
echo "tlscheck $(ms "$t")   promtool loop $(ms "$p")   tlscheck is $(ratio "$t" "$p") faster"

echo "== 200 web-configs, each with its own certificate and key (no sharing to exploit)"
mkdir distinct
for i in $(seq 1 200); do
  mkdir "distinct/$i"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "distinct/$i/server.key" \
    -out "distinct/$i/server.crt" -days 30 -subj "/CN=host$i" -addext "subjectAltName=DNS:host$i" 2>/dev/null
  cp web.yml "distinct/$i/web.yml"
done
hyperfine -N --warmup 2 --runs 10 --export-json distinct-t.json "$TLSCHECK validate $(echo distinct/*/web.yml)" >/dev/null
hyperfine --warmup 1 --runs 3 --export-json distinct-p.json 'for f in distinct/*/web.yml; do promtool check web-config "$f" 2>/dev/null; done' >/dev/null
t=$(mean distinct-t.json); p=$(mean distinct-p.json)
echo "tlscheck $(ms "$t")   promtool loop $(ms "$p")   tlscheck is $(ratio "$t" "$p") faster"

echo "== start-up: tlscheck --help vs openssl version"
hyperfine -N --warmup 5 --runs 50 --export-json help-t.json "$TLSCHECK --help" >/dev/null
hyperfine -N --warmup 5 --runs 50 --export-json help-o.json "openssl version" >/dev/null
t=$(mean help-t.json); o=$(mean help-o.json)
echo "tlscheck --help $(ms "$t")   openssl version $(ms "$o")   ratio $(python3 -c "print(f'{$t/$o:.1f}x')") of openssl"
