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
            'validate:Check web-config files (exporter-toolkit) for every problem, with file:line:col.'
            'checks:List every finding code, or explain one.'
            'probe:Handshake with TLS endpoints and say, in plain words, why a client would fail.'
            'inspect:Show what certificates and keys really are: names, dates, keys, usages, chain, key match.'
            'expiry:List when certificates expire, soonest first; fail in time; export Prometheus metrics.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        validate|checks|probe|inspect|expiry|help)
            "_tlscheck_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_tlscheck_validate() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'sarif' 'github' 'prometheus')
    local -ar ___fail_on=('info' 'warning' 'error')
    local -ar arg_specs=(
        '*:file:_files -g '\''*.yaml *.yml'\'''
        '--toolkit-version[exporter-toolkit version the config is for\: 0.8 (Debian bookworm), 0.11, 0.14, 0.15, latest.]:toolkit-version:'
        '--example[Check a built-in example web-config with several mistakes (no files needed).]'
        '--format[Output format\: text, json, sarif or github.]:format:{__tlscheck_complete "${___format[@]}"}'
        '--fail-on[Exit 1 when a finding is at or above this severity\: error, warning or info.]:fail-on:{__tlscheck_complete "${___fail_on[@]}"}'
        '--quiet[Print only findings, no summary line.]'
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

_tlscheck_probe() {
    local -i ret=1
    local -ar ___starttls=('postgres')
    local -ar ___format=('text' 'json' 'prometheus')
    local -ar ___fail_on=('info' 'warning' 'error')
    local -ar arg_specs=(
        '*:target:'
        '--targets[File of targets, one per line, # comments; - for standard input.]:file:_files'
        '--concurrency[Probes in flight at once.]:concurrency:'
        '--timeout[Deadline per probe, covering DNS, connect, STARTTLS, handshake and the read after it\: 2, 2s, 500ms.]:timeout:'
        '--versions[Also try TLS 1.0, 1.1, 1.2 and 1.3 one by one and report which the server accepts.]'
        '--servername[Name to send as SNI and check the certificate against (default\: the target'\''s host).]:servername:'
        '--ca-file[PEM bundle of CAs to trust instead of the system store.]:ca-file:_files'
        '--ca-dir[Folder of hashed CA certificates (openssl rehash) to trust instead of the system store.]:ca-dir:_files -/'
        '--cert[Client certificate (PEM) for servers that require mTLS.]:cert:_files'
        '--key[Private key (PEM) of --cert.]:key:_files'
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
    local -ar ___format=('text' 'json' 'sarif' 'github' 'prometheus')
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
        '--timeout[Seconds to wait for each HOST\:PORT (connect and handshake).]:seconds:'
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
