import Dispatch
import Foundation
import Testing
import TestSupport
@testable import TLSCheckCore

@Suite struct ProbeTargetTests {
    @Test(arguments: [
        ("node:9100", "node", 9100, "node:9100"),
        ("https://example.org/metrics?x=1", "example.org", 443, "example.org:443"),
        ("https://user@example.org:8443/", "example.org", 8443, "example.org:8443"),
        ("example.org", "example.org", 443, "example.org:443"),
        ("[::1]:8443", "::1", 8443, "[::1]:8443"),
        ("[::1]", "::1", 443, "[::1]:443"),
        ("::1", "::1", 443, "[::1]:443"),
        ("  127.0.0.1:5432 ", "127.0.0.1", 5432, "127.0.0.1:5432"),
        ("postgres://db/app", "db", 5432, "db:5432"),
    ])
    func parses(text: String, host: String, port: Int, display: String) throws {
        let target = try ProbeTarget.parse(text)
        #expect(target.host == host)
        #expect(target.port == port)
        #expect(target.display == display)
    }

    @Test(arguments: ["", "host:0", "host:70000", "host:http", "[::1", "[::1]x", "ftp://host", "a b:1", ":443"])
    func rejects(text: String) {
        #expect(throws: ProbeTarget.ParseError.self) { try ProbeTarget.parse(text) }
    }

    @Test func defaultPortFollowsTheCaller() throws {
        #expect(try ProbeTarget.parse("db", defaultPort: 5432).port == 5432)
    }

    @Test func listsSkipCommentsAndReportLines() {
        let list = TargetList.parse("# fleet\na:1  # first\n\n  b:2\nbad:port\n")
        #expect(list.targets.map(\.display) == ["a:1", "b:2"])
        #expect(list.errors.map(\.line) == [5])
    }

    @Test func shardsAreRoundRobinAndCoverEverything() {
        let items = Array(0..<10)
        let shards = (0..<3).map { TargetList.shard(items, index: $0, count: 3) }
        #expect(shards[0] == [0, 3, 6, 9])
        #expect(shards.flatMap { $0 }.sorted() == items)
    }

    @Test(arguments: [("2", 2000), ("2s", 2000), ("500ms", 500), ("1.5s", 1500), ("1m", 60_000), ("86400", 86_400_000), ("1e1", 10_000)])
    func timeouts(text: String, milliseconds: Int64) throws {
        #expect(try ProbeOptions.parseTimeout(text) == .milliseconds(milliseconds))
    }

    /// Issue 14: `inf` and 1.8e10 s crashed three commands (a Double converted to an integer).
    @Test(arguments: ["", "0", "-1s", "soon", "5h", "ms", "inf", "infinity", "nan", "1.8e10", "2e10s", "1e400", "0x10", "86401"])
    func badTimeouts(text: String) {
        #expect(throws: ProbeOptions.TimeoutError.self) { try ProbeOptions.parseTimeout(text) }
    }

    @Test func clockConversionsSaturate() {
        #expect(MonotonicClock.nanoseconds(.seconds(Int64.max)) == .max)
        #expect(MonotonicClock.nanoseconds(.seconds(-1)) == 0)
        #expect(MonotonicClock.deadline(.max - 5, after: .seconds(1)) == .max)
        #expect(MonotonicClock.nanoseconds(.milliseconds(1500)) == 1_500_000_000)
        #expect(Duration.milliseconds(800).probeText == "800 ms")
        #expect(Duration.seconds(5).probeText == "5 s")
        #expect(Duration.milliseconds(1500).probeText == "1.5 s")
    }

    @Test func versionsParse() {
        #expect(TLSVersion(parsing: "1.2") == .tls1_2)
        #expect(TLSVersion(parsing: "TLSv1.3") == .tls1_3)
        #expect(TLSVersion(parsing: "tls1_0") == .tls1_0)
        #expect(TLSVersion(parsing: "1.4") == nil)
    }

    @Test func evidenceNamesProtocols() {
        let target = "h:1"
        #expect(ProbeEvidence.classify(Array("HTTP/1.1 400 Bad Request\r\n".utf8), target: target)?.check == .plaintextHTTP)
        #expect(ProbeEvidence.classify(Array("<!DOCTYPE HTML>\n".utf8), target: target)?.check == .plaintextHTTP)
        #expect(ProbeEvidence.classify([0, 0, 0x12, 4, 0, 0, 0, 0, 0], target: target)?.check == .plaintextHTTP)
        #expect(ProbeEvidence.classify(Array("SSH-2.0-x\r\n".utf8), target: target)?.message.contains("SSH") == true)
        #expect(ProbeEvidence.classify([0x15, 3, 3, 0, 2, 2, 70], target: target) == nil)  // a TLS alert
    }

