/// Threshold lengths as users write them: `30d`, `720h`, `90m`, `1d12h`.
public enum DurationText {
    /// Seconds, or nil when the text is not one or more `<number><unit>` parts with units d, h, m.
    public static func seconds(_ text: String) -> TimeInterval? {
        var total: TimeInterval = 0
        var digits = ""
        var sawPart = false
        for character in text.lowercased() {
            if character.isASCII && character.isNumber {
                digits.append(character)
                continue
            }
            let unit: TimeInterval
            switch character {
            case "d": unit = 86_400
            case "h": unit = 3600
            case "m": unit = 60
            default: return nil
            }
            guard let amount = Int(digits), amount <= 100_000 else { return nil }
            total += TimeInterval(amount) * unit
            digits = ""
            sawPart = true
        }
        return sawPart && digits.isEmpty ? total : nil
    }

    /// `30d`, `36h`, `90m`, `1d12h`: the shortest spelling of whole minutes.
    public static func text(_ seconds: TimeInterval) -> String {
        var minutes = Int.saturating(seconds / 60)
        if minutes == 0 { return "0m" }
        var parts = ""
        for (size, unit) in [(1440, "d"), (60, "h"), (1, "m")] where minutes >= size {
            parts += "\(minutes / size)\(unit)"
            minutes %= size
        }
        return parts
    }
}
