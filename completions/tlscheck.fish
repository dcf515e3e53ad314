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
            __tlscheck_parse_subcommand -r 1 'kind=' 'toolkit-version=' 'skip-files' 'env' 'env-file=+' 'otlp-address=' 'otlp-insecure=' 'otlp-exporter=' 'otlp-ca-file=' 'connect' 'timeout=' 'example' 'example-kubernetes' 'format=' 'fail-on=' 'quiet' 'version' 'h/help'
        case 'probe'
            __tlscheck_parse_subcommand -r 1 'targets=' 'concurrency=' 'timeout=' 'versions' 'servername=' 'ca-file=' 'ca-dir=' 'cert=' 'key=' 'insecure' 'alpn=' 'min-version=' 'max-version=' 'groups=' 'starttls=' 'shard=' 'format=' 'fail-on=' 'no-progress' 'version' 'h/help'
        case 'inspect'
            __tlscheck_parse_subcommand -r 1 'key=' 'passphrase-file=' 'verbose' 'format=' 'fail-on=' 'quiet' 'version' 'h/help'
        case 'expiry'
            __tlscheck_parse_subcommand -r 1 'warn=' 'critical=' 'nagios' 'format=' 'quiet' 'passphrase-file=' 'verbose' 'timeout=' 'version' 'h/help'
        case 'gen-self-signed'
            __tlscheck_parse_subcommand 0 'host=+' 'mtls' 'client-name=+' 'port=' 'k8s-name=' 'days=' 'ca-days=' 'allow-long-validity' 'out=' 'key-type=' 'org=' 'force' 'key-passphrase-file=' 'json' 'stdout' 'p12' 'p12-passphrase-file=' 'version' 'h/help'
        case 'gen-ca'
            __tlscheck_parse_subcommand 0 'name=' 'common-name=' 'path-length=' 'days=' 'ca=' 'ca-key=' 'ca-key-passphrase-file=' 'out=' 'key-type=' 'org=' 'force' 'key-passphrase-file=' 'json' 'stdout' 'version' 'h/help'
        case 'gen-cert'
            __tlscheck_parse_subcommand 0 'ca=' 'ca-key=' 'ca-key-passphrase-file=' 'host=+' 'server' 'client' 'name=' 'common-name=' 'days=' 'allow-long-validity' 'out=' 'key-type=' 'org=' 'force' 'key-passphrase-file=' 'json' 'stdout' 'p12' 'p12-passphrase-file=' 'version' 'h/help'
        case 'checks'
            __tlscheck_parse_subcommand 1 'markdown' 'version' 'h/help'
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
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'validate' -d 'Check web-configs, prometheus.yml, monitors, Kubernetes manifests, Collector and Tempo configs, OTLP environment and flags.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'probe' -d 'Handshake with TLS endpoints and say, in plain words, why a client would fail.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'inspect' -d 'Show what certificates and keys really are: names, dates, keys, usages, chain, key match.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'expiry' -d 'List when certificates expire, soonest first; fail in time; export Prometheus metrics.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'gen-self-signed' -d 'Make a self-signed server certificate, or with --mtls a CA, server and client certificates and their configs.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'gen-ca' -d 'Make a private CA (ca.crt, ca.key), or an intermediate CA signed by another.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'gen-cert' -d 'Make a server or client certificate signed by a CA.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'checks' -d 'List every finding code, or explain one.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_positional "tlscheck validate" -ge 1' -fa '(set -l exts \'yaml\' \'yml\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" kind' -l 'kind' -d 'Kind of every file instead of detecting it from its content.' -rfka 'web-config collector tempo otlp-exporter otlphttp-exporter otlp-receiver collector-component kubernetes prometheus prometheus-jobs'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" toolkit-version' -l 'toolkit-version' -d 'exporter-toolkit version the config is for: 0.8 (Debian bookworm), 0.11, 0.14, 0.15, latest.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" skip-files' -l 'skip-files' -d 'Do not open the certificate, key and CA files configs name (schema and rules only, like otelcol validate).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" env' -l 'env' -d 'Check this process\'s OTEL_EXPORTER_OTLP_* environment variables.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate"' -l 'env-file' -d 'Check OTEL_EXPORTER_OTLP_* variables in a KEY=VALUE file.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" otlp-address' -l 'otlp-address' -d 'Parca\'s --otlp-address (host:port) to check.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" otlp-insecure' -l 'otlp-insecure' -d 'Parca\'s --otlp-insecure (default true: plaintext).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" otlp-exporter' -l 'otlp-exporter' -d 'Parca\'s --otlp-exporter: grpc (default), http or stdout.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" otlp-ca-file' -l 'otlp-ca-file' -d 'CA for the OTLP backend (Parca reads it from OTEL_EXPORTER_OTLP_CERTIFICATE).' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" connect' -l 'connect' -d 'After the static checks, connect to each client endpoint and static scrape target with its configured TLS settings.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" timeout' -l 'timeout' -d 'Deadline for each --connect probe: 2, 2s, 500ms.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" example' -l 'example' -d 'Check a built-in example web-config with several mistakes (no files needed).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" example-kubernetes' -l 'example-kubernetes' -d 'Check a built-in example Kubernetes deployment whose connections are broken (no files needed).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" format' -l 'format' -d 'Output format: text, json, sarif or github.' -rfka 'text json sarif github'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" fail-on' -l 'fail-on' -d 'Exit 1 when a finding is at or above this severity: error, warning or info.' -rfka 'info warning error'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" quiet' -l 'quiet' -d 'Print only findings, no summary line.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" targets' -l 'targets' -d 'File of targets, one per line, # comments; - for standard input.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" concurrency' -l 'concurrency' -d 'Probes in flight at once (capped at what the open-file limit allows, with a note).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" timeout' -l 'timeout' -d 'Deadline per probe, covering DNS, connect, STARTTLS, handshake and the read after it: 2, 2s, 500ms.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" versions' -l 'versions' -d 'Also try TLS 1.0, 1.1, 1.2 and 1.3 one by one and report which the server accepts.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" servername' -l 'servername' -d 'Name to send as SNI and check the certificate against (default: the target\'s host).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" ca-file' -l 'ca-file' -d 'PEM bundle of CAs to trust instead of the system store.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" ca-dir' -l 'ca-dir' -d 'Folder of hashed CA certificates (openssl rehash) to trust instead of the system store.' -rfa '(__tlscheck_complete_directories)'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" cert' -l 'cert' -d 'Client certificate (PEM) for servers that require mTLS.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck probe" key' -l 'key' -d 'Private key (PEM, unencrypted) of --cert.' -rF
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
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck inspect" format' -l 'format' -d 'Output format: text, json, sarif or github.' -rfka 'text json sarif github'
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
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" timeout' -l 'timeout' -d 'Deadline for each HOST:PORT (connect and handshake): 2, 2s, 500ms.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck expiry" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed"' -l 'host' -d 'A name or address the server answers to (repeat; default localhost and 127.0.0.1).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" mtls' -l 'mtls' -d 'Make a private CA, a server and a client certificate, and the configuration for mutual TLS.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed"' -l 'client-name' -d 'With --mtls: the client certificate\'s identity (repeat; default prometheus).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" port' -l 'port' -d 'With --mtls: the exporter\'s port in the scrape snippet.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" k8s-name' -l 'k8s-name' -d 'With --mtls: base name of the Kubernetes objects (Secrets, Deployment, Service, ServiceMonitor).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" days' -l 'days' -d 'Validity of the server and client certificates in days (default 365; above 398 a warning, above 825 refused).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" ca-days' -l 'ca-days' -d 'With --mtls: validity of the CA in days (default 3650).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" allow-long-validity' -l 'allow-long-validity' -d 'Allow certificates valid for more than 825 days.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" out' -l 'out' -d 'Folder to write into (created if missing).' -rfa '(__tlscheck_complete_directories)'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" key-type' -l 'key-type' -d 'Key type: p256 (default), p384, rsa2048, rsa3072, rsa4096 or ed25519.' -rfka 'p256 p384 rsa2048 rsa3072 rsa4096 ed25519'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" org' -l 'org' -d 'Organization (O) in the certificates\' subjects.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" force' -l 'force' -d 'Replace existing files (otherwise an existing file stops the run before anything is written).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" key-passphrase-file' -l 'key-passphrase-file' -d 'Encrypt the private key(s) written (PKCS#8, AES-256) with the passphrase in this file. Go programs cannot read encrypted keys.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" json' -l 'json' -d 'Print what was written as JSON (paths, fingerprints, not-after).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" stdout' -l 'stdout' -d 'Print the files, private keys included, to standard output instead of writing them.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" p12' -l 'p12' -d 'Also write a PKCS#12 (.p12) file with the certificate, key and chain (readable by OpenSSL 3 without -legacy).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" p12-passphrase-file' -l 'p12-passphrase-file' -d 'Password of the .p12 file, read from this file (default: the key passphrase, else empty).' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-self-signed" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" name' -l 'name' -d 'Base name of the files written: NAME.crt and NAME.key.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" common-name' -l 'common-name' -d 'The CA\'s Common Name (default: the organization, "CA" and a random id).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" path-length' -l 'path-length' -d 'How many intermediate CAs may follow below this one (0: it signs only leaves).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" days' -l 'days' -d 'Validity in days (default 3650).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" ca' -l 'ca' -d 'For an intermediate: the parent CA\'s certificate.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" ca-key' -l 'ca-key' -d 'For an intermediate: the parent CA\'s private key.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" ca-key-passphrase-file' -l 'ca-key-passphrase-file' -d 'Passphrase of an encrypted parent CA key, read from this file.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" out' -l 'out' -d 'Folder to write into (created if missing).' -rfa '(__tlscheck_complete_directories)'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" key-type' -l 'key-type' -d 'Key type: p256 (default), p384, rsa2048, rsa3072, rsa4096 or ed25519.' -rfka 'p256 p384 rsa2048 rsa3072 rsa4096 ed25519'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" org' -l 'org' -d 'Organization (O) in the certificates\' subjects.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" force' -l 'force' -d 'Replace existing files (otherwise an existing file stops the run before anything is written).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" key-passphrase-file' -l 'key-passphrase-file' -d 'Encrypt the private key(s) written (PKCS#8, AES-256) with the passphrase in this file. Go programs cannot read encrypted keys.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" json' -l 'json' -d 'Print what was written as JSON (paths, fingerprints, not-after).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" stdout' -l 'stdout' -d 'Print the files, private keys included, to standard output instead of writing them.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-ca" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" ca' -l 'ca' -d 'The CA\'s certificate (the first certificate signs; the rest is its chain).' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" ca-key' -l 'ca-key' -d 'The CA\'s private key.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" ca-key-passphrase-file' -l 'ca-key-passphrase-file' -d 'Passphrase of an encrypted CA key, read from this file.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert"' -l 'host' -d 'A SAN: DNS name, IP address, e-mail or URI (repeat; at least one).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" server' -l 'server' -d 'A server certificate (extended key usage serverAuth); the default.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" client' -l 'client' -d 'A client certificate (extended key usage clientAuth).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" name' -l 'name' -d 'Base name of the files written (default: server, or client with only --client).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" common-name' -l 'common-name' -d 'The Common Name (default: the first --host).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" days' -l 'days' -d 'Validity in days (default 365; above 398 a warning, above 825 refused).' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" allow-long-validity' -l 'allow-long-validity' -d 'Allow certificates valid for more than 825 days.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" out' -l 'out' -d 'Folder to write into (created if missing).' -rfa '(__tlscheck_complete_directories)'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" key-type' -l 'key-type' -d 'Key type: p256 (default), p384, rsa2048, rsa3072, rsa4096 or ed25519.' -rfka 'p256 p384 rsa2048 rsa3072 rsa4096 ed25519'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" org' -l 'org' -d 'Organization (O) in the certificates\' subjects.' -rfka ''
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" force' -l 'force' -d 'Replace existing files (otherwise an existing file stops the run before anything is written).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" key-passphrase-file' -l 'key-passphrase-file' -d 'Encrypt the private key(s) written (PKCS#8, AES-256) with the passphrase in this file. Go programs cannot read encrypted keys.' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" json' -l 'json' -d 'Print what was written as JSON (paths, fingerprints, not-after).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" stdout' -l 'stdout' -d 'Print the files, private keys included, to standard output instead of writing them.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" p12' -l 'p12' -d 'Also write a PKCS#12 (.p12) file with the certificate, key and chain (readable by OpenSSL 3 without -legacy).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" p12-passphrase-file' -l 'p12-passphrase-file' -d 'Password of the .p12 file, read from this file (default: the key passphrase, else empty).' -rF
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck gen-cert" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck checks" markdown' -l 'markdown' -d 'Print the whole catalogue as Markdown (docs/checks.md).'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck checks" version' -l 'version' -d 'Show the version.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck checks" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tlscheck' -n '__tlscheck_should_offer_completions_for_flags_or_options "tlscheck help" version' -l 'version' -d 'Show the version.'
