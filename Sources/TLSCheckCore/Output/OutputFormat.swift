/// The ways a report can be printed. Each command offers the ones that fit it.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text
    case json
    case sarif
    case github
    case prometheus
}
