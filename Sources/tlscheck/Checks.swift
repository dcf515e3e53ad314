import ArgumentParser
import TLSCheckCore

struct Checks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List every finding code, or explain one.",
        discussion: """
            Examples:
              tlscheck checks                      # every code with its severity and meaning
              tlscheck checks client-ca-without-policy
              tlscheck checks --markdown > docs/checks.md
            """)

    @Argument(help: "A finding code to explain.")
    var code: String?

    @Flag(help: "Print the whole catalogue as Markdown (docs/checks.md).")
    var markdown = false

    func run() throws {
        if markdown {
            Console.out(CheckCatalogRenderer.markdown())
        } else if let code {
            guard let check = Check.named(code) else {
                let near = Suggestion.closest(to: code, in: Check.catalog.map(\.code))
                throw ValidationError("no check named '\(code)'" + (near.map { "; did you mean \($0)?" } ?? ""))
            }
            Console.out(CheckCatalogRenderer.text(check))
        } else {
            for area in Check.areas where !area.checks.isEmpty {
                Console.out("\(area.title):\n")
                for check in area.checks {
                    Console.out("  \(check.code.padding(32)) \(check.severity.rawValue.padding(8)) \(check.summary)\n")
                }
            }
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
