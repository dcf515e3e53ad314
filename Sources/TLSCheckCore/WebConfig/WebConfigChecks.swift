extension Check {
    static let webConfigChecks: [Check] = []
}
