/// Base64 (standard alphabet, padded) as Go's `encoding/pem` and the Kubernetes API server read it:
/// spaces, tabs, CRs and line feeds are skipped, anything else outside the alphabet fails, and the
/// input must fill whole quanta (with `=` padding at the very end). Decodes straight into bytes:
/// filtering into a copy and going through `Data` twice was a sixth of an `expiry` run's own work.
enum Base64 {
    static func decode<Input: Collection<UInt8>>(_ input: Input) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3)
        var quantum: UInt32 = 0
        var filled = 0
        var padding = 0
        for byte in input {
            let value = table[Int(byte)]
            if value == skip { continue }
            if value == pad {
                guard filled >= 2 else { return nil }
                padding += 1
                filled += 1
            } else {
                guard value != invalid, padding == 0 else { return nil }
                quantum = quantum << 6 | UInt32(value)
                filled += 1
            }
            if filled == 4 {
                quantum <<= UInt32(6 * padding)
                output.append(UInt8(truncatingIfNeeded: quantum >> 16))
                if padding < 2 { output.append(UInt8(truncatingIfNeeded: quantum >> 8)) }
                if padding < 1 { output.append(UInt8(truncatingIfNeeded: quantum)) }
                if padding > 0 { padding = 3 }  // nothing but white space may follow
                quantum = 0
                filled = 0
            }
        }
        return filled == 0 ? output : nil
    }

    /// `text`'s UTF-8 bytes decoded.
    static func decode(_ text: String) -> [UInt8]? { decode(text.utf8) }

    private static let invalid: UInt8 = 0xFF
    private static let skip: UInt8 = 0xFE
    private static let pad: UInt8 = 0xFD

    private static let table: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(index)
        }
        for character in [0x20, 0x09, 0x0A, 0x0D] { table[character] = skip }
        table[Int(UInt8(ascii: "="))] = pad
        return table
    }()
}
