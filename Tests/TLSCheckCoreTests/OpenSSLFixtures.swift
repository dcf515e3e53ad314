import Foundation
import Testing
import TestSupport

@testable import TLSCheckCore

/// Certificates and keys made at test time by the `openssl` command (Debian package `openssl`), in a
/// temporary folder that goes away with the value.
final class OpenSSLFixtures {
    let folder: URL
    var path: String { folder.path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tlscheck-x509-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("min.cnf", "[req]\ndistinguished_name = dn\n[dn]\n")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func file(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        return file(name)
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: file(name), encoding: .utf8) }

    /// Runs `openssl` in the folder; fails the test (with its stderr) when it fails.
    @discardableResult
    func openssl(_ arguments: [String], stdin: String? = nil) throws -> String {
        let result = try Self.run("openssl", arguments, in: folder, stdin: stdin)
        guard result.status == 0 else {
            throw FixtureError("openssl \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }

    /// Key arguments for `openssl req -newkey`.
    enum KeyKind {
        case ec(String)
        case rsa(Int)
        case ed25519

        var arguments: [String] {
            switch self {
            case .ec(let curve): ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:\(curve)"]
            case .rsa(let bits): ["-newkey", "rsa:\(bits)"]
            case .ed25519: ["-newkey", "ed25519"]
            }
        }
    }

    /// A CA certificate `name.crt` with key `name.key` (self-signed, or signed by `issuer`).
    @discardableResult
    func ca(
        _ name: String, subject: String = "/CN=Test Root CA/O=tlscheck tests", issuer: String? = nil,
        key: KeyKind = .ec("P-256"), days: Int = 3650, extensions: [String]? = nil
    ) throws -> String {
        let standard = [
            "basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign",
            "subjectKeyIdentifier=hash",
        ] + (issuer == nil ? [] : ["authorityKeyIdentifier=keyid:always"])
        return try certificate(name, subject: subject, issuer: issuer, key: key, days: days,
                               extensions: extensions ?? standard)
    }

    /// A leaf certificate for `hosts` as DNS SANs (none: no SAN extension at all).
    @discardableResult
    func leaf(
        _ name: String, subject: String = "/CN=localhost", hosts: [String] = ["DNS:localhost", "IP:127.0.0.1"],
        issuer: String? = "ca", key: KeyKind = .ec("P-256"), days: Int = 365, usage: String = "serverAuth",
        extra: [String] = [], digest: String? = nil
    ) throws -> String {
        var extensions = [
            "basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature,keyEncipherment",
            "extendedKeyUsage=\(usage)", "subjectKeyIdentifier=hash",
        ] + extra
        if issuer != nil { extensions.append("authorityKeyIdentifier=keyid:always") }
        if !hosts.isEmpty { extensions.append("subjectAltName=" + hosts.joined(separator: ",")) }
        return try certificate(name, subject: subject, issuer: issuer, key: key, days: days,
                               extensions: extensions, digest: digest)
    }

    @discardableResult
    func certificate(
        _ name: String, subject: String, issuer: String?, key: KeyKind, days: Int, extensions: [String],
        digest: String? = nil
    ) throws -> String {
        var arguments = ["req", "-x509", "-config", "min.cnf"] + key.arguments + [
            "-nodes", "-keyout", "\(name).key", "-out", "\(name).crt", "-subj", subject, "-days", "\(days)",
        ]
        if let issuer { arguments += ["-CA", "\(issuer).crt", "-CAkey", "\(issuer).key"] }
        if let digest { arguments.append("-\(digest)") }
        for ext in extensions { arguments += ["-addext", ext] }
        try openssl(arguments)
        return file("\(name).crt")
    }

    /// A certificate `name.crt` that really expired (2020–2021), signed by `issuer` through `openssl ca`.
    @discardableResult
    func expiredLeaf(_ name: String, issuer: String = "ca") throws -> String {
        try write("index.txt", "")
        try write("serial", "01\n")
        try write("ca.cnf", """
            [ca]
            default_ca = ca_section
            [ca_section]
            database = \(file("index.txt"))
            new_certs_dir = \(path)
            serial = \(file("serial"))
            default_md = sha256
            policy = any
            copy_extensions = copy
            unique_subject = no
            [any]
            commonName = supplied
            """)
        try openssl(["req", "-new", "-config", "min.cnf", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                     "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=localhost",
                     "-addext", "subjectAltName=DNS:localhost"])
        try openssl(["ca", "-batch", "-config", "ca.cnf", "-cert", "\(issuer).crt", "-keyfile", "\(issuer).key",
                     "-in", "\(name).csr", "-out", "\(name).crt", "-startdate", "20200101000000Z",
                     "-enddate", "20210101000000Z", "-rand_serial", "-notext"])
        return file("\(name).crt")
    }

    /// Concatenates files into a new one.
    @discardableResult
    func concatenate(_ names: [String], into target: String) throws -> String {
        try write(target, try names.map { try read($0) }.joined())
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    typealias RunResult = ProcessResult

    /// Runs a program (found on PATH); a missing program fails with the Debian package to install.
    static func run(_ program: String, _ arguments: [String], in folder: URL? = nil, stdin: String? = nil) throws -> RunResult {
        do {
            return try Shell.run(program, arguments, cwd: folder, stdin: stdin)
        } catch let missing as Shell.MissingProgram {
            throw FixtureError("\(missing.name) is not installed (Debian: apt-get install \(missing.name))")
        }
    }
}

extension Location {
    static let config = Location(path: "web-config.yaml", line: 3, column: 14)
}

extension Array where Element == Finding {
    var codes: [String] { map(\.code) }
    func with(_ code: String) -> [Finding] { filter { $0.code == code } }
    var errors: [Finding] { filter { $0.severity == .error } }
}
