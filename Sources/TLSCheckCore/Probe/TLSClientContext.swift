internal import COpenSSL

#if canImport(Glibc)
import Glibc
#endif

/// Why probing cannot start: an unreadable CA file, a client key that does not match its certificate…
public struct ProbeSetupError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let hint: String
    public var description: String { message }
}

/// The one `SSL_CTX` of a run: trust store, client identity, versions, ALPN. Loading the system
/// trust store costs milliseconds, so it is done once and shared by every probe.
///
/// `@unchecked Sendable` is safe: the context is fully configured in `init` and only read after
/// (`SSL_new` on a shared, unchanging `SSL_CTX` is thread-safe in OpenSSL 3); it is freed in `deinit`.
final class TLSClientContext: @unchecked Sendable {
    let context: OpaquePointer
    let hasClientCertificate: Bool
    /// True when --ca-file or --ca-dir replaced the system store.
    let hasCustomTrust: Bool
    let alpnWire: [UInt8]

    init(options: ProbeOptions) throws(ProbeSetupError) {
        OpenSSLError.drainQueue()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw ProbeSetupError(message: OpenSSLError.drain("creating the TLS context").description, hint: "this is a bug in tlscheck")
        }
        self.context = context
        hasClientCertificate = options.certificateFile != nil
        hasCustomTrust = options.caFile != nil || options.caDir != nil

        // Verification always runs and its result is read after the handshake (SSL_VERIFY_NONE
        // does not abort): the probe then reports the chain, the verdict and what else the server
        // does, instead of stopping at the first problem as a client would.
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        // OpenSSL's default passphrase callback reads the terminal: an encrypted PEM anywhere in
        // the files below would make a probe wait for ever. This one refuses.
        SSL_CTX_set_default_passwd_cb(context, refusePassphrase)
        _ = copenssl_SSL_CTX_set_session_cache_mode(context, copenssl_SSL_SESS_CACHE_OFF())

        for path in [options.caFile, options.certificateFile, options.keyFile].compactMap({ $0 }) {
            if case .failure(let error) = FileInput.read(path, origin: .commandLine) {
                throw ProbeSetupError(message: error.description, hint: error.hint)
            }
        }
        if hasCustomTrust {
            guard SSL_CTX_load_verify_locations(context, options.caFile, options.caDir) == 1 else {
                let what = [options.caFile.map { "--ca-file \($0)" }, options.caDir.map { "--ca-dir \($0)" }]
                    .compactMap { $0 }.joined(separator: " and ")
                throw ProbeSetupError(
                    message: OpenSSLError.drain("loading \(what)").description,
                    hint: "give a PEM file of CA certificates (or a folder prepared with openssl rehash)")
            }
        } else if !Self.useHashedSystemStore(context), SSL_CTX_set_default_verify_paths(context) != 1 {
            throw ProbeSetupError(
                message: OpenSSLError.drain("loading the system trust store").description,
                hint: "install ca-certificates, or pass --ca-file")
        }
        if let verificationTime = options.verificationTime {
            X509_VERIFY_PARAM_set_time(SSL_CTX_get0_param(context), time_t(verificationTime.timeIntervalSince1970))
        }

        switch (options.certificateFile, options.keyFile) {
        case (let cert?, let key?):
            guard SSL_CTX_use_certificate_chain_file(context, cert) == 1 else {
                throw ProbeSetupError(
                    message: OpenSSLError.drain("reading the client certificate \(cert)").description,
                    hint: "give a PEM certificate (leaf first, then intermediates)")
            }
            try Self.useKey(key, in: context)
            guard SSL_CTX_check_private_key(context) == 1 else {
                throw ProbeSetupError(
                    message: OpenSSLError.drain("matching \(key) to \(cert)").description,
                    hint: "--key must be the private key of --cert")
            }
        case (nil, nil):
            break
        default:
            throw ProbeSetupError(message: "--cert and --key go together", hint: "pass both, or neither")
        }

