/// The checks catalogue as Markdown (docs/checks.md is this output; a test keeps them equal) or text.
public enum CheckCatalogRenderer {
    public static func markdown() -> String {
        var text = """
            # Checks

            Every finding tlscheck reports has a stable code. This page lists them all, by area: what each
            means, why it matters, and how to fix it. It is generated from the code
            (`tlscheck checks --markdown`), so it is always complete. `tlscheck checks CODE` prints one entry.

            Severity is the usual one; a rule may raise or lower it where it knows more (for example a
            certificate that has already expired is an error, one that expires soon a warning).

            """
        for area in Check.areas where !area.checks.isEmpty {
            text += "\n## \(area.title)\n\n\(area.intro)\n\n| code | severity | meaning |\n|---|---|---|\n"
            for check in area.checks {
                text += "| [`\(check.code)`](#\(check.code)) | \(check.severity.rawValue) | \(escape(check.summary)) |\n"
            }
            for check in area.checks {
                text += "\n### \(check.code)\n\n**\(check.severity.rawValue)** — \(check.summary)\n\n\(check.help)\n"
                if let hint = check.defaultHint { text += "\nFix: \(hint)\n" }
            }
        }
        return text
    }

    public static func text(_ check: Check) -> String {
        var text = "\(check.code) (\(check.severity.rawValue))\n  \(check.summary)\n\n  \(check.help)\n"
        if let hint = check.defaultHint { text += "\n  fix: \(hint)\n" }
        return text
    }

    static func escape(_ s: String) -> String { s.replacing("|", with: "\\|") }
}
