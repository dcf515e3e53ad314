import Foundation
import Testing
@_exported import TestSupport

/// Runs the built `tlscheck` binary, as a user would, and captures what it prints.
enum CLI {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary that `swift build` / `swift test` made, beside the test bundle.
    static var binary: URL {
        if let override = ProcessInfo.processInfo.environment["TLSCHECK_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
        let products = bundle.map { URL(fileURLWithPath: $0.bundlePath).deletingLastPathComponent() }
            ?? packageRoot.appendingPathComponent(".build/debug")
        return products.appendingPathComponent("tlscheck")
    }

    typealias Result = ProcessResult

    /// Runs tlscheck with `arguments`; kills it after `timeout` seconds (a hang is a failure).
    @discardableResult
    static func run(
        _ arguments: [String], cwd: URL? = nil, environment: [String: String] = [:],
        stdin: String? = nil, timeout: TimeInterval = 60
    ) throws -> Result {
        try Shell.run(binary.path, arguments, cwd: cwd, environment: environment, stdin: stdin, timeout: timeout)
    }
}

/// A fresh temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tlscheck-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}

/// Where the upstream conformance corpora live: the repository's own copy (Tests/Conformance/README.md
/// names each upstream repository, commit and licence), so a clone anywhere runs these tests.
enum Conformance {
    static let root = CLI.packageRoot.appendingPathComponent("Tests/Conformance")

    /// One line of a corpus's EXPECTED.tsv: `path`, `expect` (good, bad, handshake), `error_substring`.
    struct Row: CustomTestStringConvertible, Sendable {
        let path: String
        let expect: String
        let errorSubstring: String
        var testDescription: String { "\(expect): \(path)" }
    }

    /// The rows of `folder/EXPECTED.tsv` (a header line, if any, is skipped).
    static func rows(in folder: URL) -> [Row] {
        let text = (try? String(contentsOf: folder.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, fields[0] != "path" else { return nil }
            return Row(path: fields[0], expect: fields[1], errorSubstring: fields.count > 2 ? fields[2] : "")
        }
    }
}

/// A server process started by a test, killed when the value goes away.
final class Server {
    let process = Process()
    let log: URL

    init(_ program: String, _ arguments: [String], cwd: URL? = nil, logIn folder: TemporaryFolder) throws {
        log = folder.url.appendingPathComponent("\((program as NSString).lastPathComponent)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : try Shell.which(program))
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning {
            // A child started from a test thread inherits its blocked signals, so SIGTERM may never
            // arrive (openssl s_server keeps running); SIGKILL cannot be blocked, and test servers
            // need no graceful stop.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Waits until the process has exited (true) or `seconds` have passed with it still running (false).
    func exits(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return !process.isRunning
    }

    /// Waits until something accepts TCP connections on 127.0.0.1:port.
    static func waitForPort(_ port: Int, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if LoopbackServer.accepts(port) { return true }
            usleep(50_000)
        }
        return false
    }
}

enum OpenSSLCLI {
    /// A self-signed EC P-256 server certificate for localhost and 127.0.0.1, valid `days`.
    static func selfSigned(in folder: TemporaryFolder, name: String = "server", days: Int = 30) throws {
        let result = try Shell.run("openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", folder.url.appendingPathComponent("\(name).key").path,
            "-out", folder.url.appendingPathComponent("\(name).crt").path,
            "-days", String(days), "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-addext", "extendedKeyUsage=serverAuth,clientAuth", "-addext", "keyUsage=critical,digitalSignature",
        ])
        guard result.status == 0 else { throw Failure("openssl req failed: \(result.stderr)") }
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
