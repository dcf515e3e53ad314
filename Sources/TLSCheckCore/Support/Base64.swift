/// Base64, standard alphabet, padded — as Go reads it in the two places tlscheck meets it: PEM
/// bodies (`encoding/pem` drops spaces and tabs, then line breaks are skipped) and the Kubernetes API
/// server's `data` values (`base64.StdEncoding`: only line breaks are skipped, a space is illegal).
/// Anything else outside the alphabet fails at its offset, as Go names it (`illegal base64 data at
/// input byte 4`); the input must fill whole quanta, with `=` padding only at the very end. Decodes
/// straight into bytes: filtering into a copy and going through `Data` twice was a sixth of an
/// `expiry` run's own work.
enum Base64 {
    enum Skipped: Sendable {
        /// Spaces, tabs, CRs and line feeds (a PEM body).
        case whitespace
        /// CRs and line feeds only (a Secret's `data`, a ConfigMap's `binaryData`).
        case lineBreaks
    }

    enum Result: Equatable {
        case bytes([UInt8])
        /// The offset of the first byte Go refuses, counted in the input as written.
        case illegal(at: Int)

        var bytes: [UInt8]? {
            if case .bytes(let bytes) = self { return bytes }
            return nil
        }
    }

    static func decoding<Input: Collection<UInt8>>(_ input: Input, skipping: Skipped = .whitespace) -> Result {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3)
        var quantum: UInt32 = 0
        var filled = 0
        var padding = 0
        var ended = false  // a padded quantum ended the data: only skipped bytes may follow
        var offset = -1
        for byte in input {
            offset += 1
            let value = table[Int(byte)]
            if value == lineBreak || (value == space && skipping == .whitespace) { continue }
            if ended { return .illegal(at: offset) }
            if value == pad {
                guard filled >= 2 else { return .illegal(at: offset) }
                padding += 1
                filled += 1
            } else {
                guard value < 64, padding == 0 else { return .illegal(at: offset) }
                quantum = quantum << 6 | UInt32(value)
                filled += 1
            }
            if filled == 4 {
                quantum <<= UInt32(6 * padding)
                output.append(UInt8(truncatingIfNeeded: quantum >> 16))
                if padding < 2 { output.append(UInt8(truncatingIfNeeded: quantum >> 8)) }
                if padding < 1 { output.append(UInt8(truncatingIfNeeded: quantum)) }
                ended = padding > 0
                quantum = 0
                filled = 0
                padding = 0
            }
        }
        return filled == 0 ? .bytes(output) : .illegal(at: offset + 1)
    }

    /// The bytes of a PEM-style value (white space skipped), nil when it is not base64.
    static func decode<Input: Collection<UInt8>>(_ input: Input) -> [UInt8]? { decoding(input).bytes }

    /// `text`'s UTF-8 bytes decoded.
    static func decode(_ text: String) -> [UInt8]? { decode(text.utf8) }

    private static let invalid: UInt8 = 0xFF
    private static let space: UInt8 = 0xFE
    private static let lineBreak: UInt8 = 0xFD
    private static let pad: UInt8 = 0xFC

    private static let table: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(index)
        }
        for character in [0x20, 0x09] { table[character] = space }
        for character in [0x0A, 0x0D] { table[character] = lineBreak }
        table[Int(UInt8(ascii: "="))] = pad
        return table
    }()
}
