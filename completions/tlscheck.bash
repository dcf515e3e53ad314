#!/bin/bash

__tlscheck_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__tlscheck_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__tlscheck_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__tlscheck_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_tlscheck() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __tlscheck_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    validate|probe|inspect|expiry|gen-self-signed|gen-ca|gen-cert|checks|help)
        # Offer subcommand argument completions
        "_tlscheck_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'validate probe inspect expiry gen-self-signed gen-ca gen-cert checks help' -- "${cur}"))
        ;;
    esac
}

_tlscheck_validate() {
    repeating_flags=()
    non_repeating_flags=(--skip-files --env --connect --example --example-kubernetes --quiet --version -h --help)
    repeating_options=(--env-file)
    non_repeating_options=(--kind --toolkit-version --otlp-address --otlp-insecure --otlp-exporter --otlp-ca-file --timeout --format --fail-on)
    __tlscheck_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--kind')
        __tlscheck_add_completions -W 'web-config'$'\n''collector'$'\n''tempo'$'\n''otlp-exporter'$'\n''otlphttp-exporter'$'\n''otlp-receiver'$'\n''collector-component'$'\n''kubernetes'$'\n''prometheus'$'\n''prometheus-jobs'
        return
        ;;
    '--toolkit-version')
        return
        ;;
    '--env-file')
        __tlscheck_add_completions -f
        return
        ;;
    '--otlp-address')
        return
        ;;
    '--otlp-insecure')
        return
        ;;
    '--otlp-exporter')
        return
        ;;
    '--otlp-ca-file')
        __tlscheck_add_completions -f
        return
        ;;
    '--timeout')
        return
        ;;
    '--format')
        __tlscheck_add_completions -W 'text'$'\n''json'$'\n''sarif'$'\n''github'
        return
        ;;
    '--fail-on')
        __tlscheck_add_completions -W 'info'$'\n''warning'$'\n''error'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __tlscheck_add_completions -o plusdirs -fX '!*.@(yaml|yml)'
        return
        ;;
    esac
}

_tlscheck_probe() {
    repeating_flags=()
    non_repeating_flags=(--versions --insecure --no-progress --version -h --help)
    repeating_options=()
    non_repeating_options=(--targets --concurrency --timeout --servername --ca-file --ca-dir --cert --key --alpn --min-version --max-version --groups --starttls --shard --format --fail-on)
    __tlscheck_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--targets')
        __tlscheck_add_completions -f
        return
        ;;
    '--concurrency')
        return
        ;;
    '--timeout')
        return
        ;;
    '--servername')
        return
        ;;
    '--ca-file')
        __tlscheck_add_completions -f
        return
        ;;
    '--ca-dir')
        __tlscheck_add_completions -d
        return
        ;;
    '--cert')
        __tlscheck_add_completions -f
        return
        ;;
    '--key')
        __tlscheck_add_completions -f
        return
        ;;
    '--alpn')
        return
        ;;
    '--min-version')
        return
        ;;
    '--max-version')
        return
        ;;
    '--groups')
        return
        ;;
    '--starttls')
        __tlscheck_add_completions -W 'postgres'
        return
        ;;
    '--shard')
        return
        ;;
    '--format')
        __tlscheck_add_completions -W 'text'$'\n''json'$'\n''prometheus'
        return
        ;;
    '--fail-on')
        __tlscheck_add_completions -W 'info'$'\n''warning'$'\n''error'
        return
        ;;
    esac
}

_tlscheck_inspect() {
    repeating_flags=()
    non_repeating_flags=(--verbose --quiet --version -h --help)
    repeating_options=()
    non_repeating_options=(--key --passphrase-file --format --fail-on)
    __tlscheck_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--key')
        __tlscheck_add_completions -f
        return
        ;;
    '--passphrase-file')
        __tlscheck_add_completions -f
        return
        ;;
    '--format')
        __tlscheck_add_completions -W 'text'$'\n''json'$'\n''sarif'$'\n''github'
        return
        ;;
    '--fail-on')
        __tlscheck_add_completions -W 'info'$'\n''warning'$'\n''error'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __tlscheck_add_completions -f
        return
        ;;
    esac
}

