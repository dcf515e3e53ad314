import Foundation
import Testing

/// `promtool check config` (Debian's prometheus 2.42) against `tlscheck validate` on the same files.
/// Where promtool refuses a file, tlscheck reports an error too. Where promtool passes it, tlscheck
/// passes it as well, unless the case says why tlscheck knows more: promtool only looks for the client
/// certificate, key and credential files of scrape jobs, while Prometheus opens and parses them later
/// (kubernetes.md §2), and tlscheck follows current Prometheus where 2.42 was laxer.
@Suite(.serialized) struct PromtoolAgreementTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The file, with `JOB` standing for a minimal job header.
        let yaml: String
        let promtoolAccepts: Bool
        /// Why tlscheck reports an error on a file promtool accepts (nil: they agree).
        var more: String?
        var testDescription: String { name }
    }

    static let job = "scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: [localhost:9100]\n"
    static let tls = "    scheme: https\n    tls_config:\n      ca_file: ca.crt\n      cert_file: client.crt\n      key_file: client.key\n      server_name: localhost\n"

    static let cases: [Case] = [
        Case(name: "clean mTLS job", yaml: job + tls, promtoolAccepts: true),
        Case(name: "tls_config under http (a warning)", yaml: job + "    tls_config:\n      ca_file: ca.crt\n", promtoolAccepts: true),
        Case(name: "skip-verify beside a CA (a warning)", yaml: job + tls + "      insecure_skip_verify: true\n", promtoolAccepts: true),
        Case(name: "HTTPS in capitals", yaml: job + "    scheme: HTTPS\n", promtoolAccepts: true),
        Case(name: "misspelt tls_config key", yaml: job + "    tls_config:\n      ca_fil: ca.crt\n", promtoolAccepts: false),
        Case(name: "misspelt job key", yaml: job + "    schem: https\n", promtoolAccepts: false),
        Case(name: "misspelt global key", yaml: "global:\n  scrape_intervall: 1m\n" + job, promtoolAccepts: false),
        Case(name: "cert_file without key_file", yaml: job + "    tls_config:\n      cert_file: client.crt\n", promtoolAccepts: false),
        Case(name: "key_file without cert_file", yaml: job + "    tls_config:\n      key_file: client.key\n", promtoolAccepts: false),
        Case(name: "missing cert_file", yaml: job + tls.replacing("cert_file: client.crt", with: "cert_file: nothere.crt"), promtoolAccepts: false),
        Case(name: "missing key_file", yaml: job + tls.replacing("key_file: client.key", with: "key_file: nothere.key"), promtoolAccepts: false),
        Case(name: "unknown TLS version", yaml: job + "    tls_config:\n      min_version: TLS1.2\n", promtoolAccepts: false),
        Case(name: "bool written as text", yaml: job + "    tls_config:\n      insecure_skip_verify: maybe\n", promtoolAccepts: false),
        Case(name: "authorization type Basic", yaml: job + "    authorization:\n      type: Basic\n      credentials: x\n", promtoolAccepts: false),
        Case(name: "basic_auth and bearer_token", yaml: job + "    basic_auth: {username: a, password: b}\n    bearer_token: t\n", promtoolAccepts: false),
        Case(name: "missing bearer_token_file", yaml: job + "    bearer_token_file: nothere\n", promtoolAccepts: false),
        Case(name: "missing credentials_file", yaml: job + "    authorization:\n      credentials_file: nothere\n", promtoolAccepts: false),
        Case(name: "duplicate job names", yaml: job + "  - job_name: node\n", promtoolAccepts: false),
        Case(name: "empty job name", yaml: "scrape_configs:\n  - job_name: ''\n", promtoolAccepts: false),
        Case(name: "timeout above interval", yaml: job + "    scrape_interval: 10s\n    scrape_timeout: 20s\n", promtoolAccepts: false),
        Case(name: "invalid duration", yaml: job + "    scrape_interval: 5\n", promtoolAccepts: false),
        Case(name: "target written as a URL", yaml: "scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['https://localhost:9100']\n", promtoolAccepts: false),
        Case(name: "oauth2 without token_url", yaml: job + "    oauth2:\n      client_id: a\n      client_secret: b\n", promtoolAccepts: false),
        Case(name: "replace rule without target_label", yaml: job + "    relabel_configs:\n      - source_labels: [__address__]\n", promtoolAccepts: false),
        Case(name: "unknown relabel action", yaml: job + "    relabel_configs:\n      - action: keeep\n", promtoolAccepts: false),
        Case(name: "remote_write without url", yaml: "remote_write:\n  - name: a\n", promtoolAccepts: false),
        Case(name: "remote_write reserved header", yaml: "remote_write:\n  - url: http://a\n    headers: {User-Agent: x}\n", promtoolAccepts: false),
        Case(name: "remote_write basic_auth and sigv4", yaml: "remote_write:\n  - url: http://a\n    basic_auth: {username: a}\n    sigv4: {region: x}\n", promtoolAccepts: false),
        // tlscheck knows more:
        Case(name: "missing ca_file", yaml: job + tls.replacing("ca_file: ca.crt", with: "ca_file: nothere.crt"), promtoolAccepts: true,
             more: "promtool never opens ca_file; Prometheus fails to create the client (unable to read CA cert), so the job has no targets (PrometheusScrapeTests shows it)"),
        Case(name: "ca_file holds a key", yaml: job + tls.replacing("ca_file: ca.crt", with: "ca_file: ca.key"), promtoolAccepts: true,
             more: "promtool does not parse ca_file; Prometheus: unable to use specified CA cert file, the job has no targets"),
        Case(name: "key of another certificate", yaml: job + tls.replacing("key_file: client.key", with: "key_file: server.key"), promtoolAccepts: true,
             more: "promtool only stats cert_file and key_file; Prometheus loads the pair: tls: private key does not match public key"),
        Case(name: "max_version below min_version", yaml: job + tls + "      min_version: TLS13\n      max_version: TLS12\n", promtoolAccepts: true,
             more: "checked at client creation, not at load: the job has no targets"),
        Case(name: "missing password_file", yaml: job + "    basic_auth:\n      username: a\n      password_file: nothere\n", promtoolAccepts: true,
             more: "promtool does not check password_file; it is read on every scrape, which then fails"),
        Case(name: "remote_write with a missing ca_file", yaml: "remote_write:\n  - url: https://mimir:9009/api/v1/push\n    tls_config:\n      ca_file: nothere.crt\n",
             promtoolAccepts: true, more: "promtool checks no remote_write file; Prometheus then does not start"),
        Case(name: "Alertmanager API v1", yaml: "alerting:\n  alertmanagers:\n    - api_version: v1\n      static_configs: [{targets: ['am:9093']}]\n",
             promtoolAccepts: true, more: "2.42 still took v1; current Prometheus refuses it (expected Alertmanager api version to be one of [v2])"),
    ]

    @Test(arguments: cases)
    func promtoolAndTlscheckAgree(_ c: Case) throws {
        try #require(Shell.exists("promtool"), "install Debian's prometheus (promtool)")
        let folder = try TemporaryFolder()
        let generated = try CLI.run(["gen-self-signed", "--mtls", "--host", "localhost", "--out", folder.path])
        try #require(generated.status == 0, "\(generated.output)")
        let config = try folder.write("prometheus.yml", c.yaml)
        let promtool = try Shell.run("promtool", ["check", "config", "prometheus.yml"], cwd: folder.url)
        #expect((promtool.status == 0) == c.promtoolAccepts, "promtool: \(promtool.output)")
        let tlscheck = try CLI.run(["validate", "--kind", "prometheus", config])
        let tlscheckAccepts = tlscheck.status == 0
        if c.more == nil {
            #expect(tlscheckAccepts == c.promtoolAccepts, "tlscheck: \(tlscheck.output)")
        } else {
            #expect(!tlscheckAccepts, "tlscheck should report an error: \(tlscheck.output)")
        }
    }
}
