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
}
