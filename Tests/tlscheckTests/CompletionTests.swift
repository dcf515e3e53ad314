import Foundation
import Testing

/// The committed completion scripts (completions/, installed by `make install`) in the real shells:
/// subcommands, options, `--format` values and file arguments. Each shell runs in a temporary
/// folder holding two YAML files, a text file and a folder, and is killed after a bounded time.
@Suite struct CompletionTests {
    /// bash with Debian's bash-completion: source both, fill COMP_WORDS/COMP_CWORD as readline
    /// would, call the function `complete -F` registered, print COMPREPLY.
    static let bashDriver = #"""
source /usr/share/bash-completion/bash_completion || exit 3
source "$1" || exit 4
line="$2"
COMP_LINE="$line"; COMP_POINT=${#line}
read -ra COMP_WORDS <<< "$line"
[[ "$line" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMPREPLY=()
_tlscheck tlscheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""#

    /// zsh: an interactive zsh in a pseudo-terminal (zpty) with compinit, the words typed and TAB;
    /// a compadd wrapper prints every candidate (markers are split in the source so the terminal's
    /// echo of these lines never matches).
    static let zshDriver = #"""
# zsh -f zshcomp.zsh COMPLETIONS_DIR "words to complete"
# Runs an interactive zsh in a pseudo-terminal (zpty), loads compinit with the completion folder on
# fpath, types the words and TAB, and prints every candidate compadd was given, one per line.
zmodload zsh/zpty || exit 3
dir=$1 line=$2
zpty z zsh -f -i
zpty -w z "PS1= PROMPT= RPROMPT=; unsetopt zle_bracketed_paste 2>/dev/null; fpath=(${(q)dir} \$fpath)"
zpty -w z "autoload -U compinit && compinit -u -D"
zpty -w z "zstyle ':completion:*' list-grouped false; zstyle ':completion:*' insert-tab false"
zpty -w z "bindkey '^I' complete-word"
zpty -w z 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  local -a __hits; builtin compadd -A __hits "$@"; local h
  for h in $__hits; do print -r -- "<""hit>$h</""hit>"; done
  builtin compadd "$@"
}'
zpty -w z 'comppostfuncs=(__done); __done() { print -r -- "<""done>"; exit }'
zpty -n -w z "$line"$'\t'
local out chunk
while zpty -r z chunk; do
  out+=$chunk
  [[ $out == *'<done>'* ]] && break
done
zpty -d z
print -r -- "$out" | grep -o '<hit>[^<]*</hit>' | sed -e 's/^<hit>//' -e 's/<\/hit>$//'
"""#

    struct Sandbox {
        let folder: TemporaryFolder
        init() throws {
            folder = try TemporaryFolder()
            try folder.write("web.yaml", "")
            try folder.write("other.yml", "")
            try folder.write("notes.txt", "")
            try folder.write("conf/web-config.yml", "")
        }
    }

    static func script(_ shell: String) -> String {
        CLI.packageRoot.appendingPathComponent("completions/tlscheck.\(shell)").path
    }

    static func require(_ shell: String, package: String) throws {
        guard Shell.exists(shell) else { throw Failure("\(shell) is not installed (Debian package \(package))") }
    }

    /// Candidates bash offers for `line` (the cursor at its end).
    func bash(_ line: String, in sandbox: Sandbox) throws -> [String] {
        try Self.require("bash", package: "bash")
        let bashCompletion = "/usr/share/bash-completion/bash_completion"
        guard FileManager.default.fileExists(atPath: bashCompletion) else {
            throw Failure("\(bashCompletion) is missing (Debian package bash-completion)")
        }
        let driver = try sandbox.folder.write(".driver.bash", Self.bashDriver)
        let result = try Shell.run("bash", ["--norc", "--noprofile", driver, Self.script("bash"), line],
                                   cwd: sandbox.folder.url, timeout: 30)
        #expect(result.status == 0, "bash: \(result.output)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func fish(_ line: String, in sandbox: Sandbox) throws -> [String] {
        try Self.require("fish", package: "fish")
        let command = "source \(Self.script("fish")); complete -C \(Self.quoted(line))"
        let result = try Shell.run("fish", ["--no-config", "-c", command], cwd: sandbox.folder.url, timeout: 30)
        #expect(result.status == 0, "fish: \(result.output)")
        // Each line is `candidate<TAB>description`.
        return result.stdout.split(separator: "\n").map { String($0.split(separator: "\t", maxSplits: 1).first ?? "") }
    }

    func zsh(_ line: String, in sandbox: Sandbox) throws -> [String] {
        try Self.require("zsh", package: "zsh")
        // zsh finds completion functions by file name on fpath: _tlscheck, as make install names it.
        let functions = sandbox.folder.url.appendingPathComponent(".zfunc")
        try FileManager.default.createDirectory(at: functions, withIntermediateDirectories: true)
        let function = functions.appendingPathComponent("_tlscheck").path
        if !FileManager.default.fileExists(atPath: function) {
            try FileManager.default.copyItem(atPath: Self.script("zsh"), toPath: function)
        }
        let driver = try sandbox.folder.write(".driver.zsh", Self.zshDriver)
        let result = try Shell.run("zsh", ["-f", driver, functions.path, line], cwd: sandbox.folder.url,
                                   environment: ["HOME": sandbox.folder.path, "TERM": "xterm"], timeout: 30)
        #expect(result.status == 0, "zsh: \(result.output)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    static func quoted(_ s: String) -> String { "'" + s.replacing("'", with: "\\'") + "'" }

    func complete(_ line: String, shell: String, in sandbox: Sandbox) throws -> [String] {
        switch shell {
        case "bash": try bash(line, in: sandbox)
        case "zsh": try zsh(line, in: sandbox)
        default: try fish(line, in: sandbox)
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completes(shell: String) throws {
        let sandbox = try Sandbox()
        let complete = { (line: String) in try self.complete(line, shell: shell, in: sandbox) }

        #expect(try complete("tlscheck va") == ["validate"])
        let subcommands = try complete("tlscheck ")
        #expect(subcommands.contains("validate") && subcommands.contains("checks"), "\(subcommands)")
        #expect(try Set(complete("tlscheck validate --f")) == ["--format", "--fail-on"])
        #expect(try complete("tlscheck validate --format ").sorted() == ["github", "json", "sarif", "text"])
        #expect(try complete("tlscheck validate --format s") == ["sarif"])
        #expect(try complete("tlscheck validate --fail-on ").sorted() == ["error", "info", "warning"])

        // File arguments: YAML files and folders, never other files.
        let files = try complete("tlscheck validate --format json ").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        #expect(Set(files) == ["web.yaml", "other.yml", "conf"], "\(files)")
        #expect(try complete("tlscheck validate w") == ["web.yaml"])
    }
}
