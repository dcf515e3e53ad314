import Foundation
import Testing

@testable import TLSCheckCore

/// The shared checks of one client's settings, with real certificates made by openssl.
@Suite struct ClientChecksTests {
    let checks = ClientChecks(context: CheckContext(now: Date().addingTimeInterval(60)))

    func client(_ target: ClientTarget = .address(host: "node1", port: 9100), tls: Bool = true) -> TLSClient {
        var client = TLSClient(
            name: "job \"node\"", dialect: .prometheus, origin: Location(path: "prometheus.yml", line: 2, column: 5),
            target: target, usesTLS: tls)
        client.schemeLocation = tls ? Location(path: "prometheus.yml", line: 3, column: 13) : nil
        return client
    }

    func at(_ line: Int) -> Location { Location(path: "prometheus.yml", line: line, column: 16) }

    func run(_ client: TLSClient) -> [Finding] {
        var materials = MaterialFindings()
        return checks.check(client, materials: &materials)
    }

    @Test func plaintextWithTLSSettingsSaysTheyAreUnused() {
        var plain = client(tls: false)
        plain.settingsLocation = at(4)
        plain.skipVerify = Stated(true, at: at(5))
        let findings = run(plain)
        #expect(findings.map(\.code) == ["tls-settings-unused"])
        #expect(findings[0].location == at(4))
        #expect(findings[0].message.contains("scheme is not set, and the default is plaintext"))
        #expect(findings[0].hint == "set scheme: https for TLS, or remove the TLS settings")
        // Without TLS settings a plaintext client is not this check's business.
        #expect(run(client(tls: false)).isEmpty)
    }

    @Test func skipVerifyBesideACANamesWhatItHides() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        var tls = client()
        tls.trust = .source(.file(path: fixtures.file("ca.crt"), at: at(6)))
        tls.serverName = Stated("node1", at: at(7))
        tls.skipVerify = Stated(true, at: at(8))
        let findings = run(tls)
        #expect(findings.map(\.code) == ["insecure-skip-verify"])
        #expect(findings[0].message.contains("tls_config.ca_file and tls_config.server_name are ignored"))
        #expect(findings[0].location == at(8))
        // The monitor dialect names its own fields.
        tls.dialect = .monitor
        #expect(run(tls)[0].message.contains("tlsConfig.ca and tlsConfig.serverName are ignored"))
    }

    @Test func versionsOutOfOrderAndLegacy() {
        var tls = client()
        tls.minVersion = Stated(.tls1_3, at: at(4))
        tls.maxVersion = Stated(.tls1_2, at: at(5))
        let findings = run(tls)
        #expect(findings.map(\.code) == ["min-version-above-max"])
        #expect(findings[0].location == at(5))
        tls.minVersion = Stated(.tls1_0, at: at(4))
        #expect(run(tls).map(\.code) == ["legacy-tls-version"])
    }

    @Test func ipTargetsWithoutServerName() {
        // Pod IPs: a warning; a static IP: a note; a name: nothing; a server name set: nothing.
        let pods = client(.pods(PodSelection(through: .services, namespaces: nil, selector: LabelSelector(), port: .name("https"))))
        #expect(run(pods).map(\.severity) == [.warning])
        #expect(run(client(.address(host: "10.0.0.7", port: 9100))).map(\.severity) == [.info])
        #expect(run(client()).isEmpty)
        var named = pods
        named.serverName = Stated("node-exporter.monitoring.svc", at: at(9))
        #expect(run(named).isEmpty)
    }

    @Test func sharedMaterialIsCheckedOnceAndPointsAtEachUse() throws {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        // A server certificate used as a client certificate: no clientAuth usage.
        try fixtures.leaf("client", usage: "serverAuth")
        var materials = MaterialFindings()
        var results: [[Finding]] = []
        for line in [10, 20] {
            var tls = client()
            tls.trust = .source(.file(path: fixtures.file("ca.crt"), at: at(line)))
            tls.certificate = .source(.file(path: fixtures.file("client.crt"), at: at(line + 1)))
            tls.key = .source(.file(path: fixtures.file("client.key"), at: at(line + 2)))
            results.append(checks.check(tls, materials: &materials))
        }
        #expect(results[0].map(\.code) == ["cert-unfit-usage"])
        #expect(results[0][0].location == at(11))
        #expect(results[1].map(\.code) == ["cert-unfit-usage"])
        #expect(results[1][0].location == at(21))
        #expect(results[0][0].message == results[1][0].message)
    }

    @Test func aProgramThatLoadsUnusedSettingsStillFailsOnThem() {
        var plain = client(tls: false)
        plain.settingsLocation = at(4)
        plain.trust = .source(.file(path: "/nonexistent/ca.crt", at: at(5)))
        plain.minVersion = Stated(.tls1_3, at: at(6))
        plain.maxVersion = Stated(.tls1_2, at: at(7))
        #expect(run(plain).map(\.code) == ["tls-settings-unused"])
        plain.loadsUnusedSettings = true  // prometheus/common
        #expect(run(plain).map(\.code) == ["tls-settings-unused", "min-version-above-max", "file-not-found"])
    }
}
