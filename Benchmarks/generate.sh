#!/usr/bin/env bash
# Certificate generation: tlscheck against openssl commands and mkcert (Debian packages openssl,
# mkcert), side by side. Prints median wall times and ratios; docs/performance.md records a run.
source "$(dirname "$0")/common.sh"
need openssl
need mkcert

# The machine is shared: medians, not means, on both sides.
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
cd "$work"
printf '[req]\ndistinguished_name = dn\n[dn]\n' > min.cnf

# The same three certificates tlscheck's mTLS bundle holds (CA, server, client; P-256), made the way
# an SRE would with openssl 3: one `req -x509` per certificate, every extension spelled out.
cat > openssl-bundle.sh <<'SH'
set -e
ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -config min.cnf"
openssl req -x509 $ec -keyout ob/ca.key -out ob/ca.crt -days 3650 -subj "/O=bench/CN=bench CA" \
  -addext basicConstraints=critical,CA:TRUE,pathlen:0 -addext keyUsage=critical,keyCertSign,cRLSign \
  -addext subjectKeyIdentifier=hash 2>/dev/null
openssl req -x509 $ec -CA ob/ca.crt -CAkey ob/ca.key -keyout ob/server.key -out ob/server.crt -days 365 \
  -subj "/O=bench/CN=localhost" -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
  -addext basicConstraints=critical,CA:FALSE -addext keyUsage=critical,digitalSignature \
  -addext extendedKeyUsage=serverAuth -addext subjectKeyIdentifier=hash \
  -addext authorityKeyIdentifier=keyid:always 2>/dev/null
openssl req -x509 $ec -CA ob/ca.crt -CAkey ob/ca.key -keyout ob/client.key -out ob/client.crt -days 365 \
  -subj "/O=bench/CN=prometheus" -addext subjectAltName=DNS:prometheus \
  -addext basicConstraints=critical,CA:FALSE -addext keyUsage=critical,digitalSignature \
  -addext extendedKeyUsage=clientAuth -addext subjectKeyIdentifier=hash \
  -addext authorityKeyIdentifier=keyid:always 2>/dev/null
SH
# The same three certificates the way most guides make them: a key, a CSR and a signature per
# certificate, extensions in extfiles (eight openssl processes). Shown for context; the target is
# measured against the faster form above.
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n' > server.ext
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectAltName=DNS:prometheus\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n' > client.ext
cat > openssl-guide.sh <<'SH'
set -e
openssl ecparam -genkey -name prime256v1 -noout -out og/ca.key
openssl req -x509 -new -key og/ca.key -config min.cnf -days 3650 -subj "/O=bench/CN=bench CA" -out og/ca.crt \
  -addext basicConstraints=critical,CA:TRUE,pathlen:0 -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
for leaf in server client; do
  openssl ecparam -genkey -name prime256v1 -noout -out "og/$leaf.key"
  openssl req -new -key "og/$leaf.key" -config min.cnf -subj "/O=bench/CN=$leaf" -out "og/$leaf.csr"
  openssl x509 -req -in "og/$leaf.csr" -CA og/ca.crt -CAkey og/ca.key -CAcreateserial -days 365 \
    -extfile "$leaf.ext" -out "og/$leaf.crt" 2>/dev/null
done
SH
cat > tlscheck-ca-leaf.sh <<SH
set -e
"$TLSCHECK" gen-ca --out tc >/dev/null
"$TLSCHECK" gen-cert --ca tc/ca.crt --ca-key tc/ca.key --host localhost --host 127.0.0.1 --out tc >/dev/null
SH
cat > mkcert-ca-leaf.sh <<'SH'
set -e
CAROOT="$PWD/caroot" mkcert -ecdsa -cert-file mk/leaf.crt -key-file mk/leaf.key localhost 127.0.0.1 2>/dev/null
SH
mkdir -p mk
# bash alone, to read the script-driven figures fairly
hyperfine -N --warmup 5 --runs 40 --export-json bash.json "bash -c true" >/dev/null
b=$(median bash.json)

echo "== mTLS bundle (CA, server, client; P-256): one tlscheck run vs three openssl commands"
hyperfine -N --warmup 3 --runs 40 --prepare "rm -rf $work/tb" --export-json bundle-t.json \
  "$TLSCHECK gen-self-signed --mtls --out $work/tb" >/dev/null
hyperfine --warmup 3 --runs 40 --prepare "rm -rf $work/ob; mkdir $work/ob" --export-json bundle-o.json \
  "bash openssl-bundle.sh" >/dev/null
t=$(median bundle-t.json); o=$(median bundle-o.json)
echo "tlscheck $(ms "$t") (also writes 4 config files)   openssl x3 $(ms "$o")   tlscheck is $(ratio "$t" "$o") faster"
hyperfine --warmup 3 --runs 40 --prepare "rm -rf $work/og; mkdir $work/og" --export-json bundle-g.json \
  "bash openssl-guide.sh" >/dev/null
g=$(median bundle-g.json)
echo "   the guides' recipe (key, CSR, signature; 8 openssl runs) $(ms "$g")   tlscheck is $(ratio "$t" "$g") faster"

echo "== CA + one leaf (P-256): tlscheck gen-ca + gen-cert vs mkcert -ecdsa with a fresh CAROOT"
hyperfine --warmup 3 --runs 40 --prepare "rm -rf $work/tc" --export-json ca-t.json "bash tlscheck-ca-leaf.sh" >/dev/null
hyperfine --warmup 3 --runs 40 --prepare "rm -rf $work/caroot $work/mk/*" --export-json ca-m.json "bash mkcert-ca-leaf.sh" >/dev/null
t=$(median ca-t.json); m=$(median ca-m.json)
echo "tlscheck x2 $(ms "$t")   mkcert $(ms "$m")   tlscheck is $(ratio "$t" "$m") faster   (bash start-up $(ms "$b") in both)"
tb=$(median bundle-t.json)
echo "one process: tlscheck gen-self-signed --mtls (CA + 2 leaves + configs) $(ms "$tb")   mkcert (CA + 1 leaf) $(ms "$m")   tlscheck is $(ratio "$tb" "$m") faster"

echo "== one self-signed certificate (P-256): tlscheck vs openssl req -x509"
hyperfine -N --warmup 3 --runs 40 --prepare "rm -rf $work/ts" --export-json ss-t.json \
  "$TLSCHECK gen-self-signed --out $work/ts" >/dev/null
hyperfine -N --warmup 3 --runs 40 --export-json ss-o.json \
  "openssl req -x509 -config $work/min.cnf -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout $work/s.key -out $work/s.crt -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null
t=$(median ss-t.json); o=$(median ss-o.json)
echo "tlscheck $(ms "$t")   openssl $(ms "$o")   ratio $(ratio "$t" "$o")"

echo "== start-up: tlscheck --version vs openssl version"
hyperfine -N --warmup 5 --runs 40 --export-json v-t.json "$TLSCHECK --version" >/dev/null
hyperfine -N --warmup 5 --runs 40 --export-json v-o.json "openssl version" >/dev/null
echo "tlscheck $(ms "$(median v-t.json)")   openssl $(ms "$(median v-o.json)")"

echo "== RSA-2048 mTLS bundle (key generation dominates; wide run-to-run spread)"
hyperfine -N --warmup 1 --runs 10 --prepare "rm -rf $work/tr" --export-json rsa-t.json \
  "$TLSCHECK gen-self-signed --mtls --key-type rsa2048 --out $work/tr" >/dev/null
echo "tlscheck $(ms "$(median rsa-t.json)")"
