import Foundation
import Testing

/// A recorded terminal session: tmux gives tlscheck a real terminal (200x50), so it colours its
/// output as it does for a person; the captured screen must show the colours, the `file:line:col`
/// location and the hint. With NO_COLOR=1 the same screen has no escape codes at all.
@Suite struct TerminalSessionTests {
    static let brokenWebConfig = """
        http_server_config:
          http2: true
          headres:
            X-Frame-Options: deny

        """

    /// Types `$2` into an interactive bash in a new tmux server on its own socket (`$1`), waits
    /// (at most 30 s) for the `DONE:<status>` line, prints the screen with escape codes, and always
    /// kills the server. `DONE:$?` as typed never matches `DONE:<digit>`.
    static let session = #"""
        socket=$1 command=$2
        tmux() { command tmux -L "$socket" -f /dev/null "$@"; }
        trap 'tmux kill-server >/dev/null 2>&1' EXIT
        tmux new-session -d -x 200 -y 50 "bash --norc --noprofile" || exit 3
        tmux send-keys -t 0 "$command; echo \"DONE:\$?\"" Enter || exit 4
        for _ in $(seq 300); do
          screen=$(tmux capture-pane -t 0 -e -p)
          if grep -q 'DONE:[0-9]' <<<"$screen"; then printf '%s\n' "$screen"; exit 0; fi
          sleep 0.1
        done
        printf 'tlscheck did not finish within 30 s; screen:\n%s\n' "$screen"
        exit 5
        """#

    /// The screen after running `command` in a terminal in `folder`.
    func screen(running command: String, in folder: TemporaryFolder) throws -> String {
        guard Shell.exists("tmux") else { throw Failure("tmux is not installed (Debian package tmux)") }
        let script = try folder.write(".session.bash", Self.session)
        // Test processes block most signals and children inherit the mask; tmux and the pane's shell
        // need them (else the client waits forever for the server), so perl (perl-base, always on
        // Debian) clears the mask first. Run from a script so no tmux process holds our pipes.
        let result = try Shell.run("perl", [
            "-MPOSIX", "-e", "sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die; exec @ARGV or die",
            "bash", "--norc", "--noprofile", script, "tlscheck-test-\(UUID().uuidString.prefix(8))", command,
        ], cwd: folder.url, timeout: 60)
        #expect(result.status == 0, "terminal session failed: \(result.output)")
        return result.stdout
    }

    /// The screen without SGR escape codes, as a person reads it.
    static func plain(_ screen: String) -> String {
        screen.replacing(/\u{1B}\[[0-9;]*m/, with: "")
    }

    @Test func coloursLocationAndHintInATerminal() throws {
        let folder = try TemporaryFolder()
        try folder.write("web.yaml", Self.brokenWebConfig)
        let screen = try screen(running: "env -u NO_COLOR \(CLI.binary.path) validate web.yaml", in: folder)
        #expect(screen.contains("\u{1B}[1mweb.yaml:3:3:"), "no bold location:\n\(screen)")
        #expect(screen.contains("\u{1B}[31merror"), "no red for errors:\n\(screen)")
        #expect(screen.contains("\u{1B}[36mhint:"), "no coloured hint:\n\(screen)")
        let text = Self.plain(screen)
        #expect(text.contains("web.yaml:3:3: error: unknown key \"headres\" in http_server_config"), "\(text)")
        #expect(text.contains("\n    hint: did you mean headers?"), "\(text)")
        #expect(text.contains("1 error, 0 warnings in 1 file"), "\(text)")
        #expect(text.contains("DONE:1"), "exit status 1 for errors:\n\(text)")
    }

    @Test func noColourWithNO_COLOR() throws {
        let folder = try TemporaryFolder()
        try folder.write("web.yaml", Self.brokenWebConfig)
        let screen = try screen(running: "NO_COLOR=1 \(CLI.binary.path) validate web.yaml", in: folder)
        #expect(!screen.contains("\u{1B}"), "escape codes despite NO_COLOR=1:\n\(screen)")
        #expect(screen.contains("web.yaml:3:3: error: unknown key \"headres\""), "\(screen)")
        #expect(screen.contains("\n    hint: did you mean headers?"), "\(screen)")
        #expect(screen.contains("DONE:1"), "\(screen)")
    }

    /// `-` on a terminal would wait for typing: tlscheck says so and ends at once.
    @Test func standardInputOnATerminalIsNotWaitedOn() throws {
        let folder = try TemporaryFolder()
        for command in ["validate", "inspect"] {
            let screen = Self.plain(try screen(running: "NO_COLOR=1 \(CLI.binary.path) \(command) -", in: folder))
            #expect(screen.contains("<stdin>: error: cannot read <stdin>: is a terminal"), "\(command):\n\(screen)")
            #expect(screen.contains("DONE:1"), "\(command):\n\(screen)")
        }
    }
}
