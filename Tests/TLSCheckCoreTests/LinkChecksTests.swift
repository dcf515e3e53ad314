import Foundation
import Testing

@testable import TLSCheckCore

/// A connection judged from both ends: a client matched to a server, both stated by hand.
@Suite struct LinkChecksTests {
    let checks = LinkChecks(context: CheckContext(now: Date().addingTimeInterval(60)))
    /// bcrypt of "s3cret", cost 4 (made with libxcrypt).
    static let hash = "$2b$04$S/imHD9yV/bxNeXPcPYUj.62O/YR.Heprb0zhUQIdZqUTag6T1vDm"

    func at(_ file: String, _ line: Int) -> Location { Location(path: file, line: line, column: 3) }

    func scraper(tls: Bool = true) -> TLSClient {
        var client = TLSClient(name: "job \"node\"", dialect: .prometheus, origin: at("prometheus.yml", 2),
                               target: .address(host: "node1", port: 9100), usesTLS: tls)
        client.schemeLocation = tls ? at("prometheus.yml", 3) : nil
        return client
    }

    func exporter(tls: Bool = true) -> TLSServer {
        TLSServer(name: "web-config web.yml", dialect: .webConfig, origin: at("web.yml", 1), usesTLS: tls)
    }

    func run(_ client: TLSClient, _ server: TLSServer) -> [Finding] {
        var materials = MaterialFindings()
        return checks.check(Link(client: client, server: server, via: "static target node1:9100"), materials: &materials)
    }

    @Test func plaintextAgainstTLSBothWays() {
        let toTLS = run(scraper(tls: false), exporter())
        #expect(toTLS.map(\.code) == ["plaintext-to-tls"])
        #expect(toTLS[0].message.contains("400 Bad Request"))
        #expect(toTLS[0].location == at("prometheus.yml", 2))  // no scheme written: the job
        #expect(toTLS[0].hint?.contains("tls_config.ca_file") == true)
        let toPlain = run(scraper(), exporter(tls: false))
        #expect(toPlain.map(\.code) == ["plaintext-http"])
        #expect(toPlain[0].location == at("prometheus.yml", 3))
        #expect(toPlain[0].hint?.contains("tls_server_config") == true)
        #expect(run(scraper(tls: false), exporter(tls: false)).isEmpty)
    }

    @Test func versionsThatCannotMeet() {
        var client = scraper()
        client.maxVersion = Stated(.tls1_2, at: at("prometheus.yml", 6))
        var server = exporter()
        server.minVersion = Stated(.tls1_3, at: at("web.yml", 4))
        let findings = run(client, server)
        #expect(findings.map(\.code) == ["protocol-version-mismatch"])
        #expect(findings[0].location == at("prometheus.yml", 6))
        #expect(findings[0].message.contains("allows TLS 1.2 to TLS 1.2") == false)
        #expect(findings[0].message.contains("allows TLS 1.2, web-config web.yml"))
        server.minVersion = Stated(.tls1_2, at: at("web.yml", 4))
        #expect(run(client, server).isEmpty)
    }

    @Test func requiredClientCertificateMissing() {
        var server = exporter()
        server.clientAuth = Stated(.requireAndVerify, at: at("web.yml", 5))
        let findings = run(scraper(), server)
        #expect(findings.map(\.code) == ["client-cert-required"])
        #expect(findings[0].hint?.contains("tls_config.cert_file and tls_config.key_file") == true)
        server.clientAuth = Stated(.verifyIfGiven, at: at("web.yml", 5))
        #expect(run(scraper(), server).isEmpty)
    }

    @Test func basicAuthAgainstTheServersUsers() {
        var server = exporter()
        server.basicAuthUsers = ["prometheus": Self.hash]
        #expect(run(scraper(), server).map(\.code) == ["basic-auth-missing"])
        var client = scraper()
        client.basicAuth = BasicAuthCredentials(username: "prometheus", password: "s3cret", at: at("prometheus.yml", 8))
        #expect(run(client, server).isEmpty)
        client.basicAuth?.password = "wrong"
        let wrong = run(client, server)
        #expect(wrong.map(\.code) == ["basic-auth-rejected"])
        #expect(wrong[0].location == at("prometheus.yml", 8))
        client.basicAuth = BasicAuthCredentials(username: "promethues", password: "s3cret", at: at("prometheus.yml", 8))
        #expect(run(client, server).first?.hint == "did you mean prometheus?")
        // A password tlscheck cannot see is not judged.
        client.basicAuth = BasicAuthCredentials(username: "prometheus", password: nil, at: at("prometheus.yml", 8))
        #expect(run(client, server).isEmpty)
    }

    @Test func bcryptComparison() {
        #expect(BCryptHash.matches(password: "s3cret", hash: Self.hash))
        #expect(!BCryptHash.matches(password: "s3cret ", hash: Self.hash))
        #expect(!BCryptHash.matches(password: "s3cret", hash: "not a hash"))
    }
}

/// The certificate half of a link, with certificates made by openssl.
@Suite struct LinkTrustTests {
    let checks = LinkChecks(context: CheckContext(now: Date().addingTimeInterval(60)))

