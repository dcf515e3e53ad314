/// GitHub Actions workflow commands: `::error file=PATH,line=N,col=M,title=CODE::message`, which
/// GitHub shows as annotations on the pull request's lines.
public struct GitHubRenderer: Sendable {
    public var workingDirectory: String

    public init(workingDirectory: String = "") { self.workingDirectory = workingDirectory }

    public func render(_ report: Report) -> String {
        var text = ""
        render(report, to: &text)
        return text
    }

    public func render(_ report: Report, to out: inout some TextOutputStream) {
        for finding in report.sorted { out.write(render(finding)) }
    }

    public func render(_ f: Finding) -> String {
        let command = switch f.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
        var properties = ["file=" + Self.escapeProperty(Paths.display(f.location.path, relativeTo: workingDirectory))]
        if let line = f.location.line { properties.append("line=\(line)") }
        if let column = f.location.column { properties.append("col=\(column)") }
        properties.append("title=" + Self.escapeProperty(f.code))
        var message = f.message
        if let hint = f.hint { message += "\nhint: " + hint }
        return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
    }

    // The escapes the Actions runner decodes (toolkit/core command.ts). Per Unicode scalar, not per
    // Character: Swift treats "\r\n" as one Character, which a Character-wise replace would miss.
    static func escapeData(_ s: String) -> String {
        escape(s, [UInt8(ascii: "%"), UInt8(ascii: "\r"), UInt8(ascii: "\n")])
    }

    static func escapeProperty(_ s: String) -> String {
        escape(s, [UInt8(ascii: "%"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ":"), UInt8(ascii: ",")])
    }

    private static func escape(_ s: String, _ bytes: Set<UInt8>) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar.isASCII, bytes.contains(UInt8(scalar.value)) {
                out.append(contentsOf: ("%" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
