import Foundation
import Testing

/// Every kind of bad input gets a finding with a location and a hint, or a one-line error: never a
/// crash, a hang or a stack trace.
@Suite struct ValidateBadInputTests {
    /// Runs validate on one file and returns the result; asserts the common promises.
    func validate(_ path: String, cwd: URL? = nil) throws -> CLI.Result {
        let result = try CLI.run(["validate", path], cwd: cwd, timeout: 30)
        #expect(result.status == 1, "bad input must fail: \(result.output)")
        #expect(!result.output.contains("Fatal error") && !result.output.contains("Stack dump"), "crashed: \(result.output)")
        #expect(result.stdout.contains("hint:"), "every finding has a hint: \(result.stdout)")
        return result
    }

    @Test func brokenYAML() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("web.yml", "tls_server_config:\n  cert_file: [a, b\n")
        let result = try validate(path)
        #expect(result.stdout.contains("web.yml:3:1: error:") || result.stdout.contains("web.yml:2:"), "\(result.stdout)")
        #expect(result.stdout.contains("[yaml-syntax]"))
    }

    @Test func binaryJunk() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("junk.yml")
        var bytes = [UInt8](repeating: 0, count: 4096)
        for i in bytes.indices { bytes[i] = UInt8((i * 7919 + 13) % 256) }
        try Data(bytes).write(to: path)
        let result = try validate(path.path)
        #expect(result.stdout.contains("[yaml-not-text]"), "\(result.stdout)")
    }

    @Test func nonUTF8Bytes() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("latin1.yml")
        try Data("tls_server_config:\n  cert_file: caf\u{E9}.crt\n".data(using: .isoLatin1)!).write(to: path)
        let result = try validate(path.path)
        #expect(result.stdout.contains("latin1.yml:2:"), "\(result.stdout)")
    }

    @Test func hugeFileIsRefusedQuickly() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("huge.yml")
        _ = FileManager.default.createFile(atPath: path.path, contents: nil)
        let handle = try FileHandle(forWritingTo: path)
        let line = Data(String(repeating: "# padding padding padding padding\n", count: 1000).utf8)
        for _ in 0..<(100 << 20) / line.count { handle.write(line) }
        try handle.close()
        let result = try validate(path.path)
        #expect(result.stdout.contains("MiB limit"), "\(result.stdout)")
    }

    /// These crashed the binary with SIGILL (exit 132, no output): a Double past Int's range.
    @Test func numbersPastTheInt64RangeAreFindings() throws {
        let folder = try TemporaryFolder()
        for (index, body) in ["interval: 1e19\n  burst: 1", "interval: 9223372036854775808", "interval: 1s\n  burst: .inf"].enumerated() {
            let path = try folder.write("rate\(index).yml", "rate_limit:\n  \(body)\n")
            let result = try validate(path)
            #expect(result.stdout.contains("[wrong-type]"), "\(body): \(result.stdout)")
        }
    }

    /// 40,000 unknown keys: the first 100 are listed, the rest counted in a note and the summary
    /// (each finding used to be kept: 400,000 of them held 500 MB).
    @Test func aRepeatedProblemIsListedAHundredTimes() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("keys.yml", (0..<40_000).map { "k\($0): 1\n" }.joined())
        for format in ["text", "json", "sarif", "github"] {
            let result = try CLI.run(["validate", "--kind", "web-config", "--format", format, path], timeout: 60)
            #expect(result.status == 1, "\(format): \(result.stderr)")
            #expect(result.stdout.components(separatedBy: "(field k").count - 1 == 100, "\(format)")
            #expect(result.stdout.contains("39900 more [unknown-key] findings in this file are not listed"), "\(format)")
        }
        let text = try CLI.run(["validate", "--kind", "web-config", path])
        #expect(text.stdout.hasSuffix("40000 errors, 0 warnings in 1 file (39900 not listed: at most 100 of each code per file)\n"), "\(text.stdout.suffix(300))")
    }

    @Test func emptyFileIsValid() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("empty.yml", "")
        let result = try CLI.run(["validate", path])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func folderGivenAsConfig() throws {
        let folder = try TemporaryFolder()
        let result = try CLI.run(["validate", folder.path])
        #expect(result.status != 0 && result.status != 70, "\(result.output)")
        #expect(!result.output.contains("Fatal error"))
    }

    @Test func missingFile() throws {
        let result = try validate("/nonexistent/web-config.yml")
        #expect(result.stdout.contains("no such file or directory"), "\(result.stdout)")
    }

    @Test func unreadableFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("secret.yml", "tls_server_config: {}\n")
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        // root reads anything; run as an unprivileged user when we are root. That user may not reach
        // the built binary (a clone inside a private, 0700 folder), so it runs a copy in the test's
        // own world-readable folder.
        if getuid() == 0 {
            chmod(folder.path, 0o755)
            let binary = folder.url.appendingPathComponent("tlscheck")
            try FileManager.default.copyItem(at: CLI.binary, to: binary)
            chmod(binary.path, 0o755)
            let result = try Shell.run("runuser", ["-u", "nobody", "--", binary.path, "validate", path])
            #expect(result.status == 1, "\(result.output)")
            #expect(result.stdout.contains("permission denied"), "\(result.output)")
        } else {
            let result = try validate(path)
            #expect(result.stdout.contains("permission denied"), "\(result.stdout)")
        }
    }

    @Test func deeplyNested() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("deep.yml", String(repeating: "[", count: 100_000))
        let result = try validate(path)
        #expect(result.stdout.contains("[yaml-too-deep]") || result.stdout.contains("[yaml-syntax]"), "\(result.stdout)")
    }

    @Test func aliasBomb() throws {
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = name
        }
        let folder = try TemporaryFolder()
        let path = try folder.write("bomb.yml", yaml)
        let result = try validate(path)
        #expect(result.stdout.contains("[yaml-alias-limit]"), "\(result.stdout)")
    }

    @Test func tabsAndNonBreakingSpaces() throws {
        let folder = try TemporaryFolder()
        let tabs = try folder.write("tabs.yml", "tls_server_config:\n\tcert_file: a.crt\n")
        #expect(try validate(tabs).stdout.contains("tabs.yml:2:1: error:"))
        let nbsp = try folder.write("nbsp.yml", "tls_server_config:\n\u{A0} cert_file: a.crt\n")
        #expect(try validate(nbsp).stdout.contains("[yaml-nbsp]"))
    }
}
