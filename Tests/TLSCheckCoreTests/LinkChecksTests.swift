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
