/// One PEM block, as Go's `encoding/pem.Decode` finds it, with the line it starts on.
public struct PEMBlock: Sendable, Hashable {
    /// The word between `-----BEGIN ` and `-----`, e.g. `CERTIFICATE`, `EC PRIVATE KEY`.
    public let label: String
    /// RFC 1421 headers (`Proc-Type`, `DEK-Info`) of legacy encrypted keys; usually empty.
    public let headers: [String: String]
    /// The decoded body (DER).
    public let bytes: [UInt8]
    /// 1-based line of the `-----BEGIN` marker.
    public let line: Int

    /// Go's test for a key block: `PRIVATE KEY` or any label ending in ` PRIVATE KEY`.
    public var isPrivateKey: Bool { label == "PRIVATE KEY" || label.hasSuffix(" PRIVATE KEY") }

    /// Encrypted PKCS#8, or a legacy OpenSSL key with `Proc-Type: 4,ENCRYPTED`.
    public var isEncrypted: Bool {
        label == "ENCRYPTED PRIVATE KEY" || headers["Proc-Type"]?.contains("ENCRYPTED") == true
    }
}

/// A `-----BEGIN` marker that did not make a block; Go skips such text silently.
public struct MalformedPEMBlock: Sendable, Hashable {
    public let label: String
    public let line: Int
    public let reason: String
}

/// Every block of a file, in order, plus the markers that led nowhere.
public struct PEMScan: Sendable {
    public var blocks: [PEMBlock] = []
    public var malformed: [MalformedPEMBlock] = []

    public func blocks(labeled label: String) -> [PEMBlock] { blocks.filter { $0.label == label } }
}

/// PEM reading and writing. The reader follows Go's `encoding/pem` exactly (what Prometheus, exporters
/// and the Collector accept), so junk between blocks is skipped and a broken block does not hide the
/// blocks after it.
public enum PEM {
    public static func scan(_ text: String) -> PEMScan { scan(Array(text.utf8)) }

    public static func scan(_ data: [UInt8]) -> PEMScan {
        var scanner = Scanner(data: data)
        return scanner.run()
    }

    /// True when the bytes contain a PEM begin marker anywhere (as opposed to DER or junk).
    public static func looksLikePEM(_ data: [UInt8]) -> Bool {
        Scanner(data: data).find(Scanner.beginMarker, from: 0) != nil
    }

    /// `-----BEGIN label-----`, base64 in 64-column lines, `-----END label-----`, final newline.
    public static func encode(_ bytes: [UInt8], label: String) -> String {
        let base64 = Data(bytes).base64EncodedString()
        var text = "-----BEGIN \(label)-----\n"
        var index = base64.startIndex
        while index < base64.endIndex {
            let next = base64.index(index, offsetBy: 64, limitedBy: base64.endIndex) ?? base64.endIndex
            text += base64[index..<next] + "\n"
            index = next
        }
        return text + "-----END \(label)-----\n"
    }

    /// A port of Go's `pem.Decode` loop over a byte array, keeping line numbers.
    private struct Scanner {
        static let beginMarker = Array("-----BEGIN ".utf8)
        static let endMarker = Array("\n-----END ".utf8)
        static let dashes = Array("-----".utf8)

        let data: [UInt8]
        var result = PEMScan()
        // Line counting is incremental: newlines before `countedTo` are in `linesBefore`.
        var countedTo = 0
        var linesBefore = 0

        init(data: [UInt8]) { self.data = data }

