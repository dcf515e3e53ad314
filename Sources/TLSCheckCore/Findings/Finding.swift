/// One problem (or note) found in an input: what, where, how bad, and how to fix it.
public struct Finding: Sendable, Hashable {
    public var check: Check
    public var severity: Severity
    public var message: String
    public var location: Location
    public var hint: String?

    /// `severity` defaults to the check's own severity; a rule that knows better may raise or lower it.
    public init(
        _ check: Check, _ message: String, at location: Location, hint: String? = nil,
        severity: Severity? = nil
    ) {
        self.check = check
        self.severity = severity ?? check.severity
        self.message = message
        self.location = location
        self.hint = hint ?? check.defaultHint
    }

    public var code: String { check.code }
}