    func at(_ line: Int) -> Location { Location(path: "prometheus.yml", line: line, column: 7) }

    func setup() throws -> OpenSSLFixtures {
        let fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.ca("other", subject: "/CN=Other CA")
        try fixtures.leaf("server", hosts: ["DNS:node-exporter.monitoring.svc"])
        try fixtures.leaf("client", hosts: ["DNS:prometheus"], usage: "clientAuth")
        try fixtures.leaf("stranger", hosts: ["DNS:prometheus"], issuer: "other", usage: "clientAuth")
        return fixtures
    }

    func file(_ fixtures: OpenSSLFixtures, _ name: String, _ line: Int) -> MaterialReference {
        .source(.file(path: fixtures.file(name), at: at(line)))
    }

    func link(_ fixtures: OpenSSLFixtures, ca: String? = "ca.crt", serverName: String? = "node-exporter.monitoring.svc",
              pods: Bool = false, clientCert: String? = "client", policy: ClientAuthPolicy = .requireAndVerify) -> Link {
        var client = TLSClient(
            name: "ServiceMonitor monitoring/node", dialect: .monitor, origin: at(2),
            target: pods ? .pods(PodSelection(through: .services, namespaces: nil, selector: LabelSelector(), port: .name("https")))
                : .address(host: "10.0.0.9", port: 9100), usesTLS: true)
        client.trust = ca.map { file(fixtures, $0, 5) }
        client.serverName = serverName.map { Stated($0, at: at(6)) }
        client.certificate = clientCert.map { file(fixtures, "\($0).crt", 7) }
        client.key = clientCert.map { file(fixtures, "\($0).key", 8) }
        var server = TLSServer(name: "web-config node/web.yml", dialect: .webConfig, origin: Location(path: "web.yml", line: 1, column: 1), usesTLS: true)
        server.certificate = .source(.file(path: fixtures.file("server.crt"), at: Location(path: "web.yml", line: 2, column: 14)))
        server.clientAuth = Stated(policy, at: Location(path: "web.yml", line: 4, column: 21))
        server.clientCA = .source(.file(path: fixtures.file("ca.crt"), at: Location(path: "web.yml", line: 5, column: 19)))
        return Link(client: client, server: server, via: "Service monitoring/node-exporter port https")
    }

    func run(_ link: Link) -> [Finding] {
        var materials = MaterialFindings()
        return checks.check(link, materials: &materials)
    }

    @Test func aMatchingPairOfEndsIsClean() throws {
        let fixtures = try setup()
        #expect(run(link(fixtures)).isEmpty)
    }

    @Test func theWrongCAIsAnUnknownAuthorityInTheMonitorsWords() throws {
        let fixtures = try setup()
        let findings = run(link(fixtures, ca: "other.crt"))
        #expect(findings.map(\.code) == ["unknown-authority"])
        #expect(findings[0].location == at(5))
        #expect(findings[0].hint?.contains("tlsConfig.ca") == true)
        // No CA at all: the system store does not know a private CA either.
        #expect(run(link(fixtures, ca: nil)).map(\.code) == ["unknown-authority"])
    }

    @Test func aServerNameTheCertificateLacks() throws {
        let fixtures = try setup()
        let findings = run(link(fixtures, serverName: "node-exporter"))
        #expect(findings.map(\.code) == ["hostname-mismatch"])
        #expect(findings[0].location == at(6))
    }

    @Test func podIPsWithoutIPSANs() throws {
        let fixtures = try setup()
        let findings = run(link(fixtures, serverName: nil, pods: true))
        #expect(findings.map(\.code) == ["hostname-mismatch"])
        #expect(findings[0].message.contains("no IP SANs"))
        #expect(findings[0].hint?.contains("tlsConfig.serverName to one of the certificate's DNS names (node-exporter.monitoring.svc)") == true)
    }

    @Test func clientCertificateFromAnotherCAOrWithoutClientAuth() throws {
        let fixtures = try setup()
        let stranger = run(link(fixtures, clientCert: "stranger"))
        #expect(stranger.map(\.code) == ["client-cert-rejected"])
        #expect(stranger[0].location == at(7))
        #expect(stranger[0].message.contains("signed by unknown authority"))
        // The server's own certificate as a client certificate: no clientAuth usage.
        try fixtures.leaf("serveronly", hosts: ["DNS:prometheus"], usage: "serverAuth")
        let usage = run(link(fixtures, clientCert: "serveronly"))
        #expect(usage.map(\.code) == ["client-cert-rejected"])
        #expect(usage[0].message.contains("incompatible key usage"))
        // A policy that does not verify does not care.
        #expect(run(link(fixtures, clientCert: "stranger", policy: .requireAny)).isEmpty)
    }

    @Test func allowedSANs() throws {
        let fixtures = try setup()
        var allowed = link(fixtures)
        allowed.server.allowedSANs = Stated(["grafana"], at: Location(path: "web.yml", line: 6, column: 5))
        #expect(run(allowed).map(\.code) == ["client-cert-rejected"])
        allowed.server.allowedSANs = Stated(["prometheus"], at: Location(path: "web.yml", line: 6, column: 5))
        #expect(run(allowed).isEmpty)
    }
}
