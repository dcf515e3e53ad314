import TLSCheckCore

enum Version {
    static let tlscheck = "0.1.0"
    static var text: String {
        "tlscheck \(tlscheck)\n\(LibraryVersions.openSSL)\nlibyaml \(LibraryVersions.libyaml)"
    }
}
