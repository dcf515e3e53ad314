import Foundation
import Testing

/// Hostile Kubernetes input on the built binary, made at test time: a hundred-megabyte dump, deep
/// nesting, broken base64, binary in a Secret, a million-document stream. Each gets located findings
/// with hints (or passes, when it is merely large), never a crash or a hang, in bounded memory
/// (the peak resident size, read by GNU time).
@Suite struct ValidateKubernetesBadInputTests {
    /// Runs `validate` under /usr/bin/time; returns its result and peak memory in MB.
    func validate(_ arguments: [String], cwd: URL, timeout: TimeInterval = 60) throws -> (result: CLI.Result, megabytes: Int) {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/time"), "install GNU time (apt-get install time)")
        let peak = cwd.appendingPathComponent("peak.txt").path
        let result = try Shell.run("/usr/bin/time", ["-f", "%M", "-o", peak, CLI.binary.path, "validate"] + arguments, cwd: cwd, timeout: timeout)
        #expect(!result.output.contains("Fatal error") && !result.output.contains("Stack dump") && result.status != 70, "crashed: \(result.output)")
        let kilobytes = Int((try String(contentsOfFile: peak, encoding: .utf8)).split(separator: "\n").last ?? "") ?? 0
        return (result, kilobytes / 1024)
    }

    /// Every finding line is located in `file` and followed by a hint.
    func expectLocatedWithHints(_ output: String, file: String) {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where line.contains(": error: ") || line.contains(": warning: ") {
            #expect(line.hasPrefix(file + ":"), "not located: \(line)")
            #expect(index + 1 < lines.count && lines[index + 1].hasPrefix("    hint: "), "no hint: \(line)")
        }
    }

    @Test func aHundredMegabyteDumpIsRefusedAtOnce() throws {
        let folder = try TemporaryFolder()
        // `kubectl get secrets -A -o yaml` of 45,000 TLS Secrets: a List of about 100 MB.
        let item = "- apiVersion: v1\n  kind: Secret\n  metadata: {name: tls, namespace: ns}\n  data:\n    tls.crt: \(String(repeating: "QUJD", count: 550))\n"
        let path = folder.url.appendingPathComponent("dump.yaml")
        _ = FileManager.default.createFile(atPath: path.path, contents: Data("apiVersion: v1\nkind: List\nitems:\n".utf8))
        let handle = try FileHandle(forWritingTo: path)
        let block = Data(String(repeating: item, count: 1000).utf8)
        for _ in 0..<(100 << 20) / block.count + 1 { handle.write(block) }
        try handle.close()
        let (result, megabytes) = try validate(["dump.yaml"], cwd: folder.url)
        #expect(result.status == 1 && result.stdout.contains("MiB limit"), "\(result.stdout)")
        expectLocatedWithHints(result.stdout, file: "dump.yaml")
        #expect(megabytes < 100, "peak \(megabytes) MB")
    }

    @Test func deepNestingInAConfigMap() throws {
        let folder = try TemporaryFolder()
        let deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: " + String(repeating: "[", count: 200_000) + "\n"
        try folder.write("deep.yaml", deep)
        let (result, megabytes) = try validate(["deep.yaml"], cwd: folder.url)
        #expect(result.status == 1 && result.stdout.contains("[yaml-too-deep]"), "\(result.stdout)")
        expectLocatedWithHints(result.stdout, file: "deep.yaml")
        #expect(megabytes < 100, "peak \(megabytes) MB")
    }

    @Test func brokenBase64AndBinaryInSecrets() throws {
        let folder = try TemporaryFolder()
        let binary = Data((0..<4096).map { UInt8(($0 * 7919 + 13) % 256) }).base64EncodedString()
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let twice = Data(Data(pem.utf8).base64EncodedString().utf8).base64EncodedString()
        try folder.write("secrets.yaml", """
            apiVersion: v1
            kind: Secret
            metadata: {name: tls, namespace: db}
            data:
              tls.crt: \(binary)
              tls.key: \(twice)
              ca.crt: "not base64 at all!"
              keystore.p12: \(binary)
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: web, namespace: db}
            stringData:
              web.yml: |
                tls_server_config: {cert_file: /tls/tls.crt, key_file: /tls/tls.key}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: exporter, namespace: db}
            spec:
              template:
                spec:
                  containers:
                  - name: exporter
                    image: quay.io/prometheus/node-exporter:v1.9.1
                    args: [--web.config.file=/web/web.yml]
                    volumeMounts: [{name: web, mountPath: /web}, {name: tls, mountPath: /tls}]
                  volumes: [{name: web, secret: {secretName: web}}, {name: tls, secret: {secretName: tls}}]
            """)
        let (result, _) = try validate(["secrets.yaml"], cwd: folder.url)
        #expect(result.status == 1)
        // The API server's base64 error with its offset; binary where PEM should be; base64 of PEM.
        #expect(result.stdout.contains("secrets.yaml:7:11: error: data.ca.crt of Secret db/tls is not valid base64 (illegal base64 data at input byte 3)"), "\(result.stdout)")
        #expect(result.stdout.contains("server certificate /tls/tls.crt holds no PEM data"), "\(result.stdout)")
        #expect(result.stdout.contains("server key /tls/tls.key holds base64 text that decodes to PEM"), "\(result.stdout)")
        #expect(!result.stdout.contains("keystore.p12"), "a binary key nobody names is not news: \(result.stdout)")
        expectLocatedWithHints(result.stdout, file: "secrets.yaml")
    }

    @Test func aMillionDocumentStream() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("stream.yaml")
        // A manifest, then a million documents more (a million `---` lines): read one at a time.
        try Data(("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: first}\n" + String(repeating: "---\n", count: 1_000_000)).utf8).write(to: path)
        let (result, megabytes) = try validate(["stream.yaml"], cwd: folder.url, timeout: 120)
        #expect(result.status == 0 && result.stdout == "0 errors, 0 warnings in 1 file\n", "\(result.output)")
        #expect(megabytes < 150, "peak \(megabytes) MB")
    }
}
