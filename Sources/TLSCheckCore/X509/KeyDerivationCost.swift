/// How much work a password-based key derivation asks for, read from its DER before OpenSSL does
/// any of it. PKCS#12 files and encrypted PKCS#8 keys carry their own iteration counts, and OpenSSL
/// honours any count: a MAC iteration count of 2³¹−1 is about 12 minutes of PBKDF2 work, and one such
/// file stalled a whole `expiry DIR` without a word. tlscheck refuses more than `maximum` iterations
/// for one derivation and more than `fileBudget` for all derivations of one file.
///
/// The limits leave every real tool's files alone: OpenSSL writes 2,048 iterations, Java's keytool
/// 10,000, Windows 2,000, and OWASP's 2023 advice for PBKDF2-HMAC-SHA256 is 600,000; a million takes
/// about 0.35 s of CPU on one core here (`openssl pkcs8 -iter 1000000`).
public enum KeyDerivationCost {
    /// Iterations (or the scrypt equivalent) of one derivation.
    public static let maximum = 1_000_000
    /// Iterations of all derivations of one file together (MAC, encrypted bags, keys; without a
    /// passphrase the MAC is tried twice, with both encodings of the empty one).
    public static let fileBudget = 4_000_000

    /// Why a derivation is refused.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// `MAC`, `encrypted key`, `encrypted certificates`.
        public let what: String
        public let reason: Reason

        public enum Reason: Sendable, Hashable {
            /// The count cannot be read.
            case unreadable
            /// More than `maximum` iterations for this one derivation.
            case tooMany(Int)
            /// This derivation (of so many iterations) would take the file past `fileBudget`.
            case overBudget(Int)
        }

        public var description: String {
            switch reason {
            case .unreadable:
                "the iteration count of its \(what) cannot be read"
            case .tooMany(let iterations):
                "its \(what) asks for \(Self.grouped(iterations)) iterations, more than the \(Self.grouped(KeyDerivationCost.maximum)) tlscheck does for one key derivation"
            case .overBudget(let iterations):
                "its \(what) asks for \(Self.grouped(iterations)) more iterations, past the \(Self.grouped(KeyDerivationCost.fileBudget)) tlscheck does for all key derivations of one file"
            }
        }

        /// `2,147,483,647`
        static func grouped(_ number: Int) -> String {
            var digits = Array(String(number))
            var index = digits.count - 3
            while index > 0 {
                digits.insert(",", at: index)
                index -= 3
            }
            return String(digits)
        }
    }

    /// The work of a password-based AlgorithmIdentifier (PBES1, PKCS#12 PBE, PBES2 with PBKDF2 or
    /// scrypt), in PBKDF2 iterations; scrypt counts N·r·p/8 (OpenSSL's `-scrypt` default, N = 16384,
    /// r = 8, p = 1, is 16,384). 0 for an algorithm that derives nothing from a password; nil when a
    /// password-based one cannot be read, which is refused too: OpenSSL's reader is more lenient.
    public static func work(ofAlgorithm der: [UInt8]) -> Int? {
        DERReader.read(der) { work(&$0) }
    }

    private static func work(_ outer: inout DERReader) -> Int? {
        guard var identifier = outer.read(DERTag.sequence), let oid = identifier.readObjectIdentifierText() else { return nil }
        switch oid {
        case pbes2:
            guard var parameters = identifier.read(DERTag.sequence), var kdf = parameters.read(DERTag.sequence),
                let kdfOID = kdf.readObjectIdentifierText(), var kdfParameters = kdf.read(DERTag.sequence),
                kdfParameters.readAnyElement() != nil  // the salt: an OCTET STRING or an AlgorithmIdentifier
            else { return nil }
            switch kdfOID {
            case pbkdf2: return count(&kdfParameters)
            case scrypt:
                guard let n = count(&kdfParameters), let r = count(&kdfParameters), let p = count(&kdfParameters) else { return nil }
                let (product, overflow) = n.multipliedReportingOverflow(by: r)
                let (work, overflow2) = product.multipliedReportingOverflow(by: p)
                return overflow || overflow2 ? Int.max : work / 8
            default: return nil
            }
        case _ where pbes1.contains(oid) || oid.hasPrefix(pkcs12PBE):
            guard var parameters = identifier.read(DERTag.sequence), parameters.read(DERTag.octetString) != nil else { return nil }
            return count(&parameters)
        default:
            return 0
        }
    }

    /// A positive INTEGER as a count; `Int.max` when it does not fit (a refusal, not a wrap).
    private static func count(_ reader: inout DERReader) -> Int? {
        guard let (negative, content) = reader.readInteger(), !negative else { return nil }
        let significant = content.drop { $0 == 0 }
        guard significant.count <= 7 else { return Int.max }
        return significant.reduce(0) { $0 << 8 | Int($1) }
    }

    static let pbes2 = "1.2.840.113549.1.5.13"
    static let pbkdf2 = "1.2.840.113549.1.5.12"
    static let scrypt = "1.3.6.1.4.1.11591.4.11"
    /// pbeWithMD2AndDES-CBC … pbeWithSHA1AndRC2-CBC (PKCS#5 v1.5).
    static let pbes1: Set = [
        "1.2.840.113549.1.5.1", "1.2.840.113549.1.5.3", "1.2.840.113549.1.5.4", "1.2.840.113549.1.5.6",
        "1.2.840.113549.1.5.10", "1.2.840.113549.1.5.11",
    ]
    /// pbeWithSHAAnd128BitRC4 … pbewithSHAAnd40BitRC2-CBC (PKCS#12 appendix C).
    static let pkcs12PBE = "1.2.840.113549.1.12.1."

    /// The derivations of one file so far, against the file's budget.
    struct Budget {
        private(set) var spent = 0

        /// Takes `work` for `what`, or says why not.
        mutating func spend(_ work: Int?, for what: String) -> Refusal? {
            guard let work else { return Refusal(what: what, reason: .unreadable) }
            guard work <= KeyDerivationCost.maximum else { return Refusal(what: what, reason: .tooMany(work)) }
            guard spent + work <= KeyDerivationCost.fileBudget else { return Refusal(what: what, reason: .overBudget(work)) }
            spent += work
            return nil
        }
    }
}