    @Test func prometheusGroupsFamiliesAndEscapesLabels() {
        var ok = ProbeResult(target: ProbeTarget(host: "a", port: 1))
        ok.negotiated = NegotiatedTLS(version: "TLS 1.3", cipher: "X", cipherStandardName: "TLS_AES_128_GCM_SHA256", alpn: nil, group: nil)
        var bad = ProbeResult(target: ProbeTarget(host: "b\"x", port: 2))
        bad.findings = [Finding(.connectionRefused, "refused", at: Location(path: "b:2"))]
        let text = ProbePrometheusRenderer().render([ok, bad])
        #expect(text.components(separatedBy: "# TYPE probe_success gauge").count == 2)
        #expect(text.contains("probe_success{target=\"a:1\"} 1\nprobe_success{target=\"b\\\"x:2\"} 0\n"))
        #expect(text.contains("tlscheck_probe_diagnosis_info{target=\"b\\\"x:2\",code=\"connection-refused\"} 1"))
        #expect(text.contains("probe_tls_version_info{target=\"a:1\",version=\"TLS 1.3\"} 1"))
    }

    @Test func jsonIsOneLinePerResult() throws {
        var result = ProbeResult(target: ProbeTarget(host: "a", port: 1))
        result.findings = [Finding(.handshakeTimeout, "slow", at: Location(path: "a:1"))]
        let line = ProbeJSONRenderer(now: Date(timeIntervalSince1970: 0)).render(result)
        #expect(line.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["success"] as? Bool == false)
        #expect((object["diagnosis"] as? [String: Any])?["code"] as? String == "handshake-timeout")
    }
}

/// The engine without servers: refusals, DNS failures, order, the async entry point.
@Suite(.timeLimit(.minutes(1))) struct ProberTests {
    /// A loopback port nothing listens on (bound, read, closed).
    static func closedPort() -> Int { Ports.free() }

    @Test func resultsComeInInputOrder() throws {
        var options = ProbeOptions()
        options.timeout = .seconds(3)
        let prober = try Prober(options: options)
        let port = Self.closedPort()
        let targets = (0..<20).map { i in
            i % 3 == 0 ? ProbeTarget(host: "no-such-host-\(i).invalid", port: 443) : ProbeTarget(host: "127.0.0.1", port: port)
        }
        var seen: [ProbeTarget] = []
        var codes: [String?] = []
        prober.probe(targets, concurrency: 8) { result in
            seen.append(result.target)
            codes.append(result.diagnosis?.code)
        }
        #expect(seen == targets)
        #expect(codes == targets.map { $0.host.hasSuffix(".invalid") ? "dns-failure" : "connection-refused" })
    }

    @Test func asyncCallersGetTheSameResults() async throws {
        let prober = try Prober(options: ProbeOptions())
        let results = await prober.probe([ProbeTarget(host: "127.0.0.1", port: Self.closedPort())], concurrency: 1)
        #expect(results.map { $0.diagnosis?.code } == ["connection-refused"])
        #expect(results.first?.success == false)
    }

    /// A probe whose DNS deadline passes stops waiting, but its lookup goes on. The late answer must
    /// not write into the descriptor numbers the worker's wake pipe had: before the pipe had an
    /// owner, the worker closed it on the way out while the waiter still held the raw number, and
    /// the byte landed in whatever the process opened next.
    @Test func lateResolverAnswerNeverWritesIntoAReusedDescriptor() throws {
        let release = DispatchSemaphore(value: 0)
        let resolver = Resolver(threads: 1) { host in
            if host == "slow.example" { release.wait() }
            return .failure(Resolver.ResolveError(message: "late"))
        }
        var options = ProbeOptions()
        options.timeout = .milliseconds(50)
        let prober = try Prober(options: options, resolver: resolver)
        let result = prober.probe(ProbeTarget(host: "slow.example", port: 443))
        #expect(result.diagnosis?.check == .dnsFailure)
        #expect(result.diagnosis?.message.contains("took longer than 50 ms") == true)

        // The worker is gone. A new pipe takes the lowest free numbers: the old pipe's, had it been closed.
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
        release.signal()
        // One resolver queue: when the next lookup answers, the late one's waiters have run.
        let next = DispatchSemaphore(value: 0)
        resolver.resolve("next.example") { _ in next.signal() }
        next.wait()
        var byte: UInt8 = 0
        #expect(read(ends[0], &byte, 1) == -1, "a late resolver answer wrote into a descriptor the probe no longer owned")
    }

    @Test func unreadableTrustIsASetupError() {
        var options = ProbeOptions()
        options.caFile = "/nonexistent/ca.pem"
        #expect(throws: ProbeSetupError.self) { try Prober(options: options) }
        options = ProbeOptions()
        options.certificateFile = "/etc/hostname"
        #expect(throws: ProbeSetupError.self) { try Prober(options: options) }
    }
}
