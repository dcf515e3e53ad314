import ArgumentParser
import TLSCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// A problem with what the command was asked to use — a file that cannot be read, a trust store
/// that does not load — found while running, not while parsing the command line. Printed as one
/// `tlscheck: error:` line (and a `hint:` line), exit 64, without the usage text.
struct SetupError: Error, CustomStringConvertible {
    let message: String
    let hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    var description: String { message }
}

/// The one error printer of every command (docs/exit-codes.md):
/// - the command line itself is wrong (unknown option, missing argument, a value that does not
///   parse, a `ValidationError` from `validate()`): `tlscheck: error: …` and argument-parser's
///   short usage line, exit 64;
/// - the setup is wrong (`SetupError`, a `ValidationError` thrown by `run()`, a generation error
///   about the options): `tlscheck: error: …` and an optional `hint:` line, exit 64, no usage;
/// - the inputs are wrong in a way that stops generation (`GenerationError` of kind input): exit 1;
/// - anything else escaping a command is tlscheck's own failure: exit 70.
/// Help, `--version` and completion requests go to argument-parser as they always did.
enum Failure {
    static func run(_ root: TLSCheck.Type, _ arguments: [String]? = nil) -> Never {
        var command: ParsableCommand
        do {
            command = try root.parseAsRoot(arguments)
        } catch {
            let code = root.exitCode(for: error)
            if code == .success { root.exit(withError: error) }
            commandLine(root.fullMessage(for: error), code: code.rawValue)
        }
        do {
            try command.run()
            exit(0)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch let error as SetupError {
            fail(error.message, hint: error.hint, code: 64)
        } catch let error as ValidationError {
            fail(error.message, hint: nil, code: 64)
        } catch let error as GenerationError {
            switch error.kind {
            case .usage: fail(error.message, hint: nil, code: 64)
            case .input: fail(error.message, hint: nil, code: 1)
            case .internal: fail(error.message, hint: "this is a bug in tlscheck; please report it", code: 70)
            }
        } catch {
            // Help asked of a command that has subcommands arrives here, as does a `CleanExit`.
            if root.exitCode(for: error) == .success { root.exit(withError: error) }
            fail("internal error: \(error)", hint: "this is a bug in tlscheck; please report it", code: 70)
        }
    }

    /// `tlscheck: error: message`, then `hint: …` when there is one; ends the run with `code`.
    static func fail(_ message: String, hint: String?, code: Int32) -> Never {
        Console.err("tlscheck: error: \(message)\n" + (hint.map { "hint: \($0)\n" } ?? ""))
        exit(code)
    }

    /// argument-parser's text for a command-line error (the message, then its short usage line),
    /// with the message in the same form as every other error.
    private static func commandLine(_ text: String, code: Int32) -> Never {
        var text = text
        if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
        Console.err("tlscheck: error: " + text + (text.hasSuffix("\n") ? "" : "\n"))
        exit(code)
    }
}
