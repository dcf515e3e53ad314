/// Diagnoses of `tlscheck probe`. Each is documented in docs/probe.md and docs/checks.md (## Probe).
extension Check {
    static let probeIntro = """
        Diagnoses of `tlscheck probe`, which connects, performs a real TLS handshake with OpenSSL and says
        why a client such as Prometheus, an OTLP exporter or curl would fail. The first error is the probe's
        diagnosis (`probe_success` 0, exit 1); the others are what a client would hit next. Verification is
        reported as OpenSSL's symbolic `X509_V_ERR_…` name in the message. Details, output formats and the
        measured evidence each diagnosis rests on: docs/probe.md.
        """

    static let probeChecks: [Check] = [
        .dnsFailure, .connectionRefused, .connectTimeout, .connectFailed, .connectionReset,
        .connectionClosed, .handshakeTimeout, .plaintextHTTP, .nonTLSService, .startTLSRefused,
        .startTLSFailed, .unknownAuthority, .serverCertSelfSigned, .serverChainIncomplete, .hostnameMismatch,
        .serverCertExpired, .serverCertNotYetValid, .certificateInvalid, .clientCertRequired,
        .clientCertRejected, .protocolVersionMismatch, .noSharedCipher, .alpnNotNegotiated, .tlsAlert,
        .tlsError, .verificationSkipped, .serverAcceptsLegacyTLS, .clientCertOptional,
    ]