_tlscheck_expiry() {
    repeating_flags=()
    non_repeating_flags=(--nagios --quiet --verbose --version -h --help)
    repeating_options=()
    non_repeating_options=(--warn --critical --format --passphrase-file --timeout)
    __tlscheck_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--warn')
        return
        ;;
    '--critical')
        return
        ;;
    '--format')
        __tlscheck_add_completions -W 'text'$'\n''json'$'\n''sarif'$'\n''github'$'\n''prometheus'
        return
        ;;
    '--passphrase-file')
        __tlscheck_add_completions -f
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __tlscheck_add_completions -f
        return
        ;;
    esac
}

_tlscheck_gen-self-signed() {
    repeating_flags=()
    non_repeating_flags=(--mtls --allow-long-validity --force --json --stdout --p12 --version -h --help)
    repeating_options=(--host --client-name)
    non_repeating_options=(--port --k8s-name --days --ca-days --out --key-type --org --key-passphrase-file --p12-passphrase-file)
    __tlscheck_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--client-name')
        return
        ;;
    '--port')
        return
        ;;
    '--k8s-name')
        return
        ;;
    '--days')
        return
        ;;
    '--ca-days')
        return
        ;;
    '--out')
        __tlscheck_add_completions -d
        return
        ;;
    '--key-type')
        __tlscheck_add_completions -W 'p256'$'\n''p384'$'\n''rsa2048'$'\n''rsa3072'$'\n''rsa4096'$'\n''ed25519'
        return
        ;;
    '--org')
        return
        ;;
    '--key-passphrase-file')
        __tlscheck_add_completions -f
        return
        ;;
    '--p12-passphrase-file')
        __tlscheck_add_completions -f
        return
        ;;
    esac
}

_tlscheck_gen-ca() {
    repeating_flags=()
    non_repeating_flags=(--force --json --stdout --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --common-name --path-length --days --ca --ca-key --ca-key-passphrase-file --out --key-type --org --key-passphrase-file)
    __tlscheck_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--common-name')
        return
        ;;
    '--path-length')
        return
        ;;
    '--days')
        return
        ;;
    '--ca')
        __tlscheck_add_completions -f
        return
        ;;
    '--ca-key')
        __tlscheck_add_completions -f
        return
        ;;
    '--ca-key-passphrase-file')
        __tlscheck_add_completions -f
        return
        ;;
    '--out')
        __tlscheck_add_completions -d
        return
        ;;
    '--key-type')
        __tlscheck_add_completions -W 'p256'$'\n''p384'$'\n''rsa2048'$'\n''rsa3072'$'\n''rsa4096'$'\n''ed25519'
        return
        ;;
    '--org')
        return
        ;;
    '--key-passphrase-file')
        __tlscheck_add_completions -f
        return
        ;;
    esac
}

_tlscheck_gen-cert() {
    repeating_flags=()
    non_repeating_flags=(--server --client --allow-long-validity --force --json --stdout --p12 --version -h --help)
    repeating_options=(--host)
    non_repeating_options=(--ca --ca-key --ca-key-passphrase-file --name --common-name --days --out --key-type --org --key-passphrase-file --p12-passphrase-file)
    __tlscheck_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--ca')
        __tlscheck_add_completions -f
        return
        ;;
    '--ca-key')
        __tlscheck_add_completions -f
        return
        ;;
    '--ca-key-passphrase-file')
        __tlscheck_add_completions -f
        return
        ;;
    '--host')
        return
        ;;
    '--name')
        return
        ;;
    '--common-name')
        return
        ;;
    '--days')
        return
        ;;
    '--out')
        __tlscheck_add_completions -d
        return
        ;;
    '--key-type')
        __tlscheck_add_completions -W 'p256'$'\n''p384'$'\n''rsa2048'$'\n''rsa3072'$'\n''rsa4096'$'\n''ed25519'
        return
        ;;
    '--org')
        return
        ;;
    '--key-passphrase-file')
        __tlscheck_add_completions -f
        return
        ;;
    '--p12-passphrase-file')
        __tlscheck_add_completions -f
        return
        ;;
    esac
}

_tlscheck_checks() {
    repeating_flags=()
    non_repeating_flags=(--markdown --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __tlscheck_offer_flags_options 1
}

_tlscheck_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __tlscheck_offer_flags_options -1
}

complete -o filenames -F _tlscheck tlscheck
