extension Check {
    static let fileChecks: [Check] = []
    static let certificateChecks: [Check] = []
}
