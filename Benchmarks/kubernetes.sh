#!/usr/bin/env bash
# tlscheck validate on a Kubernetes manifest set — 100 exporter stacks with mTLS as
# `gen-self-signed --mtls` writes them (a TLS Secret, a web-config Secret, the scraper's client Secret,
# a Deployment, a Service, a ServiceMonitor: 600 objects, 400 distinct certificates), every mount,
# web-config, certificate and scraper-exporter link checked — beside PyYAML's C loader only loading
# the same file and checkov's Kubernetes scan of it, in one hyperfine run; then the set ten times
# over (6,000 objects), and the peak memory of each.
# Targets (issue 13): at most 3x PyYAML's load, at least 20x faster than checkov, under 100 MB, ten
# times the objects in at most twelve times the time.
# Needs: apt-get install hyperfine python3-yaml time; pip install checkov (CHECKOV=path overrides).
source "$(dirname "$0")/common.sh"
need /usr/bin/time time
python3 -c 'import yaml; yaml.CLoader' 2>/dev/null || { echo "missing PyYAML with libyaml: apt-get install python3-yaml" >&2; exit 1; }
CHECKOV=${CHECKOV:-checkov}
need "$CHECKOV" "checkov (pip install checkov)"

cd "$work"
# stacks COUNT FILE: COUNT generated setups, distinct names and certificates, in one stream.
stacks() {
  : > "$2"
  for i in $(seq -w 1 "$1"); do
    "$TLSCHECK" gen-self-signed --mtls --host "exporter-$i.bench.svc" --k8s-name "exporter-$i" --out "gen/$i" >/dev/null
    { cat "gen/$i/kubernetes-secrets.yaml"; echo "---"; cat "gen/$i/kubernetes-exporter.yaml"; echo "---"; } >> "$2"
    rm -r "gen/$i"
  done
}
stacks 100 set600.yaml
stacks 1000 set6000.yaml
objects() { grep -c '^kind: ' "$1"; }
echo "set600.yaml: $(objects set600.yaml) objects, $(du -k set600.yaml | cut -f1) KB; set6000.yaml: $(objects set6000.yaml) objects, $(du -k set6000.yaml | cut -f1) KB"
# Both files must be clean, or the time is not that of a full cross-check that passes.
"$TLSCHECK" validate --fail-on info set600.yaml set6000.yaml

pyyaml='python3 -c "import sys, yaml; list(yaml.load_all(open(sys.argv[1]), Loader=yaml.CLoader))"'
checkov="$CHECKOV --framework kubernetes --quiet --compact -f"

echo "== 600 objects: tlscheck, PyYAML's C loader (load only), checkov (one hyperfine run)"
hyperfine -i --warmup 1 --runs "${RUNS:-5}" --export-json k600.json \
  "$TLSCHECK validate set600.yaml" "$pyyaml set600.yaml" "$checkov set600.yaml" >/dev/null
read -r t p c < <(python3 -c 'import json; r=json.load(open("k600.json"))["results"]; print(*[x["mean"] for x in r])')
echo "tlscheck $(ms "$t")   PyYAML load $(ms "$p")   checkov $(ms "$c")"
echo "tlscheck takes $(python3 -c "print(f'{$t/$p:.2f}')")x PyYAML's load (target <= 3x); checkov takes $(ratio "$t" "$c") tlscheck's time (target >= 20x)"

echo "== 6,000 objects"
hyperfine -i --warmup 1 --runs "${RUNS:-5}" --export-json k6000.json "$TLSCHECK validate set6000.yaml" "$pyyaml set6000.yaml" >/dev/null
read -r t10 p10 < <(python3 -c 'import json; r=json.load(open("k6000.json"))["results"]; print(*[x["mean"] for x in r])')
echo "tlscheck $(ms "$t10")   PyYAML load $(ms "$p10")   tlscheck takes $(python3 -c "print(f'{$t10/$p10:.2f}')")x PyYAML's load"
echo "ten times the objects: $(python3 -c "print(f'{$t10/$t:.1f}')")x the time (target <= 12x)"

echo "== peak memory (max RSS)"
rss() { /usr/bin/time -f %M -o rss.txt "$@" >/dev/null 2>&1 || true; tail -1 rss.txt; }
for set in set600.yaml set6000.yaml; do
  echo "$set: tlscheck $(( $(rss "$TLSCHECK" validate "$set") / 1024 )) MB"
done
echo "set600.yaml: checkov $(( $(rss $checkov set600.yaml) / 1024 )) MB"
