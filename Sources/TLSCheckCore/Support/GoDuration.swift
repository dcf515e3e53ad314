/// Go's `time.ParseDuration`, which exporter-toolkit uses for `rate_limit.interval`.
enum GoDuration {
    /// Nanoseconds, or nil when Go would reject the text (e.g. `1d`, `5`, `1.5.s`, or more than
    /// 2562047h47m16.854775807s, which overflows Go's int64 nanoseconds: "time: invalid duration").
    static func parse(_ text: String) -> Double? {
        var s = Substring(text)
        var sign = 1.0
        if let first = s.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            s = s.dropFirst()
        }
        if s == "0" { return 0 }
        if s.isEmpty { return nil }
        let units: [(String, Double)] = [
            ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ]
        var total = 0.0
        while !s.isEmpty {
            let number = s.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1,
                let value = Double(number.hasPrefix(".") ? "0" + number : String(number))
            else { return nil }
            s = s.dropFirst(number.count)
            // Longest unit first so "ms" is not read as "m".
            guard let unit = units.sorted(by: { $0.0.count > $1.0.count }).first(where: { s.hasPrefix($0.0) })
            else { return nil }
            s = s.dropFirst(unit.0.count)
            total += value * unit.1
            guard total.fitsGoInt64 || (sign < 0 && total == 9_223_372_036_854_775_808.0) else { return nil }
        }
        return sign * total
    }
}
