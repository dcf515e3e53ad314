function __tlscheck_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tlscheck_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tlscheck_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tlscheck_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tlscheck_parse_tokens -S
    set -l unparsed_tokens (__tlscheck_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tlscheck'
        __tlscheck_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'validate'
            __tlscheck_parse_subcommand -r 1 'toolkit-version=' 'example' 'format=' 'fail-on=' 'quiet' 'version' 'h/help'
        case 'checks'
            __tlscheck_parse_subcommand 1 'markdown' 'version' 'h/help'
        case 'probe'
            __tlscheck_parse_subcommand -r 1 'targets=' 'concurrency=' 'timeout=' 'versions' 'servername=' 'ca-file=' 'ca-dir=' 'cert=' 'key=' 'insecure' 'alpn=' 'min-version=' 'max-version=' 'groups=' 'starttls=' 'shard=' 'format=' 'fail-on=' 'no-progress' 'version' 'h/help'
        case 'inspect'
            __tlscheck_parse_subcommand -r 1 'key=' 'passphrase-file=' 'verbose' 'format=' 'fail-on=' 'quiet' 'version' 'h/help'
        case 'expiry'
            __tlscheck_parse_subcommand -r 1 'warn=' 'critical=' 'nagios' 'format=' 'quiet' 'passphrase-file=' 'verbose' 'timeout=' 'version' 'h/help'
        case 'help'
            __tlscheck_parse_subcommand -r 1 'version'
        end
    end
end

function __tlscheck_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tlscheck_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __tlscheck_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tlscheck_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tlscheck_tokens -p)
    if test -z "$(__tlscheck_tokens -t)"
        set -l index (count (__tlscheck_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tlscheck' -f
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'validate' -d 'Check web-config files (exporter-toolkit) for every problem, with file:line:col.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'checks' -d 'List every finding code, or explain one.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'probe' -d 'Handshake with TLS endpoints and say, in plain words, why a client would fail.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'inspect' -d 'Show what certificates and keys really are: names, dates, keys, usages, chain, key match.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'expiry' -d 'List when certificates expire, soonest first; fail in time; export Prometheus metrics.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck validate" -ge 1' -fa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" toolkit-version' -l 'toolkit-version' -d 'exporter-toolkit version the config is for: 0.8 (Debian bookworm), 0.11, 0.14, 0.15, latest.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" example' -l 'example' -d 'Check a built-in example web-config with several mistakes (no files needed).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" format' -l 'format' -d 'Output format: text, json, sarif or github.' -rfka 'text json sarif github prometheus'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" fail-on' -l 'fail-on' -d 'Exit 1 when a finding is at or above this severity: error, warning or info.' -rfka 'info warning error'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" quiet' -l 'quiet' -d 'Print only findings, no summary line.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck checks" markdown' -l 'markdown' -d 'Print the whole catalogue as Markdown (docs/checks.md).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck checks" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck checks" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" targets' -l 'targets' -d 'File of targets, one per line, # comments; - for standard input.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" concurrency' -l 'concurrency' -d 'Probes in flight at once.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" timeout' -l 'timeout' -d 'Deadline per probe, covering DNS, connect, STARTTLS, handshake and the read after it: 2, 2s, 500ms.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" versions' -l 'versions' -d 'Also try TLS 1.0, 1.1, 1.2 and 1.3 one by one and report which the server accepts.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" servername' -l 'servername' -d 'Name to send as SNI and check the certificate against (default: the target\'s host).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" ca-file' -l 'ca-file' -d 'PEM bundle of CAs to trust instead of the system store.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" ca-dir' -l 'ca-dir' -d 'Folder of hashed CA certificates (openssl rehash) to trust instead of the system store.' -rfa '(__tlscheck_complete_directories)'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" cert' -l 'cert' -d 'Client certificate (PEM) for servers that require mTLS.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" key' -l 'key' -d 'Private key (PEM) of --cert.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" insecure' -l 'insecure' -d 'Do not enforce certificate verification (the output says so loudly).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" alpn' -l 'alpn' -d 'ALPN protocols to offer, comma-separated, e.g. h2,http/1.1 (gRPC and OTLP/gRPC need h2).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" min-version' -l 'min-version' -d 'Lowest TLS version to offer: 1.0, 1.1, 1.2, 1.3.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" max-version' -l 'max-version' -d 'Highest TLS version to offer: 1.0, 1.1, 1.2, 1.3.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" groups' -l 'groups' -d 'Key-exchange groups to offer, comma-separated (X25519,P-256).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" starttls' -l 'starttls' -d 'Upgrade a plaintext protocol to TLS first: postgres.' -rfka 'postgres'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" shard' -l 'shard' -d 'Probe only shard i of n (0-based; i/n), e.g. $(JOB_COMPLETION_INDEX)/4 in a Kubernetes Indexed Job.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" format' -l 'format' -d 'Output: text (a report for one target, a table for many), json (one object per line) or prometheus.' -rfka 'text json prometheus'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" fail-on' -l 'fail-on' -d 'Exit 1 when a finding is at or above this severity: error, warning or info.' -rfka 'info warning error'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" no-progress' -l 'no-progress' -d 'No progress line on standard error.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck inspect" -ge 1' -F
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck inspect" key' -l 'key' -d 'A private key to compare with the first certificate of each file.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck inspect" passphrase-file' -l 'passphrase-file' -d 'A file whose first line is the passphrase of PKCS#12 files and encrypted keys.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck inspect" verbose' -l 'verbose' -d 'Also list the files of folders that were skipped for holding no certificate.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck inspect" format' -l 'format' -d 'Output format: text, json, sarif or github.' -rfka 'text json sarif github prometheus'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck inspect" fail-on' -l 'fail-on' -d 'Exit 1 when a finding is at or above this severity: error, warning or info.' -rfka 'info warning error'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck inspect" quiet' -l 'quiet' -d 'Print only findings, no summary line.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck inspect" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck inspect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck expiry" -ge 1' -F
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" warn' -l 'warn' -d 'Fail (exit 1, Nagios WARNING) when a certificate expires within this.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" critical' -l 'critical' -d 'Nagios CRITICAL (and an error finding) when a certificate expires within this.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" nagios' -l 'nagios' -d 'Nagios plugin mode: a status line first, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" format' -l 'format' -d 'Output format: text, json or prometheus (text exposition for node_exporter\'s textfile collector).' -rfka 'text json sarif github prometheus'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" quiet' -l 'quiet' -d 'Print only the table (text) without the summary line.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" passphrase-file' -l 'passphrase-file' -d 'A file whose first line is the passphrase of PKCS#12 files and encrypted keys.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" verbose' -l 'verbose' -d 'Also list the files of folders that were skipped for holding no certificate.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" timeout' -l 'timeout' -d 'Seconds to wait for each HOST:PORT (connect and handshake).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck help" version' -l 'version' -d 'Show the version.'
