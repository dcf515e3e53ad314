/// "Did you mean …?" — the closest known name to a misspelt one.
public enum Suggestion {
    /// The candidate nearest to `word` (case-insensitive edit distance, `_`/`-` ignored), if it is
    /// close enough to be a plausible typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let key = normalized(word)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(key, normalized(candidate))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(key.count, best.name.count) / 3)
        return best.distance <= allowed ? best.name : nil
    }

    static func normalized(_ s: String) -> [Character] {
        Array(s.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " && $0 != "\u{A0}" })
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