    static let dnsFailure = Check(
        "dns-failure", .error,
        summary: "The target's host name could not be resolved to an address.",
        help: "DNS has no address for the name, or did not answer before the deadline. Clients fail the same way before any TLS happens.",
        hint: "check the spelling of the host name and the DNS (or /etc/hosts) of the machine that probes")
    static let connectionRefused = Check(
        "connection-refused", .error,
        summary: "Nothing listens on the port: the connection was refused.",
        help: "The host answered with a TCP reset to the connection attempt. The service is down, listens on another port, or listens only on another address (127.0.0.1 instead of 0.0.0.0).",
        hint: "check that the service runs and listens on this address and port (ss -ltnp)")
    static let connectTimeout = Check(
        "connect-timeout", .error,
        summary: "The TCP connection was not established before the deadline.",
        help: "Nothing answered the connection attempt: a firewall drops the packets, the host is down, or the listener's accept queue is full.",
        hint: "check firewalls and security groups between here and the target, and that the host is up")
    static let connectFailed = Check(
        "connect-failed", .error,
        summary: "The TCP connection failed (network or host unreachable).",
        help: "The operating system could not reach the address: no route, the network is down, or the address family is not configured.",
        hint: "check the address and the route to it from the machine that probes")
    static let connectionReset = Check(
        "connection-reset", .error,
        summary: "The server reset the connection during the handshake.",
        help: "A TCP reset arrived before the handshake finished. Proxies, load balancers and some servers do this when they do not accept the client (wrong SNI, IP allow list) or crash.",
        hint: "check the server's logs and anything in between (load balancer, proxy, firewall)")
    static let connectionClosed = Check(
        "connection-closed", .error,
        summary: "The server closed the connection before the handshake finished.",
        help: "The server hung up without a TLS alert. Common causes: it does not accept the SNI name, it is overloaded, or a proxy in front closed the connection.",
        hint: "check the server's logs; try --servername with the name the server expects")
    static let handshakeTimeout = Check(
        "handshake-timeout", .error,
        summary: "The connection was accepted but the TLS handshake did not finish before the deadline.",
        help: "The port accepts connections but did not answer the ClientHello in time: a plaintext service waiting for its own protocol, a hung server, or a very slow network.",
        hint: "check that the port speaks TLS; raise --timeout for slow networks")
    static let plaintextHTTP = Check(
        "plaintext-http", .error,
        summary: "The port speaks plaintext HTTP, not TLS.",
        help: "The server answered the ClientHello with an HTTP response. For a Prometheus exporter this means the web-config has no tls_server_config (or was not passed with --web.config.file).",
        hint: "the port speaks plaintext HTTP: give the exporter a tls_server_config, or use http:// (scheme: http)")
    static let nonTLSService = Check(
        "non-tls-service", .error,
        summary: "The port speaks another protocol (SSH, SMTP, PostgreSQL, …), not TLS.",
        help: "The first bytes the server sent belong to a protocol other than TLS. Either the port is wrong or the protocol needs STARTTLS before TLS begins.",
        hint: "check the port; for PostgreSQL use --starttls postgres")
    static let startTLSRefused = Check(
        "starttls-refused", .error,
        summary: "The server refused to upgrade to TLS (STARTTLS).",
        help: "The plaintext protocol works but the server said it does not offer TLS, e.g. a PostgreSQL server with ssl = off.",
        hint: "enable TLS in the server's configuration")
    static let startTLSFailed = Check(
        "starttls-failed", .error,
        summary: "The STARTTLS dialog got an answer it did not expect.",
        help: "The server did not follow the protocol given with --starttls; the port may belong to another service.",
        hint: "check the port and the --starttls protocol")
    static let unknownAuthority = Check(
        "unknown-authority", .error,
        summary: "The certificate is signed by a CA this client does not trust.",
        help: "Verification could not reach a trusted root. With a private CA, clients need that CA (Prometheus tls_config.ca_file, the collector's ca_file); without it they fail with 'certificate signed by unknown authority'.",
        hint: "pass --ca-file with your CA (and give the same CA to the clients)")
    static let serverCertSelfSigned = Check(
        "server-cert-self-signed", .error,
        summary: "The server presents a self-signed certificate that is not trusted.",
        help: "The leaf certificate signs itself and is not in the trust store. Clients trust it only when it is their CA file.",
        hint: "pass --ca-file with this certificate (and configure clients the same way), or issue the server a certificate from a CA")
    static let serverChainIncomplete = Check(
        "server-chain-incomplete", .error,
        summary: "The server does not send the intermediate CA certificate(s) its certificate needs.",
        help: "The trust store holds the root, but the server sends only its leaf, so clients cannot build the path. Browsers sometimes hide this by fetching the intermediate; Go, curl and OpenSSL do not.",
        hint: "configure the server with the full chain (leaf first, then the intermediates), e.g. cert_file holding both")
    static let hostnameMismatch = Check(
        "hostname-mismatch", .error,
        summary: "The certificate does not cover the name (or IP) the client connects to.",
        help: "Go and curl check the host name or IP against the certificate's subject alternative names only (not the CN). Prometheus scraping by IP needs an IP SAN.",
        hint: "issue a certificate with this name or IP in its SANs, or connect with a name it has (--servername / tls_config.server_name)")
    static let serverCertExpired = Check(
        "server-cert-expired", .error,
        summary: "A certificate in the server's chain has expired.",
        help: "Clients refuse expired certificates. Renew it and reload the server.",
        hint: "renew the certificate and reload the server")
    static let serverCertNotYetValid = Check(
        "server-cert-not-yet-valid", .error,
        summary: "A certificate in the server's chain is not valid yet.",
        help: "Its not-before date is in the future: it was issued with a wrong date, or this machine's (or the server's) clock is wrong.",
        hint: "check the clocks (NTP) of this machine and of the machine that issued the certificate")
    static let certificateInvalid = Check(
        "certificate-invalid", .error,
        summary: "Certificate verification failed for another reason (named by OpenSSL's symbolic code).",
        help: "OpenSSL rejected the chain, for example a wrong key usage, a CA without CA:TRUE, a weak key or signature. The message names the X509_V_ERR code.",
        hint: "reissue the certificate so that it meets the rule named in the message")
    static let clientCertRequired = Check(
        "client-cert-required", .error,
        summary: "The server requires a client certificate (mTLS) and none was sent.",
        help: "TLS 1.2 servers refuse inside the handshake (alert 40 or 42), TLS 1.3 servers right after it (alert 116, certificate required), nginx with an HTTP 400 'No required SSL certificate was sent'.",
        hint: "pass --cert and --key with a client certificate the server's client CA signed (Prometheus: tls_config.cert_file and key_file)")
    static let clientCertRejected = Check(
        "client-cert-rejected", .error,
        summary: "The server rejected the client certificate that was sent.",
        help: "The server does not trust the client certificate's CA, or the certificate lacks the clientAuth extended key usage, or it has expired.",
        hint: "use a client certificate issued by the server's client_ca_file, with extendedKeyUsage clientAuth")
    static let protocolVersionMismatch = Check(
        "protocol-version-mismatch", .error,
        summary: "Client and server have no TLS version in common.",
        help: "The server refused every version the client offered (alert 70), or chose one the client does not allow. Exporter-toolkit's min_version/max_version and the clients' settings must overlap.",
        hint: "align min_version/max_version (or --min-version/--max-version) on both sides; TLS 1.2 and 1.3 are the usual choice")
    static let noSharedCipher = Check(
        "no-shared-cipher", .error,
        summary: "Client and server have no cipher suite or key-exchange group in common.",
        help: "The server failed the handshake before choosing parameters (alert 40 or 71). Restrictive cipher_suites or curve_preferences on one side are the usual cause.",
        hint: "allow at least one common cipher suite and group (e.g. ECDHE with AES-GCM, X25519 or P-256)")
    static let alpnNotNegotiated = Check(
        "alpn-not-negotiated", .error,
        summary: "The server did not select h2 via ALPN although it was offered; gRPC clients refuse such a connection.",
        help: "gRPC (and so OTLP/gRPC) requires ALPN h2 since grpc-go 1.67. A server or proxy that does not select h2 breaks every gRPC client even though the TLS handshake works.",
        hint: "enable HTTP/2 (ALPN h2) on the server or the proxy in front of it")
    static let tlsAlert = Check(
        "tls-alert", .error,
        summary: "The server ended the handshake with a TLS alert (named in the message).",
        help: "The server sent an alert that has no more specific diagnosis here; its name says what the server disliked.",
        hint: "look up the alert in the server's logs; the server says why it refused there")
    static let tlsError = Check(
        "tls-error", .error,
        summary: "The TLS handshake failed (OpenSSL's reason in the message).",
        help: "OpenSSL gave up on the handshake for a reason that has no more specific diagnosis here.",
        hint: "check the server's TLS configuration and logs")
    static let verificationSkipped = Check(
        "verification-skipped", .warning,
        summary: "Certificate verification was skipped (--insecure).",
        help: "The result says only that a handshake is possible, not that a verifying client would accept the server.",
        hint: "drop --insecure and pass --ca-file with the server's CA")
    static let serverAcceptsLegacyTLS = Check(
        "server-accepts-legacy-tls", .warning,
        summary: "The server accepts TLS 1.0 or 1.1, deprecated by RFC 8996.",
        help: "Old versions are weak and no current client needs them. Exporter-toolkit's default min_version is TLS 1.2.",
        hint: "set the server's minimum version to TLS 1.2 (min_version: TLS12)")
    static let clientCertOptional = Check(
        "client-cert-optional", .info,
        summary: "The server asks for a client certificate but accepts connections without one.",
        help: "Exporter-toolkit's RequestClientCert or VerifyClientCertIfGiven, nginx's ssl_verify_client optional: a client certificate is checked if sent but not required.",
        hint: "use RequireAndVerifyClientCert (ssl_verify_client on) if only clients with certificates should connect")
}
