internal import COpenSSL

#if canImport(Glibc)
import Glibc
#endif

/// Where trust comes from when a chain is verified.
public enum TrustAnchors: Sendable {
    /// These certificates, for example a configuration's CA bundle. Any of them is an anchor, an
    /// intermediate as much as a root, as Go treats the certificates of a `CertPool`.
    case certificates([Certificate])
    /// The system store OpenSSL was built with (`/etc/ssl/certs` on Debian).
    case system
}

/// The name a client expects the peer to have: a DNS name, or an IP address (which only an IP SAN
/// matches: a DNS SAN `10.0.0.1` does not, in Go as in OpenSSL).
public enum ExpectedPeer: Sendable, Hashable {
    case dns(String)
    case ip(String)

    /// An IP address when the text is one, else a DNS name.
    public init(_ text: String) {
        self = IPAddress.bytes(text) != nil ? .ip(text) : .dns(text)
    }
}

/// What the chain's leaf must be good for.
public enum VerificationPurpose: Sendable, Hashable {
    /// A TLS server's certificate (extended key usage serverAuth, or none).
    case serverAuth
    /// A TLS client's certificate (clientAuth, or none), as a server verifying clients checks it.
    case clientAuth
}

/// OpenSSL's verdict on a chain.
public struct ChainVerification: Sendable {
    /// OpenSSL's verify result code: 0 (`X509_V_OK`) when the chain verifies.
    public let code: Int
    /// Its symbolic name, stable across OpenSSL versions (numbers are not): `X509_V_ERR_HOSTNAME_MISMATCH`.
    public let name: String
    /// OpenSSL's words for it: "hostname mismatch".
    public let message: String
    /// Where in the chain OpenSSL stopped (0 is the leaf); nil when it verifies.
    public let depth: Int?
    /// The chain OpenSSL built, leaf first, up to the anchor when it verifies (as far as it got
    /// when it does not).
    public let verifiedChain: [Certificate]

    public var isVerified: Bool { code == 0 }
}

/// Verifies a presented chain with OpenSSL, as a client (or a server verifying clients) would at a
/// given time: `X509_STORE` with the anchors, `X509_STORE_CTX` with the presented intermediates,
/// `X509_VERIFY_PARAM` with the time fixed, the name and the purpose. Static cross-checks (a scraper's
/// CA file against an exporter's certificate) and the probe share it.
///
/// The host check follows Go, which the observability stack's clients are: SANs only (never the
/// subject's CN) and no partial wildcards (`f*.example.com`).
public enum ChainVerifier {
    public static func verify(
        _ chain: [Certificate], anchors: TrustAnchors, peer: ExpectedPeer?, purpose: VerificationPurpose, at time: Date
    ) -> ChainVerification {
        guard let leaf = chain.first else {
            return ChainVerification(
                code: Int(X509_V_ERR_UNSPECIFIED), name: VerifyErrorNames.name(Int(X509_V_ERR_UNSPECIFIED)),
                message: "no certificate was presented", depth: 0, verifiedChain: [])
        }
        guard let context = VerificationContext(leaf: leaf, intermediates: chain.dropFirst(), anchors: anchors) else {
            let error = OpenSSLError.drain("setting up verification")
            return ChainVerification(
                code: Int(X509_V_ERR_UNSPECIFIED), name: VerifyErrorNames.name(Int(X509_V_ERR_UNSPECIFIED)),
                message: error.description, depth: 0, verifiedChain: [])
        }
        return context.verify(peer: peer, purpose: purpose, at: time, partialChain: { if case .certificates = anchors { true } else { false } }())
    }
}

/// One verification's OpenSSL objects: the store, the context and the stack of intermediates, freed
/// together in deinit.
private final class VerificationContext {
    private let store: OpaquePointer
    private let context: OpaquePointer
    /// Holds the presented intermediates without owning them (the `Certificate`s do).
    private let untrusted: OpaquePointer
    /// Keeps the certificates the stack and context point to alive.
    private let certificates: [Certificate]

    init?(leaf: Certificate, intermediates: ArraySlice<Certificate>, anchors: TrustAnchors) {
        guard let store = X509_STORE_new() else { return nil }
        guard let context = X509_STORE_CTX_new() else {
            X509_STORE_free(store)
            return nil
        }
        guard let untrusted = copenssl_sk_X509_new_null() else {
            X509_STORE_CTX_free(context)
            X509_STORE_free(store)
            return nil
        }
        self.store = store
        self.context = context
        self.untrusted = untrusted
        certificates = [leaf] + intermediates
        switch anchors {
        case .certificates(let list):
            // X509_STORE_add_cert takes a reference of its own; a duplicate is not an error.
            for anchor in list where X509_STORE_add_cert(store, anchor.ref) != 1 { ERR_clear_error() }
        case .system:
            if X509_STORE_set_default_paths(store) != 1 { ERR_clear_error() }
        }
        for intermediate in intermediates { _ = copenssl_sk_X509_push(untrusted, intermediate.ref) }
        guard X509_STORE_CTX_init(context, store, leaf.ref, untrusted) == 1 else { return nil }
    }

    deinit {
        X509_STORE_CTX_free(context)
        copenssl_sk_X509_free(untrusted)
        X509_STORE_free(store)
    }

    func verify(peer: ExpectedPeer?, purpose: VerificationPurpose, at time: Date, partialChain: Bool) -> ChainVerification {
        let parameters = X509_STORE_CTX_get0_param(context)
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970.rounded(.down)))
        if partialChain { X509_VERIFY_PARAM_set_flags(parameters, UInt(X509_V_FLAG_PARTIAL_CHAIN)) }
        switch peer {
        case .dns(let name)?:
            X509_VERIFY_PARAM_set_hostflags(
                parameters, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT))
            if X509_VERIFY_PARAM_set1_host(parameters, name, 0) != 1 { ERR_clear_error() }
        case .ip(let address)?:
            if X509_VERIFY_PARAM_set1_ip_asc(parameters, address) != 1 { ERR_clear_error() }
        case nil:
            break
        }
        _ = X509_STORE_CTX_set_purpose(context, purpose == .serverAuth ? X509_PURPOSE_SSL_SERVER : X509_PURPOSE_SSL_CLIENT)
        let verified = X509_verify_cert(context) == 1
        OpenSSLError.drainQueue()
        let code = verified ? 0 : Int(X509_STORE_CTX_get_error(context))
        var chain: [Certificate] = []
        if let built = X509_STORE_CTX_get1_chain(context) {
            // get1: each certificate carries a reference for us, handed to its `Certificate`.
            for i in 0..<copenssl_sk_X509_num(built) {
                if let x509 = copenssl_sk_X509_value(built, i) { chain.append(Certificate(takingOwnership: x509)) }
            }
            copenssl_sk_X509_free(built)
        }
        return ChainVerification(
            code: code, name: VerifyErrorNames.name(code),
            message: String(cString: X509_verify_cert_error_string(numericCast(code))),
            depth: verified ? nil : Int(X509_STORE_CTX_get_error_depth(context)), verifiedChain: chain)
    }
}
