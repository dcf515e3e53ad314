import Foundation
import Testing

@testable import TLSCheckCore

/// `CheckContext.files`: the web-config rules read the files a config names through it, so a reader
/// other than the disk (a container's mounts) serves them.
@Suite struct FileReaderTests {
    static let webConfig = """
        tls_server_config:
          cert_file: /etc/tls/tls.crt
          key_file: /etc/tls/tls.key
        """

    /// A reader serving `files` from memory; other paths fail with `missing`.
    func reader(_ files: [String: [UInt8]], missing: FileReadFailure) -> FileReader {
        FileReader(
            read: { path, _ in files[path].map { .success($0) } ?? .failure(missing) },
            entries: { folder in files.keys.filter { FileInput.folder(of: $0) == folder }.map { String($0.split(separator: "/").last!) } })
    }

    @Test func webConfigReadsThroughTheReader() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server")
        let files = [
            "/etc/tls/tls.crt": Array(try fixtures.read("server.crt").utf8),
            "/etc/tls/tls.key": Array(try fixtures.read("server.key").utf8),
            "/etc/tls/ca.crt": Array(try fixtures.read("ca.crt").utf8),
        ]
        let context = CheckContext(files: reader(files, missing: FileReadFailure(.fileNotFound, reason: "not here")))
        let findings = WebConfigValidator(context: context).validate(text: Self.webConfig, path: "/etc/web/web.yml").findings
        // Read from memory: no file-not-found, and the CA beside the certificate completes the chain.
        #expect(findings.errors.isEmpty, "\(findings)")
        #expect(findings.with("chain-incomplete").isEmpty)
        // The disk does not have them.
        let onDisk = WebConfigValidator().validate(text: Self.webConfig, path: "/etc/web/web.yml").findings
        #expect(onDisk.with("file-not-found").count == 2)
    }

    @Test func failuresAreWordedByTheReaderOrSilent() {
        let worded = CheckContext(files: reader([:], missing: FileReadFailure(
            .fileUnreadable, reason: "no volume mounts it", hint: "mount it", severity: .warning)))
        let findings = WebConfigValidator(context: worded).validate(text: Self.webConfig, path: "/etc/web/web.yml").findings
        #expect(findings.with("file-unreadable").count == 2)
        #expect(findings.with("file-unreadable").allSatisfy { $0.severity == .warning && $0.hint == "mount it" })
        #expect(findings.with("file-unreadable")[0].message == "cannot read the server certificate /etc/tls/tls.crt: no volume mounts it")
        let silent = CheckContext(files: reader([:], missing: FileReadFailure(nil, reason: "said elsewhere")))
        #expect(WebConfigValidator(context: silent).validate(text: Self.webConfig, path: "/etc/web/web.yml").findings.isEmpty)
    }
}
