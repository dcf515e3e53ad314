internal import COpenSSL

/// Reads what a finished handshake agreed on and what the server presented, as plain values.
enum PeerReading {
    static func negotiated(_ ssl: OpaquePointer) -> NegotiatedTLS {
        let version = TLSVersion(openSSLValue: SSL_version(ssl))?.rawValue ?? String(cString: SSL_get_version(ssl))
        let cipher = SSL_get_current_cipher(ssl)
        var alpnPointer: UnsafePointer<UInt8>?
        var alpnLength: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &alpnPointer, &alpnLength)
        let alpn = alpnPointer.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(alpnLength)), as: UTF8.self) }
        var group: String?
        let nid = Int32(truncatingIfNeeded: copenssl_SSL_get_negotiated_group(ssl))
        if nid != 0 {
            group = SSL_group_to_name(ssl, nid).map { String(cString: $0) } ?? OBJ_nid2sn(nid).map { String(cString: $0) }
        }
        return NegotiatedTLS(
            version: version,
            cipher: cipher.map { String(cString: SSL_CIPHER_get_name($0)) } ?? "",
            cipherStandardName: cipher.flatMap { SSL_CIPHER_standard_name($0) }.map { String(cString: $0) } ?? "",
            alpn: alpn?.isEmpty == false ? alpn : nil, group: group)
    }

    static func isTLS13(_ ssl: OpaquePointer) -> Bool { SSL_version(ssl) >= TLS1_3_VERSION }

    static func peerChain(_ ssl: OpaquePointer) -> [PeerCertificate] {
        guard let chain = SSL_get_peer_cert_chain(ssl) else { return [] }
        return (0..<copenssl_sk_X509_num(chain)).compactMap { copenssl_sk_X509_value(chain, $0).map { PeerCertificate(borrowing: $0) } }
    }

    static func clientCANames(_ ssl: OpaquePointer) -> [String] {
        guard let names = SSL_get_client_CA_list(ssl) else { return [] }
        return (0..<copenssl_sk_X509_NAME_num(names)).map { OpenSSLSupport.readable(copenssl_sk_X509_NAME_value(names, $0)) }
    }

    static func ocspStapled(_ ssl: OpaquePointer) -> Bool {
        var response: UnsafePointer<UInt8>?
        return copenssl_SSL_get_tlsext_status_ocsp_resp(ssl, &response) > 0
    }

    /// The verification result and the earliest not-after of the verified chain (nil unless verified).
    static func verification(_ ssl: OpaquePointer) -> (code: Int, verifiedChainExpiry: Date?) {
        let code = Int(SSL_get_verify_result(ssl))
        guard code == 0, let verified = SSL_get0_verified_chain(ssl) else { return (code, nil) }
        let expiry = (0..<copenssl_sk_X509_num(verified)).compactMap {
            copenssl_sk_X509_value(verified, $0).map { OpenSSLSupport.date(X509_get0_notAfter($0)) }
        }.min()
        return (code, expiry)
    }

    static func leaf(_ ssl: OpaquePointer) -> OpaquePointer? { SSL_get0_peer_certificate(ssl) }

    /// Whether `leaf` covers `name` as Go checks it: IP SANs for an address, DNS SANs with whole-label
    /// wildcards for a name.
    static func leafMatches(_ leaf: OpaquePointer, name: String) -> Bool {
        if SocketAddress.numeric(name, port: 0) != nil { return X509_check_ip_asc(leaf, name, 0) == 1 }
        return X509_check_host(leaf, name, name.utf8.count, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS), nil) == 1
    }

    static func hasAuthorityInformationAccess(_ leaf: OpaquePointer) -> Bool {
        X509_get_ext_by_NID(leaf, NID_info_access, -1) >= 0
    }
}

extension PeerReading {
    /// The verification result of a finished handshake and its diagnoses, in the probe's dialect.
    static func verify(
        _ ssl: OpaquePointer, chain: [PeerCertificate], options: ProbeOptions, target: ProbeTarget
    ) -> (VerificationResult, [ProbeDiagnosis]) {
        let (code, verifiedChainExpiry) = verification(ssl)
        let name = options.serverName ?? target.host
        let leaf = leaf(ssl)
        // The leaf checks cost a little: only a failed verification needs them.
        let input = VerificationInput(
            verifyResult: code, chain: chain, expectedName: name, time: options.verificationTime ?? Date(),
            trust: TrustConfiguration(caFile: options.caFile, caDirectory: options.caDir),
            leafMatchesName: code == 0 || leaf.map { leafMatches($0, name: name) } ?? true,
            leafHasAuthorityInformationAccess: code != 0 && leaf.map(hasAuthorityInformationAccess) ?? false,
            subject: target.display)
        let result = VerificationResult(
            result: input.resultName, message: input.resultText, skipped: options.insecure, verifiedChainExpiry: verifiedChainExpiry)
        return (result, VerificationDiagnosis.diagnose(input, dialect: options.dialect))
    }
}

extension VerificationInput {
    /// `leafMatchesName` for a chain read from files: the same check the probe makes on a live leaf.
    public static func leafMatches(_ leaf: Certificate, name: String) -> Bool {
        PeerReading.leafMatches(leaf.ref, name: name)
    }

    /// `leafHasAuthorityInformationAccess` for a chain read from files.
    public static func hasAuthorityInformationAccess(_ leaf: Certificate) -> Bool {
        PeerReading.hasAuthorityInformationAccess(leaf.ref)
    }
}