        if let min = options.minVersion { _ = copenssl_SSL_CTX_set_min_proto_version(context, min.openSSLValue) }
        if let max = options.maxVersion { _ = copenssl_SSL_CTX_set_max_proto_version(context, max.openSSLValue) }
        if options.minVersion.map({ $0.isLegacy }) == true || options.maxVersion.map({ $0.isLegacy }) == true {
            // OpenSSL 3 refuses TLS 1.0/1.1 at the default security level; asking for them means it.
            SSL_CTX_set_security_level(context, 0)
            _ = SSL_CTX_set_cipher_list(context, "DEFAULT:@SECLEVEL=0")
        }
        if !options.groups.isEmpty {
            guard copenssl_SSL_CTX_set1_groups_list(context, options.groups.joined(separator: ":")) == 1 else {
                throw ProbeSetupError(
                    message: OpenSSLError.drain("setting groups \(options.groups.joined(separator: ","))").description,
                    hint: "use group names OpenSSL knows: X25519, P-256, P-384, X448, ffdhe2048")
            }
        }
        var wire: [UInt8] = []
        for name in options.alpn {
            let bytes = Array(name.utf8)
            guard (1...255).contains(bytes.count) else {
                throw ProbeSetupError(message: "ALPN protocol '\(name)' must be 1 to 255 bytes", hint: "use names like h2 or http/1.1")
            }
            wire.append(UInt8(bytes.count))
            wire += bytes
        }
        alpnWire = wire
        if !wire.isEmpty {
            _ = SSL_CTX_set_alpn_protos(context, wire, UInt32(wire.count))  // 0 on success
        }
        OpenSSLError.drainQueue()
    }

    deinit { SSL_CTX_free(context) }

    /// Reads `--key` through the core's loader, which refuses an encrypted key instead of asking a
    /// terminal for its passphrase.
    private static func useKey(_ path: String, in context: OpaquePointer) throws(ProbeSetupError) {
        let bytes: [UInt8]
        switch FileInput.read(path, origin: .commandLine) {
        case .success(let read): bytes = read
        case .failure(let error): throw ProbeSetupError(message: error.description, hint: error.hint)
        }
        let key: PrivateKey
        do {
            key = try PrivateKey(pem: bytes)
        } catch .encrypted(let format) {
            throw ProbeSetupError(
                message: "the client key \(path) is encrypted (\(format.rawValue)); probes never ask for a passphrase",
                hint: "decrypt it with openssl pkey -in \(path) -out key.pem, and pass that file to --key")
        } catch {
            throw ProbeSetupError(message: "reading the client key \(path): \(error)", hint: "give an unencrypted PEM private key")
        }
        guard SSL_CTX_use_PrivateKey(context, key.ref) == 1 else {
            throw ProbeSetupError(
                message: OpenSSLError.drain("reading the client key \(path)").description, hint: "give an unencrypted PEM private key")
        }
    }

    /// Applies what differs per connection: SNI (none for IP literals, RFC 6066), the name or IP the
    /// leaf must cover, and for a `--versions` attempt exactly that version at security level 0.
    static func configure(_ ssl: OpaquePointer, name: String, attempt: ProbeTask.Attempt) {
        if SocketAddress.numeric(name, port: 0) != nil {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name)
        } else {
            _ = copenssl_SSL_set_tlsext_host_name(ssl, name)
            SSL_set_hostflags(ssl, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS))
            SSL_set1_host(ssl, name)
        }
        if case .version(let version) = attempt {
            SSL_set_security_level(ssl, 0)
            _ = SSL_set_cipher_list(ssl, "ALL:@SECLEVEL=0")
            _ = copenssl_SSL_set_min_proto_version(ssl, version.openSSLValue)
            _ = copenssl_SSL_set_max_proto_version(ssl, version.openSSLValue)
        } else {
            _ = copenssl_SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp)
        }
    }

    /// The system store as OpenSSL's hashed folder only (Debian: /etc/ssl/certs), which loads just
    /// the CA a chain needs, when it is needed: parsing the whole bundle costs ~40 ms per run.
    /// Not when SSL_CERT_FILE names another bundle than the default, nor when the folder has no hash
    /// links (then OpenSSL's own default paths are used).
    static func useHashedSystemStore(_ context: OpaquePointer) -> Bool {
        if let file = getenv("SSL_CERT_FILE"), realPath(String(cString: file)) != realPath(String(cString: X509_get_default_cert_file())) {
            return false
        }
        let folder = getenv("SSL_CERT_DIR").map { String(cString: $0) } ?? String(cString: X509_get_default_cert_dir())
        guard let entries = opendir(folder) else { return false }
        defer { closedir(entries) }
        var hashed = false
        while let entry = readdir(entries) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            // `5ad8a5d6.0`: eight hex digits, a dot, a number.
            if name.count >= 10, name.dropFirst(8).first == ".", name.prefix(8).allSatisfy(\.isHexDigit) {
                hashed = true
                break
            }
        }
        return hashed && SSL_CTX_load_verify_locations(context, nil, folder) == 1
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A passphrase callback that gives none (0 bytes): OpenSSL then fails instead of prompting.
private let refusePassphrase: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = { _, _, _, _ in 0 }

extension PeerCertificate {
    /// A certificate the `SSL` only lends (`get0`): take a reference of our own first.
    init(borrowing x509: OpaquePointer) {
        X509_up_ref(x509)
        self.init(Certificate(takingOwnership: x509))
    }
}
