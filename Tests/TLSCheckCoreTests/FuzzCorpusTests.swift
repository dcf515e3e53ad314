import Foundation
import Testing

@testable import TLSCheckCore

/// The fuzz targets' seed corpora (Fuzz/Corpus), replayed on every `swift test` without sanitizers:
/// each input that fuzzing found a bug with joins its target's seeds, so the bug stays fixed here too.
/// The promise checked is the fuzz targets' own: every finding is located and has a hint.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

    static func seeds(_ target: String) -> [String] {
        let folder = corpus.appendingPathComponent(target).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    static func bytes(_ path: String) throws -> [UInt8] { try FileInput.read(path).get() }

    func expectPromise(_ findings: [Finding], _ seed: String) {
        for finding in findings {
            #expect(!finding.location.path.isEmpty, "\(seed): [\(finding.code)] has no path")
            #expect((finding.location.line ?? 1) >= 1 && (finding.location.column ?? 1) >= 1, "\(seed): \(finding.location.description)")
            #expect(!(finding.hint ?? "").isEmpty, "\(seed): [\(finding.code)] \(finding.message) has no hint")
        }
    }

    @Test func seedsArePresent() {
        for target in ["FuzzYAML", "FuzzPEM", "FuzzPKCS12", "FuzzSecrets", "FuzzProbeReplies"] {
            #expect(Self.seeds(target).count >= 2, "\(target): seed corpus missing")
        }
    }

    @Test(arguments: seeds("FuzzYAML"))
    func configSeeds(_ seed: String) throws {
        let bytes = try Self.bytes(seed)
        let context = CheckContext(now: Date(timeIntervalSince1970: 1_780_000_000), checkFiles: false)
        for kind in [nil, ConfigKind.webConfig, .collector, .tempo, .prometheus, .kubernetes] as [ConfigKind?] {
            expectPromise(ConfigValidator(context: context, kind: kind).validate(bytes: bytes, path: "seed.yaml").report.sorted, seed)
        }
        #expect(YAMLParser.parseAll(bytes, path: "seed.yaml").count >= (YAMLParser.parse(bytes, path: "seed.yaml").root == nil ? 0 : 1))
    }

    @Test(arguments: seeds("FuzzSecrets") + seeds("FuzzPEM") + seeds("FuzzPKCS12"))
    func materialSeeds(_ seed: String) throws {
        let loaded = MaterialLoader<Certificate>.full(passphrase: "changeit").load(path: "seed", bytes: try Self.bytes(seed))
        #expect(!loaded.isEmpty || loaded.nothingReason != nil, "\(seed): neither material nor a reason")
        expectPromise(loaded.findings, seed)
    }
}
