extension Int {
    /// `value` without its fraction, clamped to `Int`'s range (NaN is 0). A bare `Int(double)` traps
    /// on NaN, infinities and anything past ±9.2e18 — a config's `interval: 1e19` crashed tlscheck
    /// with SIGILL — so every Double → Int conversion of a value that comes from outside goes here.
    /// (A static function, not an `init`, so that `map(Int.init)` stays unambiguous.)
    public static func saturating(_ value: Double) -> Int {
        if value.isNaN { return 0 }
        if value >= 9_223_372_036_854_775_808.0 { return .max }  // 2^63, the first Double past Int.max
        if value < -9_223_372_036_854_775_808.0 { return .min }
        return Int(value.rounded(.towardZero))
    }
}

extension Double {
    /// True when go-yaml v2 stores this number in a Go `int` or `time.Duration` (int64): not NaN, at
    /// most 2^63 (`resolved <= math.MaxInt64` in `decode.go`, where MaxInt64 rounds up to 2^63).
    /// Anything larger is "cannot unmarshal !!float `1e19` into time.Duration".
    var fitsGoInt64: Bool { !isNaN && self < 9_223_372_036_854_775_808.0 }
}
