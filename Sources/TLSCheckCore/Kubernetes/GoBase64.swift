/// Go's `base64.StdEncoding`, as the API server decodes a Secret's `data` and a ConfigMap's
/// `binaryData`: padding required, line breaks ignored, anything else refused with the offset Go
/// names (`illegal base64 data at input byte 4`).
enum GoBase64 {
    enum Result: Equatable {
        case bytes([UInt8])
        /// The offset of the first byte Go refuses, counted in the input as written.
        case illegal(at: Int)
    }

    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = Int8(index)
        }
        return table
    }()

    static func decode(_ text: String) -> Result {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3 / 4)
        var quantum: [Int] = []  // up to four 6-bit values
        var padding = 0
        var offset = -1
        for byte in text.utf8 {
            offset += 1
            if byte == 0x0A || byte == 0x0D { continue }
            if padding > 0 {
                // After '=' only more '=' (to complete the quantum) may come.
                guard byte == UInt8(ascii: "="), quantum.count + padding < 4 else { return .illegal(at: offset) }
                padding += 1
                continue
            }
            if byte == UInt8(ascii: "=") {
                guard quantum.count >= 2 else { return .illegal(at: offset) }
                padding = 1
                continue
            }
            let value = values[Int(byte)]
            guard value >= 0 else { return .illegal(at: offset) }
            quantum.append(Int(value))
            if quantum.count == 4 {
                let bits = quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3]
                output += [UInt8(bits >> 16 & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits & 0xFF)]
                quantum.removeAll(keepingCapacity: true)
            }
        }
        if quantum.isEmpty { return padding == 0 ? .bytes(output) : .illegal(at: offset) }
        // A partial quantum needs its padding (StdEncoding is padded).
        guard quantum.count + padding == 4 else { return .illegal(at: offset + 1) }
        let bits = quantum.enumerated().reduce(0) { $0 | $1.element << (18 - 6 * $1.offset) }
        output.append(UInt8(bits >> 16 & 0xFF))
        if quantum.count == 3 { output.append(UInt8(bits >> 8 & 0xFF)) }
        return .bytes(output)
    }
}