        mutating func run() -> PEMScan {
            var pos = 0
            while true {
                let beginAt: Int
                if hasPrefix(Self.beginMarker, at: pos) {
                    beginAt = pos
                } else if let newline = find([UInt8(ascii: "\n")] + Self.beginMarker, from: pos) {
                    beginAt = newline + 1
                } else {
                    return result
                }
                let line = lineNumber(of: beginAt)
                let (typeLine, afterType) = getLine(beginAt + Self.beginMarker.count)
                pos = afterType
                guard typeLine.count >= Self.dashes.count, Array(data[typeLine.suffix(5)]) == Self.dashes else {
                    malformed("", line, "the BEGIN line does not end with -----")
                    continue
                }
                let labelBytes = Array(data[typeLine.dropLast(5)])
                let label = String(decoding: labelBytes, as: UTF8.self)

                var headers: [String: String] = [:]
                while true {
                    if pos >= data.count {
                        malformed(label, line, "the file ends before the END line")
                        return result
                    }
                    let (headerLine, next) = getLine(pos)
                    guard let colon = data[headerLine].firstIndex(of: UInt8(ascii: ":")) else { break }
                    let key = trimmed(headerLine.lowerBound..<colon)
                    let value = trimmed((colon + 1)..<headerLine.upperBound)
                    headers[key] = value
                    pos = next
                }

                let endIndex: Int
                let trailerStart: Int
                if headers.isEmpty && hasPrefix(Array(Self.endMarker.dropFirst()), at: pos) {
                    endIndex = pos
                    trailerStart = pos + Self.endMarker.count - 1
                } else if let found = find(Self.endMarker, from: pos) {
                    endIndex = found
                    trailerStart = found + Self.endMarker.count
                } else {
                    malformed(label, line, "no END line follows")
                    continue
                }
                let trailer = labelBytes + Self.dashes
                guard hasPrefix(trailer, at: trailerStart) else {
                    malformed(label, line, "the END line does not match the BEGIN line")
                    continue
                }
                let (restOfEndLine, afterEnd) = getLine(trailerStart + trailer.count)
                guard restOfEndLine.isEmpty else {
                    malformed(label, line, "text follows the END marker on its line")
                    continue
                }
                guard let bytes = decodeBase64(pos..<endIndex) else {
                    malformed(label, line, "the body is not valid base64")
                    continue
                }
                result.blocks.append(PEMBlock(label: label, headers: headers, bytes: bytes, line: line))
                pos = afterEnd
            }
        }

        mutating func malformed(_ label: String, _ line: Int, _ reason: String) {
            result.malformed.append(MalformedPEMBlock(label: label, line: line, reason: reason))
        }

        mutating func lineNumber(of index: Int) -> Int {
            var i = countedTo
            while i < index {
                if data[i] == UInt8(ascii: "\n") { linesBefore += 1 }
                i += 1
            }
            countedTo = max(countedTo, index)
            return linesBefore + 1
        }

        func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
            guard index >= 0, data.count - index >= prefix.count else { return false }
            return data[index..<(index + prefix.count)].elementsEqual(prefix)
        }

        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard let first = needle.first, needle.count <= data.count else { return nil }
            var i = start
            let last = data.count - needle.count
            while i <= last {
                if data[i] == first && hasPrefix(needle, at: i) { return i }
                i += 1
            }
            return nil
        }

        /// Go's `getLine`: the line without its newline and trailing spaces, tabs and CRs; and where
        /// the next line starts.
        func getLine(_ start: Int) -> (Range<Int>, Int) {
            let start = min(start, data.count)
            var end = start
            while end < data.count && data[end] != UInt8(ascii: "\n") { end += 1 }
            let next = end < data.count ? end + 1 : end
            var trimmedEnd = end
            while trimmedEnd > start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")]
                .contains(data[trimmedEnd - 1])
            {
                trimmedEnd -= 1
            }
            return (start..<trimmedEnd, next)
        }

        func trimmed(_ range: Range<Int>) -> String {
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper && isSpace(data[lower]) { lower += 1 }
            while upper > lower && isSpace(data[upper - 1]) { upper -= 1 }
            return String(decoding: data[lower..<upper], as: UTF8.self)
        }

        /// Go's StdEncoding after `removeSpacesAndTabs`: CR and LF ignored, padding required.
        func decodeBase64(_ range: Range<Int>) -> [UInt8]? { Base64.decode(data[range]) }
    }
}
