import Foundation
import Testing

/// `make install` / `make uninstall` put the binary, completions and man pages where the usual
/// tools look, under DESTDIR and PREFIX, and take them all away again. Uses the binary the tests run
/// (BIN=) so no release build happens here.
@Suite struct InstallTests {
    @Test func makeInstallAndUninstall() throws {
        guard Shell.exists("make") else { throw Failure("make is not installed (Debian package make)") }
        let destdir = try TemporaryFolder()
        let root = CLI.packageRoot.path
        let prefix = "/opt/tlscheck"
        let common = ["-C", root, "DESTDIR=\(destdir.path)", "PREFIX=\(prefix)", "BIN=\(CLI.binary.path)"]

        let install = try Shell.run("make", ["install"] + common, timeout: 60)
        #expect(install.status == 0, "\(install.output)")
        #expect(!install.output.contains("swift build"), "make install with BIN= must not build")

        let base = destdir.path + prefix
        let manPages = try FileManager.default.contentsOfDirectory(atPath: root + "/docs/man").filter { $0.hasSuffix(".1") }.sorted()
        #expect(manPages.contains("tlscheck.1") && manPages.contains("tlscheck.validate.1"))
        let expected = [
            "bin/tlscheck",
            "share/bash-completion/completions/tlscheck",
            "share/zsh/site-functions/_tlscheck",
            "share/fish/vendor_completions.d/tlscheck.fish",
        ] + manPages.map { "share/man/man1/\($0)" }
        #expect(try installedFiles(under: base) == expected.sorted())

        #expect(FileManager.default.isExecutableFile(atPath: base + "/bin/tlscheck"))
        let version = try Shell.run(base + "/bin/tlscheck", ["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("tlscheck "))
        #expect(try String(contentsOfFile: base + "/share/zsh/site-functions/_tlscheck", encoding: .utf8)
                == String(contentsOfFile: root + "/completions/tlscheck.zsh", encoding: .utf8))
        #expect(try String(contentsOfFile: base + "/share/man/man1/tlscheck.validate.1", encoding: .utf8)
                .contains(".Nm \"tlscheck validate\""))
        let mode = try FileManager.default.attributesOfItem(atPath: base + "/share/man/man1/tlscheck.1")[.posixPermissions] as? Int
        #expect(mode == 0o644)

        try shellsAndManFindTheInstalledFiles(prefix: base)

        let uninstall = try Shell.run("make", ["uninstall"] + common, timeout: 60)
        #expect(uninstall.status == 0, "\(uninstall.output)")
        #expect(try installedFiles(under: base) == [])
    }

    /// Each shell loads the completion from where `make install` put it by its own lookup rules
    /// (bash-completion's loader and fish via XDG_DATA_DIRS, zsh via fpath), and `man` finds a page.
    func shellsAndManFindTheInstalledFiles(prefix: String) throws {
        let share = prefix + "/share"
        let path = prefix + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let home = try TemporaryFolder()
        let environment = ["XDG_DATA_DIRS": share, "PATH": path, "HOME": home.path]

        let bash = try Shell.run("bash", ["--norc", "--noprofile", "-c",
            "source /usr/share/bash-completion/bash_completion && __load_completion tlscheck && complete -p tlscheck"],
            environment: environment, timeout: 30)
        #expect(bash.stdout == "complete -o filenames -F _tlscheck tlscheck\n", "bash-completion: \(bash.output)")

        let zsh = try Shell.run("zsh", ["-fc",
            "fpath=(\(share)/zsh/site-functions $fpath); autoload -U compinit; compinit -u -D; print -r -- $_comps[tlscheck]"],
            environment: environment, timeout: 30)
        #expect(zsh.stdout == "_tlscheck\n", "zsh: \(zsh.output)")

        let fish = try Shell.run("fish", ["-c", "complete -C 'tlscheck va'"], environment: environment, timeout: 30)
        #expect(fish.stdout.hasPrefix("validate\t"), "fish: \(fish.output)")

        if Shell.exists("man") {
            let man = try Shell.run("man", ["-M", share + "/man", "-w", "tlscheck.validate"], timeout: 30)
            #expect(man.stdout == share + "/man/man1/tlscheck.validate.1\n", "man: \(man.output)")
        }
    }

    /// Regular files below `base`, relative to it, sorted.
    func installedFiles(under base: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        while let path = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }
}
