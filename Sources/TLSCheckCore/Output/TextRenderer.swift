/// Compiler-style text: `path:line:col: error: message [code]`, an indented `hint:` line, and a
/// summary. Colour (ANSI) only when asked; the front end decides from the terminal and `NO_COLOR`.
public struct TextRenderer: Sendable {
    public var color: Bool
    /// Paths are printed relative to this folder when they are inside it (empty: as given).
    public var workingDirectory: String

    public init(color: Bool, workingDirectory: String = "") {
        self.color = color
        self.workingDirectory = workingDirectory
    }

    public func render(_ finding: Finding) -> String {
        var location = finding.location
        location.path = Paths.display(location.path, relativeTo: workingDirectory)
        let label = paint(finding.severity.rawValue, Self.color(for: finding.severity), bold: true)
        var text = "\(paint(location.description + ":", nil, bold: true)) \(label): "
            + "\(finding.message) \(paint("[\(finding.code)]", "2", bold: false))\n"
        if let hint = finding.hint, !hint.isEmpty {
            text += "    \(paint("hint:", "36", bold: false)) \(hint)\n"
        }
        return text
    }

    public func render(_ report: Report, noun: String = "file", summary: Bool = true) -> String {
        var text = ""
        render(report, noun: noun, summary: summary, to: &text)
        return text
    }

    /// One finding at a time: a long report never sits whole in memory as text.
    public func render(_ report: Report, noun: String = "file", summary: Bool = true, to out: inout some TextOutputStream) {
        for finding in report.sorted { out.write(render(finding)) }
        if summary { out.write(report.summary(noun: noun) + "\n") }
    }

    static func color(for severity: Severity) -> String {
        switch severity {
        case .error: "31"
        case .warning: "33"
        case .info: "34"
        }
    }

    func paint(_ text: String, _ code: String?, bold: Bool) -> String {
        guard color, code != nil || bold else { return text }
        let codes = ([bold ? "1" : nil, code].compactMap { $0 }).joined(separator: ";")
        return "\u{1B}[\(codes)m\(text)\u{1B}[0m"
    }
}

public enum Paths {
    /// `path` relative to `folder` when it lies inside it; otherwise unchanged.
    public static func display(_ path: String, relativeTo folder: String) -> String {
        guard !folder.isEmpty, path.hasPrefix("/") else { return path }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
