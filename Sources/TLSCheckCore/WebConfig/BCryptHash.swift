internal import CCrypt

/// What a `basic_auth_users` value really is. exporter-toolkit only runs `bcrypt.Cost`, which
/// checks the prefix and the length; a strict check finds hashes that pass it but can never match.
enum BCryptHash {
    enum Verdict: Equatable {
        case valid(cost: Int)
        /// Rejected by the toolkit at start-up (`message` in Go's words).
        case rejected(message: String, hint: String)
        /// Accepted by the toolkit, but no password will ever match it.
        case neverMatches(reason: String, hint: String)
    }

    static let alphabet = Set("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    static let makeHint = "store a bcrypt hash, e.g. from `htpasswd -nbBC 10 \"\" PASSWORD | tr -d ':\\n'` or `python3 -c 'import bcrypt; print(bcrypt.hashpw(b\"PASSWORD\", bcrypt.gensalt()).decode())'`"

    static func check(_ value: String) -> Verdict {
        let bytes = Array(value.utf8)
        if let goError = costError(bytes) {
            if let name = foreignScheme(value) {
                return .rejected(
                    message: "this is \(name), not bcrypt (\(goError))",
                    hint: "exporter-toolkit only understands bcrypt ($2a$, $2b$, $2y$); " + makeHint)
            }
            if let colon = value.firstIndex(of: ":"), value[value.index(after: colon)...].hasPrefix("$2") {
                return .rejected(
                    message: "this looks like a whole htpasswd line (user:hash); only the hash belongs here (\(goError))",
                    hint: "keep the user name as the key and put only the part after ':' as the value")
            }
            if !value.hasPrefix("$") && bytes.count < 59 {
                return .rejected(
                    message: "this looks like a plaintext password, not a bcrypt hash (\(goError))", hint: makeHint)
            }
            return .rejected(message: goError, hint: makeHint)
        }
        let cost = Int(String(decoding: bytes[(bytes[2] == UInt8(ascii: "$") ? 3 : 4)...].prefix(2), as: UTF8.self)) ?? 0
        // Strict form: $2[abxy]$NN$ + 53 characters of the bcrypt alphabet, 60 in all.
        let minor = bytes[2] == UInt8(ascii: "$") ? nil : bytes[2]
        if let minor, !"abxy".utf8.contains(minor) {
            return .neverMatches(reason: "unknown bcrypt minor version '\(Character(Unicode.Scalar(minor)))'", hint: makeHint)
        }
        let headerLength = minor == nil ? 6 : 7
        if bytes.count != headerLength + 53 {
            return .neverMatches(
                reason: "a bcrypt hash is \(headerLength + 53) characters long, this one has \(bytes.count) (truncated or padded when copied?)",
                hint: "copy the whole hash again, without quotes or spaces; " + makeHint)
        }
        if bytes[headerLength - 1] != UInt8(ascii: "$") {
            return .neverMatches(reason: "the cost is not followed by '$'", hint: makeHint)
        }
        if let bad = value.dropFirst(headerLength).first(where: { !alphabet.contains($0) }) {
            return .neverMatches(
                reason: "character '\(bad)' is not in bcrypt's alphabet (./A-Za-z0-9)", hint: makeHint)
        }
        return .valid(cost: cost)
    }

    /// What Go's `bcrypt.Cost` (the toolkit's only check) says about the value, in its words.
    static func costError(_ bytes: [UInt8]) -> String? {
        func char(_ b: UInt8) -> Character { Character(Unicode.Scalar(b)) }
        if bytes.count < 59 { return "crypto/bcrypt: hashedSecret too short to be a bcrypted password" }
        if bytes[0] != UInt8(ascii: "$") {
            return "crypto/bcrypt: bcrypt hashes must start with '$', but hashedSecret started with '\(char(bytes[0]))'"
        }
        if bytes[1] > UInt8(ascii: "2") {
            return "crypto/bcrypt: bcrypt algorithm version '\(char(bytes[1]))' requested is newer than current version '2'"
        }
        let costStart = bytes[2] == UInt8(ascii: "$") ? 3 : 4
        let costText = String(decoding: bytes[costStart...].prefix(2), as: UTF8.self)
        guard let cost = Int(costText) else { return "strconv.Atoi: parsing \"\(costText)\": invalid syntax" }
        if !(4...31).contains(cost) { return "crypto/bcrypt: cost \(cost) is outside allowed inclusive range 4..31" }
        return nil
    }

    /// Other crypt(3) schemes users paste from /etc/shadow or Apache.
    static func foreignScheme(_ value: String) -> String? {
        let schemes = [
            ("$apr1$", "an Apache MD5 hash ($apr1$)"), ("$1$", "an MD5-crypt hash ($1$)"),
            ("$5$", "a SHA-256-crypt hash ($5$)"), ("$6$", "a SHA-512-crypt hash ($6$)"),
            ("$y$", "a yescrypt hash ($y$)"), ("{SHA}", "an Apache SHA-1 hash ({SHA})"),
        ]
        return schemes.first { value.hasPrefix($0.0) }?.1
    }

}

extension BCryptHash {
    /// Whether `password` matches the bcrypt `hash`, as Go's `bcrypt.CompareHashAndPassword` decides:
    /// libxcrypt's `crypt_r` hashes the password with the hash's salt and cost; the results are
    /// compared in constant time. False for anything that is not a usable bcrypt hash.
    static func matches(password: String, hash: String) -> Bool {
        guard case .valid = check(hash) else { return false }
        var data = crypt_data()
        guard let result = crypt_r(password, hash, &data) else { return false }
        let computed = Array(String(cString: result).utf8), expected = Array(hash.utf8)
        guard computed.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(computed, expected) { difference |= a ^ b }
        return difference == 0
    }
}
