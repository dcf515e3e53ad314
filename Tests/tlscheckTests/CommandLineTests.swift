import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test func versionNamesTheLibraries() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("tlscheck "))
        #expect(result.stdout.contains("OpenSSL 3"))
        #expect(result.stdout.contains("libyaml 0."))
    }

    @Test func missingArgumentsIsAUsageError() throws {
        let result = try CLI.run(["validate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("give at least one configuration file"))
    }

    /// A setup error (a file the options name cannot be used) is one `tlscheck: error:` line and
    /// perhaps a `hint:` line, exit 64, without argument-parser's usage text: the same for every command.
    @Test(arguments: [
        ["probe", "--ca-file", "/nonexistent/ca.pem", "localhost:1"],
        ["inspect", "--passphrase-file", "/nonexistent/pass", "/nonexistent/a.pem"],
        ["expiry", "--passphrase-file", "/nonexistent/pass", "/nonexistent/a.pem"],
        ["gen-self-signed", "--key-passphrase-file", "/nonexistent/pass", "--out", "/nonexistent/out"],
    ])
    func setupErrorIsOneLine(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64, "\(result.output)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first?.hasPrefix("tlscheck: error: ") == true, "\(result.stderr)")
        #expect(lines.count == 1 || (lines.count == 2 && lines[1].hasPrefix("hint: ")), "\(result.stderr)")
        #expect(!result.stderr.contains("Usage:"), "\(result.stderr)")
    }

    /// A mistake in the command line itself keeps argument-parser's short usage line, under the
    /// same `tlscheck: error:` first line.
    @Test func commandLineErrorShowsTheUsageLine() throws {
        for arguments in [["validate", "--no-such-option", "x.yml"], ["validate"], ["expiry", "--warn", "soon", "x"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.output)")
            #expect(result.stderr.hasPrefix("tlscheck: error: "), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("Usage: tlscheck \(arguments[0])"), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Error: "), "\(arguments): \(result.stderr)")
        }
    }

    @Test func helpStillGoesToStandardOutput() throws {
        for arguments in [["--help"], ["validate", "--help"], ["help", "expiry"], []] {
            let result = try CLI.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.output)")
            #expect(result.stdout.contains("USAGE: tlscheck"), "\(arguments): \(result.stdout)")
        }
    }
}
