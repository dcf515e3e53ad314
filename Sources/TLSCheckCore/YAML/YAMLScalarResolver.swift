/// Resolves a scalar the way go-yaml v2 (`gopkg.in/yaml.v2`, `resolve.go` and `decode.go`) does, since
/// that is what exporter-toolkit sees: YAML 1.1 booleans (`yes`, `off`, `y`…), Go's integer syntax
/// (`0x`, `0o`, `0b`, leading-zero octal, `_` separators), Go's float syntax, `!!timestamp` detection.
enum YAMLScalarResolver {
    struct Resolution: Equatable {
        var value: YAMLValue
        var typeName: String
        /// go-yaml's complaint when an explicit tag does not fit the text, e.g.
        /// "cannot decode !!str `abc` as a !!int".
        var tagError: String?
    }

    static func resolve(_ text: String, style: YAMLScalarStyle, tag: String?) -> Resolution {
        guard let tag else {
            // go-yaml: a non-plain scalar without a tag is a string, whatever it looks like.
            if style != .plain { return Resolution(value: .string(text), typeName: "!!str") }
            let (value, typeName) = resolveImplicit(text, timestamps: true)
            return Resolution(value: value, typeName: typeName)
        }
        switch tag {
        case "!!null":
            // go-yaml's `prepare` treats any `!!null` node as null before looking at the text.
            return Resolution(value: .null, typeName: "!!null")
        case "!!str", "!!binary":
            return Resolution(value: .string(text), typeName: tag)
        case "!!bool", "!!int", "!!float", "!!timestamp":
            let (value, typeName) = resolveImplicit(text, timestamps: tag == "!!timestamp")
            if typeName == tag { return Resolution(value: value, typeName: typeName) }
            if tag == "!!float", case .int(let int) = value {
                return Resolution(value: .float(Double(int)), typeName: "!!float")
            }
            return Resolution(
                value: .string(text), typeName: typeName,
                tagError: "cannot decode \(typeName) `\(text)` as a \(tag)")
        default:
            // Unknown or local tags (`!foo`, `!`) are left alone: the text is a string of that type.
            return Resolution(value: .string(text), typeName: tag)
        }
    }

