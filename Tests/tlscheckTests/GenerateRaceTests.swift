import Foundation
import Testing

/// Two generation runs started at once into the same new folder: the no-overwrite promise must hold
/// under the race, not only when the runs take turns. Exactly one wins; the other exits 1 having
/// written nothing; the set left behind is one run's, whole (every certificate signed by the ca.crt
/// beside it, every key its certificate's).
@Suite struct GenerateRaceTests {
    /// Starts two `gen-self-signed --mtls` runs into `out` together; their exit codes and messages.
    func race(in folder: TemporaryFolder, out: String) throws -> [(status: Int, stderr: String)] {
        // Each run's status goes to its own file (`wait` without operands always returns 0).
        let script = """
            for side in a b; do
              ("$0" gen-self-signed --mtls --out "$1" >"$1.$side.out" 2>"$1.$side.err"; echo $? >"$1.$side.status") &
            done
            wait
            """
        let result = try Shell.run("bash", ["-c", script, CLI.binary.path, out], cwd: folder.url, timeout: 60)
        try #require(result.status == 0, "\(result.output)")
        return try ["a", "b"].map { side in
            let status = try String(contentsOf: folder.url.appendingPathComponent("\(out).\(side).status"), encoding: .utf8)
            let stderr = try String(contentsOf: folder.url.appendingPathComponent("\(out).\(side).err"), encoding: .utf8)
            return (Int(status.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1, stderr)
        }
    }

    /// The public key of a certificate or a private key, as PEM.
    func publicKey(_ arguments: [String], in folder: TemporaryFolder) throws -> String {
        try Shell.run("openssl", arguments + ["-pubout"], cwd: folder.url).stdout
    }

    @Test func concurrentRunsIntoOneFolderLeaveOneWholeSet() throws {
        try requirePrograms("openssl")
        let folder = try TemporaryFolder()
        for trial in 0..<20 {
            let out = "tls\(trial)"
            let runs = try race(in: folder, out: out)
            let winners = runs.filter { $0.status == 0 }
            #expect(winners.count == 1, "trial \(trial): \(runs)")
            for loser in runs where loser.status != 0 {
                #expect(loser.status == 1, "trial \(trial): \(loser)")
                #expect(loser.stderr.hasPrefix("tlscheck: error: refusing to overwrite"), "trial \(trial): \(loser.stderr)")
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + out).sorted()
            #expect(files == [
                "ca.crt", "ca.key", "client.crt", "client.key", "kubernetes-exporter.yaml", "kubernetes-secrets.yaml", "otel-collector-tls.yaml",
                "prometheus-scrape.yaml", "server.crt", "server.key", "web-config.yaml",
            ], "trial \(trial): no temporary file may stay behind")
            for name in ["server", "client"] {
                let verified = try Shell.run("openssl", ["verify", "-CAfile", "\(out)/ca.crt", "\(out)/\(name).crt"], cwd: folder.url)
                #expect(verified.status == 0, "trial \(trial): \(name).crt is not signed by ca.crt: \(verified.output)")
                #expect(try publicKey(["x509", "-noout", "-pubkey", "-in", "\(out)/\(name).crt"], in: folder)
                        == publicKey(["pkey", "-in", "\(out)/\(name).key"], in: folder), "trial \(trial): \(name).key")
            }
            #expect(try publicKey(["x509", "-noout", "-pubkey", "-in", "\(out)/ca.crt"], in: folder)
                    == publicKey(["pkey", "-in", "\(out)/ca.key"], in: folder), "trial \(trial): ca.key")
        }
    }
}
