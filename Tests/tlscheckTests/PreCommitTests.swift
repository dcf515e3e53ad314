import Foundation
import Testing

/// The repository's `.pre-commit-hooks.yaml`, run by the real pre-commit (`pre-commit try-repo`)
/// in a scratch git repository: web-config files are checked and fail the hook, other YAML is not.
@Suite struct PreCommitTests {
    @Test func hookChecksWebConfigFiles() throws {
        guard Shell.exists("pre-commit") else {
            throw Failure("pre-commit is not installed (PyPI package pre-commit: pip install -r .ci/requirements.txt)")
        }
        guard Shell.exists("git") else { throw Failure("git is not installed (Debian package git)") }
        let repo = try TemporaryFolder()
        let home = try TemporaryFolder()
        try repo.write("conf/web-config.yml", "tls_server_config:\n  cert_file: server.crt\n  key_flie: server.key\n")
        try repo.write("values.yaml", "key_flie: not a web-config\n")
        let environment = [
            "PATH": CLI.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "PRE_COMMIT_HOME": home.path, "HOME": home.path,
            "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        ]
        for arguments in [["init", "-q"], ["add", "-A"]] {
            let git = try Shell.run("git", arguments, cwd: repo.url, environment: environment, timeout: 30)
            try #require(git.status == 0, "git \(arguments): \(git.output)")
        }
        let result = try Shell.run("pre-commit", [
            "try-repo", CLI.packageRoot.path, "tlscheck-validate", "--all-files", "--color", "never",
        ], cwd: repo.url, environment: environment, timeout: 120)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stdout.contains("tlscheck validate (web-config)"), "\(result.output)")
        #expect(result.stdout.contains("conf/web-config.yml:3:3: error: unknown key \"key_flie\""), "\(result.output)")
        #expect(result.stdout.contains("    hint: did you mean key_file?"), "\(result.output)")
        #expect(!result.stdout.contains("values.yaml"), "\(result.output)")
    }
}
