extension Check {
    static let yamlChecks: [Check] = []
}
