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
            'inspect:Show what certificates and keys really are: names, dates, keys, usages, chain, key match.'
            'expiry:List when certificates expire, soonest first; fail in time; export Prometheus metrics.'
            'checks:List every finding code, or explain one.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        validate|inspect|expiry|checks|help)
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
        '*:path:_files'
        '--warn[Fail (exit 1, Nagios WARNING) when a certificate expires within this.]:duration:'
        '--critical[Nagios CRITICAL (and an error finding) when a certificate expires within this.]:duration:'
        '--nagios[Nagios plugin mode\: a status line first, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.]'
        '--format[Output format\: text, json or prometheus (text exposition for node_exporter'\''s textfile collector).]:format:{__tlscheck_complete "${___format[@]}"}'
        '--quiet[Print only the table (text) without the summary line.]'
        '--passphrase-file[A file whose first line is the passphrase of PKCS#12 files and encrypted keys.]:file:_files'
        '--verbose[Also list the files of folders that were skipped for holding no certificate.]'
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
