#compdef tlscheck

__tlscheck_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__tlscheck_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __tlscheck_complete "${completions[@]:0:-1}"
    fi
}

__tlscheck_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_tlscheck() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'validate:Check web-configs, prometheus.yml, monitors, Kubernetes manifests, Collector and Tempo configs, OTLP environment and flags.'
            'probe:Handshake with TLS endpoints and say, in plain words, why a client would fail.'
            'inspect:Show what certificates and keys really are: names, dates, keys, usages, chain, key match.'
            'expiry:List when certificates expire, soonest first; fail in time; export Prometheus metrics.'
            'gen-self-signed:Make a self-signed server certificate, or with --mtls a CA, server and client certificates and their configs.'
            'gen-ca:Make a private CA (ca.crt, ca.key), or an intermediate CA signed by another.'
            'gen-cert:Make a server or client certificate signed by a CA.'
            'checks:List every finding code, or explain one.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        validate|probe|inspect|expiry|gen-self-signed|gen-ca|gen-cert|checks|help)
            "_tlscheck_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tlscheck_validate() {
    local -i ret=1
    local -ar ___kind=('web-config' 'collector' 'tempo' 'otlp-exporter' 'otlphttp-exporter' 'otlp-receiver' 'collector-component' 'kubernetes' 'prometheus' 'prometheus-jobs')
    local -ar ___format=('text' 'json' 'sarif' 'github')
    local -ar ___fail_on=('info' 'warning' 'error')
    local -ar arg_specs=(
        '*:path:_files -g '\''*.yaml *.yml'\'''
        '--kind[Kind of every file instead of detecting it from its content.]:kind:{__tlscheck_complete "${___kind[@]}"}'
        '--toolkit-version[exporter-toolkit version the config is for\: 0.8 (Debian bookworm), 0.11, 0.14, 0.15, latest.]:toolkit-version:'
        '--skip-files[Do not open the certificate, key and CA files configs name (schema and rules only, like otelcol validate).]'
        '--env[Check this process'\''s OTEL_EXPORTER_OTLP_* environment variables.]'
        '*--env-file[Check OTEL_EXPORTER_OTLP_* variables in a KEY=VALUE file.]:file:_files'
        '--otlp-address[Parca'\''s --otlp-address (host\:port) to check.]:host\:port:'
        '--otlp-insecure[Parca'\''s --otlp-insecure (default true\: plaintext).]:bool:'
        '--otlp-exporter[Parca'\''s --otlp-exporter\: grpc (default), http or stdout.]:otlp-exporter:'
        '--otlp-ca-file[CA for the OTLP backend (Parca reads it from OTEL_EXPORTER_OTLP_CERTIFICATE).]:file:_files'
        '--connect[After the static checks, connect to each client endpoint and static scrape target with its configured TLS settings.]'
        '--timeout[Deadline for each --connect probe\: 2, 2s, 500ms.]:timeout:'
        '--example[Check a built-in example web-config with several mistakes (no files needed).]'
        '--example-kubernetes[Check a built-in example Kubernetes deployment whose connections are broken (no files needed).]'
        '--format[Output format\: text, json, sarif or github.]:format:{__tlscheck_complete "${___format[@]}"}'
        '--fail-on[Exit 1 when a finding is at or above this severity\: error, warning or info.]:fail-on:{__tlscheck_complete "${___fail_on[@]}"}'
        '--quiet[Print only findings, no summary line.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tlscheck_probe() {
    local -i ret=1
    local -ar ___starttls=('postgres')
    local -ar ___format=('text' 'json' 'prometheus')
    local -ar ___fail_on=('info' 'warning' 'error')
    local -ar arg_specs=(
        '*:target:'
        '--targets[File of targets, one per line, # comments; - for standard input.]:file:_files'
        '--concurrency[Probes in flight at once (capped at what the open-file limit allows, with a note).]:concurrency:'
        '--timeout[Deadline per probe, covering DNS, connect, STARTTLS, handshake and the read after it\: 2, 2s, 500ms.]:timeout:'
        '--versions[Also try TLS 1.0, 1.1, 1.2 and 1.3 one by one and report which the server accepts.]'
        '--servername[Name to send as SNI and check the certificate against (default\: the target'\''s host).]:servername:'
        '--ca-file[PEM bundle of CAs to trust instead of the system store.]:ca-file:_files'
        '--ca-dir[Folder of hashed CA certificates (openssl rehash) to trust instead of the system store.]:ca-dir:_files -/'
        '--cert[Client certificate (PEM) for servers that require mTLS.]:cert:_files'
        '--key[Private key (PEM, unencrypted) of --cert.]:key:_files'
        '--insecure[Do not enforce certificate verification (the output says so loudly).]'
        '--alpn[ALPN protocols to offer, comma-separated, e.g. h2,http/1.1 (gRPC and OTLP/gRPC need h2).]:alpn:'
        '--min-version[Lowest TLS version to offer\: 1.0, 1.1, 1.2, 1.3.]:min-version:'
        '--max-version[Highest TLS version to offer\: 1.0, 1.1, 1.2, 1.3.]:max-version:'
        '--groups[Key-exchange groups to offer, comma-separated (X25519,P-256).]:groups:'
        '--starttls[Upgrade a plaintext protocol to TLS first\: postgres.]:starttls:{__tlscheck_complete "${___starttls[@]}"}'
        '--shard[Probe only shard i of n (0-based; i/n), e.g. $(JOB_COMPLETION_INDEX)/4 in a Kubernetes Indexed Job.]:shard:'
        '--format[Output\: text (a report for one target, a table for many), json (one object per line) or prometheus.]:format:{__tlscheck_complete "${___format[@]}"}'
        '--fail-on[Exit 1 when a finding is at or above this severity\: error, warning or info.]:fail-on:{__tlscheck_complete "${___fail_on[@]}"}'
        '--no-progress[No progress line on standard error.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tlscheck_inspect() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'sarif' 'github')
    local -ar ___fail_on=('info' 'warning' 'error')
    local -ar arg_specs=(
        '*:path:_files'
        '--key[A private key to compare with the first certificate of each file.]:file:_files'
        '--passphrase-file[A file whose first line is the passphrase of PKCS#12 files and encrypted keys.]:file:_files'
        '--verbose[Also list the files of folders that were skipped for holding no certificate.]'
        '--format[Output format\: text, json, sarif or github.]:format:{__tlscheck_complete "${___format[@]}"}'
        '--fail-on[Exit 1 when a finding is at or above this severity\: error, warning or info.]:fail-on:{__tlscheck_complete "${___fail_on[@]}"}'
        '--quiet[Print only findings, no summary line.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tlscheck_expiry() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'sarif' 'github' 'prometheus')
    local -ar arg_specs=(
        '*:path|host\:port:_files'
        '--warn[Fail (exit 1, Nagios WARNING) when a certificate expires within this.]:duration:'
        '--critical[Nagios CRITICAL (and an error finding) when a certificate expires within this.]:duration:'
        '--nagios[Nagios plugin mode\: a status line first, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.]'
        '--format[Output format\: text, json or prometheus (text exposition for node_exporter'\''s textfile collector).]:format:{__tlscheck_complete "${___format[@]}"}'
        '--quiet[Print only the table (text) without the summary line.]'
        '--passphrase-file[A file whose first line is the passphrase of PKCS#12 files and encrypted keys.]:file:_files'
        '--verbose[Also list the files of folders that were skipped for holding no certificate.]'
        '--timeout[Deadline for each HOST\:PORT (connect and handshake)\: 2, 2s, 500ms.]:timeout:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tlscheck_gen-self-signed() {
    local -i ret=1
    local -ar ___key_type=('p256' 'p384' 'rsa2048' 'rsa3072' 'rsa4096' 'ed25519')
    local -ar arg_specs=(
        '*--host[A name or address the server answers to (repeat; default localhost and 127.0.0.1).]:host:'
        '--mtls[Make a private CA, a server and a client certificate, and the configuration for mutual TLS.]'
        '*--client-name[With --mtls\: the client certificate'\''s identity (repeat; default prometheus).]:name:'
        '--port[With --mtls\: the exporter'\''s port in the scrape snippet.]:port:'
        '--k8s-name[With --mtls\: base name of the Kubernetes objects (Secrets, Deployment, Service, ServiceMonitor).]:k8s-name:'
        '--days[Validity of the server and client certificates in days (default 365; above 398 a warning, above 825 refused).]:days:'
        '--ca-days[With --mtls\: validity of the CA in days (default 3650).]:ca-days:'
        '--allow-long-validity[Allow certificates valid for more than 825 days.]'
        '--out[Folder to write into (created if missing).]:out:_files -/'
        '--key-type[Key type\: p256 (default), p384, rsa2048, rsa3072, rsa4096 or ed25519.]:key-type:{__tlscheck_complete "${___key_type[@]}"}'
        '--org[Organization (O) in the certificates'\'' subjects.]:org:'
        '--force[Replace existing files (otherwise an existing file stops the run before anything is written).]'
        '--key-passphrase-file[Encrypt the private key(s) written (PKCS#8, AES-256) with the passphrase in this file. Go programs cannot read encrypted keys.]:file:_files'
        '--json[Print what was written as JSON (paths, fingerprints, not-after).]'
        '--stdout[Print the files, private keys included, to standard output instead of writing them.]'
        '--p12[Also write a PKCS#12 (.p12) file with the certificate, key and chain (readable by OpenSSL 3 without -legacy).]'
        '--p12-passphrase-file[Password of the .p12 file, read from this file (default\: the key passphrase, else empty).]:file:_files'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tlscheck_gen-ca() {
    local -i ret=1
    local -ar ___key_type=('p256' 'p384' 'rsa2048' 'rsa3072' 'rsa4096' 'ed25519')
    local -ar arg_specs=(
        '--name[Base name of the files written\: NAME.crt and NAME.key.]:name:'
        '--common-name[The CA'\''s Common Name (default\: the organization, "CA" and a random id).]:common-name:'
        '--path-length[How many intermediate CAs may follow below this one (0\: it signs only leaves).]:path-length:'
        '--days[Validity in days (default 3650).]:days:'
        '--ca[For an intermediate\: the parent CA'\''s certificate.]:file:_files'
        '--ca-key[For an intermediate\: the parent CA'\''s private key.]:file:_files'
        '--ca-key-passphrase-file[Passphrase of an encrypted parent CA key, read from this file.]:file:_files'
        '--out[Folder to write into (created if missing).]:out:_files -/'
        '--key-type[Key type\: p256 (default), p384, rsa2048, rsa3072, rsa4096 or ed25519.]:key-type:{__tlscheck_complete "${___key_type[@]}"}'
        '--org[Organization (O) in the certificates'\'' subjects.]:org:'
        '--force[Replace existing files (otherwise an existing file stops the run before anything is written).]'
        '--key-passphrase-file[Encrypt the private key(s) written (PKCS#8, AES-256) with the passphrase in this file. Go programs cannot read encrypted keys.]:file:_files'
        '--json[Print what was written as JSON (paths, fingerprints, not-after).]'
        '--stdout[Print the files, private keys included, to standard output instead of writing them.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tlscheck_gen-cert() {
    local -i ret=1
    local -ar ___key_type=('p256' 'p384' 'rsa2048' 'rsa3072' 'rsa4096' 'ed25519')
    local -ar arg_specs=(
        '--ca[The CA'\''s certificate (the first certificate signs; the rest is its chain).]:file:_files'
        '--ca-key[The CA'\''s private key.]:file:_files'
        '--ca-key-passphrase-file[Passphrase of an encrypted CA key, read from this file.]:file:_files'
        '*--host[A SAN\: DNS name, IP address, e-mail or URI (repeat; at least one).]:host:'
        '--server[A server certificate (extended key usage serverAuth); the default.]'
        '--client[A client certificate (extended key usage clientAuth).]'
        '--name[Base name of the files written (default\: server, or client with only --client).]:name:'
        '--common-name[The Common Name (default\: the first --host).]:common-name:'
        '--days[Validity in days (default 365; above 398 a warning, above 825 refused).]:days:'
        '--allow-long-validity[Allow certificates valid for more than 825 days.]'
        '--out[Folder to write into (created if missing).]:out:_files -/'
        '--key-type[Key type\: p256 (default), p384, rsa2048, rsa3072, rsa4096 or ed25519.]:key-type:{__tlscheck_complete "${___key_type[@]}"}'
        '--org[Organization (O) in the certificates'\'' subjects.]:org:'
        '--force[Replace existing files (otherwise an existing file stops the run before anything is written).]'
        '--key-passphrase-file[Encrypt the private key(s) written (PKCS#8, AES-256) with the passphrase in this file. Go programs cannot read encrypted keys.]:file:_files'
        '--json[Print what was written as JSON (paths, fingerprints, not-after).]'
        '--stdout[Print the files, private keys included, to standard output instead of writing them.]'
        '--p12[Also write a PKCS#12 (.p12) file with the certificate, key and chain (readable by OpenSSL 3 without -legacy).]'
        '--p12-passphrase-file[Password of the .p12 file, read from this file (default\: the key passphrase, else empty).]:file:_files'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tlscheck_checks() {
    local -i ret=1
    local -ar arg_specs=(
        ':code:'
        '--markdown[Print the whole catalogue as Markdown (docs/checks.md).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_tlscheck_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _tlscheck ]]; then
    _tlscheck "${@}"
else
    compdef _tlscheck tlscheck
fi
