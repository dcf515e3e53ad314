extension Check {
    static let webConfigChecks: [Check] = [
        .unknownKey, .wrongType, .valueTruncated, .keyNotInVersion, .nullDropsDefault,
        .missingCertificate, .missingKey, .inlineIgnored, .unknownCipher, .unknownCurve, .unknownTLSVersion,
        .invalidClientAuth, .legacyClientAuthName, .optionNoEffect, .clientCAWithoutPolicy, .clientCAUnused,
        .verifyWithoutCA, .clientAuthNotAuthenticating, .allowedSANsEmpty, .allowedSANsOptionalCert,
        .allowedSANsUnverified, .allowedSANsIgnored, .allowedSANsPattern, .minAboveMax, .legacyTLSVersion,
        .http2CipherMissing, .ciphersMismatchKey, .curvesDropPostQuantum, .tlsWithoutCertificate,
        .headerNotAllowed, .invalidHeaderValue, .bcryptInvalid, .bcryptNeverMatches, .bcryptSlow,
        .userNameColon, .userNameEmpty, .rateLimitBlocksAll, .rateLimitNanoseconds, .rateLimitNegative,
        .rateLimitBurstOnly,
    ]

    static let unknownKey = Check(
        "unknown-key", .error, summary: "A key the program does not know.",
        help: "exporter-toolkit and the Collector decode strictly: an unknown key (usually a typo or a key at the wrong level) stops the program from starting. tlscheck names the nearest known key or the level where the key belongs.")
    static let wrongType = Check(
        "wrong-type", .error, summary: "A value of the wrong YAML type (a list where a string belongs, a string where a bool belongs).",
        help: "go-yaml refuses the whole file (`cannot unmarshal !!seq into string`). Quoted \"true\" is a string, not a bool.",
        hint: "write the value as the type the message names: a plain or quoted string, true or false, a number, a list of `- ` items or a mapping of names")
    static let valueTruncated = Check(
        "value-truncated", .warning, summary: "A fractional number where a whole number is read; the fraction is dropped.",
        help: "go-yaml truncates a float into an int field without a word.")
    static let keyNotInVersion = Check(
        "key-not-in-version", .error, summary: "A key the chosen exporter-toolkit version (--toolkit-version) does not know yet.",
        help: "Older exporters (Debian bookworm's use exporter-toolkit 0.8) refuse to start with `field X not found`. Upgrade the exporter or drop the key.")
    static let nullDropsDefault = Check(
        "null-drops-default", .warning, summary: "An empty value that silently replaces a default (http2: true, min_version: TLS12).",
        help: "The toolkit pre-fills defaults, and go-yaml sets a null value to the zero value, so `http2:` turns HTTP/2 off and `min_version:` falls back to Go's minimum.")
    static let missingCertificate = Check(
        "missing-certificate", .error, summary: "TLS is on but neither cert_file nor cert is set (missing one of cert or cert_file).",
        help: "Any of cert_file, key_file, client_ca_file, client_auth_type (or their inline forms) turns TLS on, and then a server certificate is required.")
    static let missingKey = Check(
        "missing-key", .error, summary: "TLS is on but neither key_file nor key is set (missing one of key or key_file).",
        help: "The server certificate needs its private key.")
    static let inlineIgnored = Check(
        "inline-ignored", .warning, summary: "Both a file and its inline form are set (cert_file and cert, …); the inline value is ignored.",
        help: "The toolkit uses the file and ignores the inline value without a message.")
    static let unknownCipher = Check(
        "unknown-cipher", .error, summary: "A cipher suite name the exporter's Go version does not accept.",
        help: "Names are Go/IANA names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (not OpenSSL names). Go 1.22 dropped the TLS_RSA_* suites; 3DES, RC4 and *_CBC_SHA256 are never accepted.")
    static let unknownCurve = Check(
        "unknown-curve", .error, summary: "A curve name the toolkit does not accept.",
        help: "Accepted: CurveP256, CurveP384, CurveP521, X25519.")
    static let unknownTLSVersion = Check(
        "unknown-tls-version", .error, summary: "A TLS version name the toolkit does not accept.",
        help: "Accepted: TLS10, TLS11, TLS12, TLS13, exactly so.")
    static let invalidClientAuth = Check(
        "invalid-client-auth", .error, summary: "client_auth_type is not one of the names Go knows.",
        help: "Accepted: NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert (case-sensitive).")
    static let legacyClientAuthName = Check(
        "legacy-client-auth-name", .info, summary: "RequireClientCert is the legacy spelling of RequireAnyClientCert.",
        help: "Both work since exporter-toolkit 0.6.1; RequireAnyClientCert says what it does.")
    static let optionNoEffect = Check(
        "option-no-effect", .warning, summary: "An option that is accepted but changes nothing.",
        help: "Go ignores prefer_server_cipher_suites and cipher order since 1.17, TLS 1.3 suite names, and cipher_suites when only TLS 1.3 is allowed.")
    static let clientCAWithoutPolicy = Check(
        "client-ca-without-policy", .error, summary: "A client CA is set but client_auth_type is not (client CA's have been configured without a Client Auth Policy).",
        help: "The toolkit refuses this. Add client_auth_type: RequireAndVerifyClientCert to require client certificates signed by the CA.")
    static let clientCAUnused = Check(
        "client-ca-unused", .warning, summary: "A client CA with a policy that never verifies (RequireAnyClientCert, RequestClientCert).",
        help: "The CA is loaded but never used, so any client certificate is accepted (the node_exporter#3127 setup).")
    static let verifyWithoutCA = Check(
        "verify-without-ca", .warning, summary: "Client certificates are verified, but against the system trust store (no client CA).",
        help: "Private-CA clients are rejected and any public certificate with clientAuth is accepted. Set client_ca_file.")
    static let clientAuthNotAuthenticating = Check(
        "client-auth-not-authenticating", .warning, summary: "A client_auth_type that does not authenticate clients.",
        help: "Only RequireAndVerifyClientCert with a client CA authenticates (exporter-toolkit PR #59); the others accept clients without a verified certificate.")
    static let allowedSANsEmpty = Check(
        "allowed-sans-empty", .error, summary: "client_allowed_sans is an empty list: no client can connect.",
        help: "Present but empty means no SAN is allowed. List the clients' SANs or remove the key.")
    static let allowedSANsOptionalCert = Check(
        "allowed-sans-optional-cert", .error, summary: "client_allowed_sans with an optional client certificate: the server panics on clients without one.",
        help: "With VerifyClientCertIfGiven or RequestClientCert, a client without a certificate triggers an index-out-of-range panic (exporter-toolkit PR #436).")
    static let allowedSANsUnverified = Check(
        "allowed-sans-unverified", .error, summary: "client_allowed_sans checked on certificates that are never verified.",
        help: "With RequireAnyClientCert or RequestClientCert, any self-signed certificate carrying an allowed SAN gets in.")
    static let allowedSANsIgnored = Check(
        "allowed-sans-ignored", .warning, summary: "client_allowed_sans without a client_auth_type: the list is ignored.",
        help: "Without client certificates there are no SANs to check; every client gets in.")
    static let allowedSANsPattern = Check(
        "allowed-sans-pattern", .warning, summary: "A client_allowed_sans entry that looks like a pattern or differs in case.",
        help: "Matching is exact and case-sensitive; there are no wildcards.")
    static let minAboveMax = Check(
        "min-version-above-max", .error, summary: "min_version is above max_version: no handshake can succeed.",
        help: "Lower min_version or raise max_version.")
    static let legacyTLSVersion = Check(
        "legacy-tls-version", .warning, summary: "TLS 1.0 or 1.1 allowed.",
        help: "Both are deprecated (RFC 8996). Use TLS12 or TLS13.")
    static let http2CipherMissing = Check(
        "http2-cipher-missing", .error, summary: "With HTTP/2 on, cipher_suites lacks the AES-128-GCM suite HTTP/2 requires: the exporter refuses to start.",
        help: "promtool and web.Validate do not see this; the exporter fails at start-up. Add TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 or TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, or set http2: false.")
    static let ciphersMismatchKey = Check(
        "ciphers-mismatch-key", .error, summary: "No configured TLS 1.2 suite fits the certificate's key type, and TLS 1.3 is off.",
        help: "ECDSA suites need an ECDSA certificate and RSA suites an RSA one; with max_version TLS12 every handshake fails.")
    static let curvesDropPostQuantum = Check(
        "curves-drop-post-quantum", .info, summary: "Setting curve_preferences turns off Go's default post-quantum key exchange.",
        help: "Go's default includes X25519MLKEM768, which the toolkit does not let you name (PR #417).")
    static let tlsWithoutCertificate = Check(
        "tls-without-certificate", .warning, summary: "TLS options without any certificate, key, CA or client_auth_type: the exporter serves plain HTTP.",
        help: "Only cert/key/CA/client_auth_type turn TLS on; min_version, cipher_suites and the like alone do nothing.")
    static let headerNotAllowed = Check(
        "header-not-allowed", .error, summary: "An HTTP header the toolkit does not let you configure.",
        help: "Allowed, exact case: Strict-Transport-Security, X-Content-Type-Options, X-Frame-Options, X-XSS-Protection, Content-Security-Policy.")
    static let invalidHeaderValue = Check(
        "invalid-header-value", .error, summary: "A header value the toolkit rejects.",
        help: "X-Content-Type-Options must be nosniff; X-Frame-Options must be deny or sameorigin (lower case).")
    static let bcryptInvalid = Check(
        "bcrypt-invalid", .error, summary: "A basic_auth_users value that is not a bcrypt hash (plaintext, htpasswd line, $apr1$, $6$ …).",
        help: "The toolkit stores bcrypt hashes only and refuses the file otherwise. Make one with `htpasswd -nbBC 10 \"\" PASSWORD` (remove the leading ':') or Python's bcrypt.")
    static let bcryptNeverMatches = Check(
        "bcrypt-never-matches", .error, summary: "A bcrypt hash the toolkit accepts but no password can match (truncated, wrong alphabet).",
        help: "bcrypt.Cost checks only the prefix and length, so a damaged hash loads fine and every login fails.")
    static let bcryptSlow = Check(
        "bcrypt-slow", .warning, summary: "A bcrypt cost above 12: each uncached login is slow.",
        help: "Cost doubles the work per step; 10–12 is plenty.")
    static let userNameColon = Check(
        "user-name-colon", .error, summary: "A user name containing ':' can never log in.",
        help: "HTTP basic auth splits user and password at the first ':'.")
    static let userNameEmpty = Check(
        "user-name-empty", .warning, summary: "An empty user name.",
        help: "Accepted by the toolkit, but surely a mistake.")
    static let rateLimitBlocksAll = Check(
        "rate-limit-blocks-all", .warning, summary: "rate_limit with interval > 0 and burst ≤ 0: every request gets HTTP 429.",
        help: "The toolkit loads this and the exporter starts, but every request is refused (a warning, since the file is valid). Set burst to at least 1.")
    static let rateLimitNanoseconds = Check(
        "rate-limit-nanoseconds", .warning, summary: "A bare number as rate_limit.interval is read as nanoseconds.",
        help: "Write a unit: 1s, 100ms.")
    static let rateLimitNegative = Check(
        "rate-limit-negative", .warning, summary: "A negative rate_limit.interval means no limit.",
        help: "Use 0 to switch the limiter off explicitly.")
    static let rateLimitBurstOnly = Check(
        "rate-limit-burst-only", .warning, summary: "burst without a positive interval does nothing.",
        help: "The limiter is only built when interval is positive.")
}

extension Check {
    static let webConfigIntro = """
        Checks of exporter-toolkit's `--web.config.file` (Prometheus, promtool and every exporter built on
        the toolkit). The schema is read as go-yaml v2 reads it, strictly; the toolkit's own rules run in
        its order and use its words, so a search for the exporter's log line finds the finding. Beyond
        what `promtool check web-config` does, tlscheck reports every problem at once with its line and
        column, checks the files the config names, and flags what the toolkit accepts but cannot work
        (errors) or is unsafe (warnings). `--toolkit-version` selects the release the exporter was built
        with (Debian bookworm: 0.8).
        """
}
