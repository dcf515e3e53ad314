import ArgumentParser
import TLSCheckCore

@main
struct TLSCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tlscheck",
        abstract: "Validate, generate, inspect and probe TLS for Prometheus exporters and OTLP.",
        discussion: """
            Exit codes (the same for every command): 0 nothing at or above --fail-on; \
            1 findings at or above it; 64 usage error; 70 internal error.
            Docs: docs/ in the source tree, or `man tlscheck`.
            """,
        version: Version.text,
        subcommands: [Validate.self, Probe.self, Inspect.self, Expiry.self, GenSelfSigned.self, GenCA.self, GenCert.self, Checks.self])

    /// Every command's errors go through one printer (Failure.swift, docs/exit-codes.md).
    static func main() { Failure.run(self) }
}
