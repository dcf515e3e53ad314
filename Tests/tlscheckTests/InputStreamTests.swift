import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Standard input (`-`), process substitution and named pipes: streams given on the command line are
/// read; pipes, sockets and devices that a config names or a folder holds are refused at once.
@Suite struct InputStreamTests {
    /// A folder with a self-signed localhost certificate and key (server.crt, server.key).
    func material() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try OpenSSLCLI.selfSigned(in: folder)
        return folder
    }

    static let webConfig = "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  key_flie: typo\n"

    @Test func validateReadsStandardInputWithPathsFromTheWorkingFolder() throws {
        let folder = try material()
        let result = try CLI.run(["validate", "-"], cwd: folder.url, stdin: Self.webConfig, timeout: 30)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stdout.contains("<stdin>:4:3: error: unknown key \"key_flie\""), "\(result.stdout)")
        // cert_file and key_file were found in the working folder and read.
        #expect(!result.stdout.contains("file-not-found"), "\(result.stdout)")
        #expect(result.stdout.contains("1 error"), "\(result.stdout)")
        let json = try CLI.run(["validate", "-", "--format", "json"], cwd: folder.url, stdin: Self.webConfig, timeout: 30)
        #expect(json.stdout.contains("\"path\" : \"<stdin>\""), "\(json.stdout)")
    }

    @Test func processSubstitutionIsReadLikeAFile() throws {
        let folder = try material()
        try folder.write("web.yml", Self.webConfig)
        let result = try Shell.run(
            "bash", ["-c", "\"$0\" validate <(cat web.yml)", CLI.binary.path], cwd: folder.url, timeout: 30)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stdout.contains(":4:3: error: unknown key \"key_flie\""), "\(result.stdout)")
        #expect(!result.stdout.contains("file-not-found"), "paths resolve against the working folder: \(result.stdout)")
    }

    @Test func inspectAndExpiryReadStandardInput() throws {
        let folder = try material()
        let certificate = try String(contentsOf: folder.url.appendingPathComponent("server.crt"), encoding: .utf8)
        let key = try String(contentsOf: folder.url.appendingPathComponent("server.key"), encoding: .utf8)
        // What `kubectl get secret -o yaml` prints.
        let secret = """
            apiVersion: v1
            kind: Secret
            type: kubernetes.io/tls
            metadata:
              name: exporter-tls
            data:
              tls.crt: \(Data(certificate.utf8).base64EncodedString())
              tls.key: \(Data(key.utf8).base64EncodedString())

            """
        let inspected = try CLI.run(["inspect", "-"], stdin: secret, timeout: 30)
        #expect(inspected.status == 0, "\(inspected.output)")
        #expect(inspected.stdout.contains("<stdin>"), "\(inspected.stdout)")
        #expect(inspected.stdout.contains("CN=localhost"), "\(inspected.stdout)")
        let expiry = try CLI.run(["expiry", "-", "--format", "json", "--warn", "1d", "--critical", "1d"], stdin: certificate, timeout: 30)
        #expect(expiry.status == 0, "\(expiry.output)")
        #expect(expiry.stdout.contains("\"path\" : \"<stdin>\""), "\(expiry.stdout)")
        // Standard input that holds nothing is said so, named as <stdin>.
        let empty = try CLI.run(["expiry", "-"], stdin: "", timeout: 30)
        #expect(empty.status != 0 && empty.stdout.contains("<stdin>"), "\(empty.output)")
    }

    /// exporter-toolkit would open a FIFO named as `cert_file` and wait; tlscheck says what it is.
    @Test func aFIFONamedInAConfigIsRefusedAtOnce() throws {
        let folder = try TemporaryFolder()
        #expect(mkfifo(folder.url.appendingPathComponent("server.crt").path, 0o600) == 0)
        let config = try folder.write("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.crt\n")
        let result = try CLI.run(["validate", config], timeout: 20)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stdout.contains("web.yml:2:14: error: cannot read the server certificate"), "\(result.stdout)")
        #expect(result.stdout.contains("is a FIFO (named pipe), not a regular file"), "\(result.stdout)")
    }

    /// A FIFO met while walking a folder is skipped with a warning, by every command that walks.
    @Test func aFIFOInAFolderIsSkippedWithAWarning() throws {
        let folder = try material()
        #expect(mkfifo(folder.url.appendingPathComponent("stuck.yaml").path, 0o600) == 0)
        #expect(mkfifo(folder.url.appendingPathComponent("stuck.pem").path, 0o600) == 0)
        for command in ["validate", "inspect", "expiry"] {
            let result = try CLI.run([command, folder.path], timeout: 20)
            #expect(result.stdout.contains("[input-not-regular]"), "\(command): \(result.output)")
            #expect(result.stdout.contains("is a FIFO (named pipe)"), "\(command): \(result.output)")
            #expect(result.status != 70, "\(command): \(result.output)")
        }
    }

    /// The old 16 MiB limit refused a large `helm template` or `kubectl get -A -o yaml`; 64 MiB are read.
    @Test func inputsOf40MiBAreRead() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("big.yml")
        _ = FileManager.default.createFile(atPath: path.path, contents: nil)
        let handle = try FileHandle(forWritingTo: path)
        handle.write(Data("http_server_config:\n  http2: true\n".utf8))
        let block = Data(String(repeating: "# a long comment line of the sort helm leaves behind......\n", count: 10_000).utf8)
        for _ in 0..<((40 << 20) / block.count) { handle.write(block) }
        try handle.close()
        let result = try CLI.run(["validate", path.path], timeout: 60)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("0 errors, 0 warnings in 1 file"), "\(result.stdout)")
    }
}
