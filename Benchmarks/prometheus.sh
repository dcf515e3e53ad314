#!/usr/bin/env bash
# tlscheck validate vs promtool check config (Debian package prometheus) on prometheus.yml files.
# promtool only stats the client certificate and key of each job; tlscheck reads and checks every
# certificate and key (CA bundle, chain, key match, usages, expiry), each shared file once.
# Prints wall times and ratios; docs/performance.md records a run.
source "$(dirname "$0")/common.sh"
need promtool prometheus
need openssl

cd "$work"
"$TLSCHECK" gen-self-signed --mtls --host localhost --out tls >/dev/null
{
  echo "global:"
  echo "  scrape_interval: 15s"
  echo "scrape_configs:"
} > small.yml
cat >> small.yml <<'YAML'
  - job_name: node
    scheme: https
    tls_config:
      ca_file: tls/ca.crt
      cert_file: tls/client.crt
      key_file: tls/client.key
      server_name: localhost
    static_configs:
      - targets: ["localhost:9100"]
YAML
cp small.yml big.yml
for i in $(seq 1 999); do
  cat >> big.yml <<YAML
  - job_name: node-$i
    scheme: https
    tls_config:
      ca_file: tls/ca.crt
      cert_file: tls/client.crt
      key_file: tls/client.key
      server_name: node-$i.example.org
    static_configs:
      - targets: ["node-$i.example.org:9100", "10.0.$((i / 250)).$((i % 250 + 1)):9100"]
YAML
done
# Both must pass the files, or the comparison means nothing.
"$TLSCHECK" validate small.yml big.yml >/dev/null
promtool check config small.yml >/dev/null 2>&1
promtool check config big.yml >/dev/null 2>&1

echo "== one small prometheus.yml (one mTLS job), files checked"
hyperfine -N --warmup 5 --runs 40 --export-json small-t.json "$TLSCHECK validate small.yml" >/dev/null
hyperfine -N --warmup 5 --runs 40 --export-json small-p.json "promtool check config small.yml" >/dev/null
t=$(mean small-t.json); p=$(mean small-p.json)
echo "tlscheck $(ms "$t")   promtool $(ms "$p")   tlscheck takes $(python3 -c "print(f'{$t/$p:.2f}')")x promtool's time"

echo "== 1,000 jobs, 2,000 targets, shared CA and client files"
hyperfine -N --warmup 2 --runs 10 --export-json big-t.json "$TLSCHECK validate big.yml" >/dev/null
hyperfine -N --warmup 2 --runs 10 --export-json big-p.json "promtool check config big.yml" >/dev/null
t=$(mean big-t.json); p=$(mean big-p.json)
echo "tlscheck $(ms "$t")   promtool $(ms "$p")   tlscheck takes $(python3 -c "print(f'{$t/$p:.2f}')")x promtool's time"