    /// go-yaml v2's `resolve("", text)` for a plain scalar.
    static func resolveImplicit(_ text: String, timestamps: Bool) -> (YAMLValue, String) {
        let utf8 = text.utf8
        guard let first = utf8.first else { return (.null, "!!null") }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
            UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
            UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return keywords[text] ?? (.string(text), "!!str")
        case UInt8(ascii: "."):
            if let value = keywords[text] { return value }
            if let float = goFloat(Array(utf8)[...], allowLeadingDot: true) { return (.float(float), "!!float") }
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let value = keywords[text] { return value }
            if timestamps && isGoTimestamp(Array(utf8)) { return (.string(text), "!!timestamp") }
            let plain = Array(utf8.lazy.filter { $0 != UInt8(ascii: "_") })
            switch goParseInteger(plain[...]) {
            case .int(let int): return (.int(int), "!!int")
            case .unsigned(let unsigned): return (.float(Double(unsigned)), "!!int")
            case nil: break
            }
            if let float = goFloat(plain[...], allowLeadingDot: false) { return (.float(float), "!!float") }
        default:
            break
        }
        return (.string(text), "!!str")
    }

    private static let keywords: [String: (YAMLValue, String)] = {
        var table: [String: (YAMLValue, String)] = [:]
        for word in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] {
            table[word] = (.bool(true), "!!bool")
        }
        for word in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] {
            table[word] = (.bool(false), "!!bool")
        }
        for word in ["~", "null", "Null", "NULL"] { table[word] = (.null, "!!null") }
        for word in [".nan", ".NaN", ".NAN"] { table[word] = (.float(.nan), "!!float") }
        for word in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { table[word] = (.float(.infinity), "!!float") }
        for word in ["-.inf", "-.Inf", "-.INF"] { table[word] = (.float(-.infinity), "!!float") }
        return table
    }()

    enum GoInteger: Equatable {
        case int(Int)
        /// Above `Int.max` but within `UInt64` (go-yaml returns a `uint64`).
        case unsigned(UInt64)
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint(s, 0, 64)` as go-yaml does:
    /// optional sign, then `0x`/`0X` hex, `0b`/`0B` binary, `0o`/`0O` or a leading `0` octal, or decimal.
    static func goParseInteger(_ bytes: ArraySlice<UInt8>) -> GoInteger? {
        var digits = bytes
        var negative = false
        var signed = false
        if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            signed = true
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var radix: UInt64 = 10
        if digits.first == UInt8(ascii: "0") {
            let marker = digits.count >= 3 ? digits[digits.startIndex + 1] | 0x20 : 0
            switch marker {
            case UInt8(ascii: "x"): radix = 16; digits = digits.dropFirst(2)
            case UInt8(ascii: "b"): radix = 2; digits = digits.dropFirst(2)
            case UInt8(ascii: "o"): radix = 8; digits = digits.dropFirst(2)
            default: radix = 8; digits = digits.dropFirst()
            }
        }
        var magnitude: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < radix else { return nil }
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = shifted.addingReportingOverflow(digit)
            guard !overflow1 && !overflow2 else { return nil }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { return nil }
            return .int(magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude))
        }
        if magnitude <= UInt64(Int.max) { return .int(Int(magnitude)) }
        return signed ? nil : .unsigned(magnitude)  // ParseUint takes no sign
    }

    /// go-yaml's float rule: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`, then Go's
    /// `ParseFloat`, which rejects values out of range (they stay strings). With `allowLeadingDot`
    /// (text starting with `.`), Go's `ParseFloat` alone decides, which accepts the same shapes.
    static func goFloat(_ bytes: ArraySlice<UInt8>, allowLeadingDot: Bool) -> Double? {
        var index = bytes.startIndex
        func digits() -> Int {
            let from = index
            while index < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                index += 1
            }
            return index - from
        }
        func skip(_ options: UInt8...) -> Bool {
            guard index < bytes.endIndex, options.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        let signed = skip(UInt8(ascii: "+"), UInt8(ascii: "-"))
        if allowLeadingDot && signed { return nil }
        if skip(UInt8(ascii: ".")) {
            guard digits() > 0 else { return nil }
        } else {
            guard !allowLeadingDot, digits() > 0 else { return nil }
            if skip(UInt8(ascii: ".")) { _ = digits() }
        }
        if skip(UInt8(ascii: "e"), UInt8(ascii: "E")) {
            _ = skip(UInt8(ascii: "+"), UInt8(ascii: "-"))
            guard digits() > 0 else { return nil }
        }
        guard index == bytes.endIndex,
            let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite
        else { return nil }
        return value
    }

    /// go-yaml v2's `parseTimestamp`: Go's `time.Parse` with the layouts `2006-1-2T15:4:5.999999999Z07:00`
    /// (also with a lower-case `t`), `2006-1-2 15:4:5.999999999` and `2006-1-2`.
    static func isGoTimestamp(_ s: [UInt8]) -> Bool {
        var i = 0
        func isDigit(_ at: Int) -> Bool {
            at < s.count && s[at] >= UInt8(ascii: "0") && s[at] <= UInt8(ascii: "9")
        }
        /// Go's `getnum(s, false)`: one or two digits.
        func number() -> Int? {
            guard isDigit(i) else { return nil }
            var value = Int(s[i] - UInt8(ascii: "0"))
            i += 1
            if isDigit(i) {
                value = value * 10 + Int(s[i] - UInt8(ascii: "0"))
                i += 1
            }
            return value
        }
        func take(_ byte: UInt8) -> Bool {
            guard i < s.count, s[i] == byte else { return false }
            i += 1
            return true
        }
        guard s.count >= 5, (0..<4).allSatisfy(isDigit), s[4] == UInt8(ascii: "-") else { return false }
        let year = s[0..<4].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        i = 5
        guard let month = number(), (1...12).contains(month), take(UInt8(ascii: "-")), let day = number()
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...daysInMonth).contains(day) else { return false }
        if i == s.count { return true }
        let separator = s[i]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { return false }
        i += 1
        guard let hour = number(), hour < 24, take(UInt8(ascii: ":")), let minute = number(), minute < 60,
            take(UInt8(ascii: ":")), let second = number(), second < 60
        else { return false }
        if i + 1 < s.count, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ","), isDigit(i + 1) {
            i += 1
            while isDigit(i) { i += 1 }
        }
        if separator == UInt8(ascii: " ") { return i == s.count }
        // Z07:00: `Z`, or a sign and hh:mm.
        if take(UInt8(ascii: "Z")) { return i == s.count }
        guard i + 6 == s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-"),
            isDigit(i + 1), isDigit(i + 2), s[i + 3] == UInt8(ascii: ":"), isDigit(i + 4), isDigit(i + 5)
        else { return false }
        return true
    }
}
