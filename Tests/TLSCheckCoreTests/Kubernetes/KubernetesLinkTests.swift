import Foundation
import Testing

@testable import TLSCheckCore

/// Both ends of each connection of a deployment: a ServiceMonitor against the exporter it selects
/// (through the Service and the pod template), the kubelet's probes against the same exporter, an
/// OTLP sender against the receiver its Service reaches. Real manifests through the real reader.
@Suite struct KubernetesLinkTests {
    static let service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: exporter
          namespace: db
          labels: {app: postgres-exporter}
        spec:
          selector: {app: postgres-exporter}
          ports:
          - {name: https, port: 9187, targetPort: https}
        """

    static func monitor(scheme: String? = "https", ca: String = "ca.crt", serverName: String? = "exporter.db.svc",
                        clientCertificate: Bool = true, selector: String = "postgres-exporter") -> String {
        """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: exporter
          namespace: db
        spec:
          selector:
            matchLabels: {app: \(selector)}
          endpoints:
          - port: https
        \(scheme.map { "    scheme: \($0)\n" } ?? "")    tlsConfig:
              ca: {secret: {name: scraper-tls, key: \(ca)}}
        \(clientCertificate ? "      cert: {secret: {name: scraper-tls, key: tls.crt}}\n      keySecret: {name: scraper-tls, key: tls.key}\n" : "")\(serverName.map { "      serverName: \($0)\n" } ?? "")
        """
    }

    /// The scraper's client pair and CA (and another CA, for a wrong trust), in the monitor's namespace.
    func scraperSecret(_ stack: ExporterStack) throws -> String {
        try stack.fixtures.leaf("client", hosts: ["DNS:prometheus"], usage: "clientAuth")
        try stack.fixtures.ca("stranger", subject: "/CN=Stranger CA")
        return """
            apiVersion: v1
            kind: Secret
            metadata: {name: scraper-tls, namespace: db}
            data:
              tls.crt: \(Manifests.base64(try stack.pem("client.crt")))
              tls.key: \(Manifests.base64(try stack.pem("client.key")))
              ca.crt: \(Manifests.base64(try stack.pem("ca.crt")))
              stranger.crt: \(Manifests.base64(try stack.pem("stranger.crt")))
              empty.crt: ""
              garbage.crt: \(Manifests.base64("not a certificate"))
            """
    }

    func findings(_ stack: ExporterStack, monitor: String = monitor(), extra: String = "",
                  deployment: String = ExporterStack.deployment()) throws -> [Finding] {
        let yaml = [try stack.stack(deployment: deployment), Self.service, try scraperSecret(stack), monitor]
            .joined(separator: "\n---\n") + (extra.isEmpty ? "" : "\n---\n" + extra)
        return Manifests.findings(yaml).filter { $0.severity >= .warning }
    }

    @Test func bothEndsThatFitAreClean() throws {
        let stack = try ExporterStack()
        #expect(try findings(stack).map(\.code) == [])
    }

    @Test func podIPsWithoutServerName() throws {
        let findings = try findings(try ExporterStack(), monitor: Self.monitor(serverName: nil))
        #expect(findings.map(\.code) == ["hostname-mismatch"])
        #expect(findings[0].message.contains("no IP SANs"))
        #expect(findings[0].hint == "set tlsConfig.serverName to one of the certificate's DNS names (exporter.db.svc)")
    }

    @Test func aServerNameTheCertificateLacks() throws {
        let findings = try findings(try ExporterStack(), monitor: Self.monitor(serverName: "exporter"))
        #expect(findings.map(\.code) == ["hostname-mismatch"])
    }

    @Test func theScrapersCAIsNotTheExportersIssuer() throws {
        let findings = try findings(try ExporterStack(), monitor: Self.monitor(ca: "stranger.crt"))
        #expect(findings.map(\.code) == ["unknown-authority"])
        #expect(findings[0].hint?.contains("tlsConfig.ca") == true)
    }

    /// kubernetes.md §9 #12: a monitor's CA from a Secret gets the CA checks once it is read.
    @Test func aCAValueWithoutACertificate() throws {
        let findings = try findings(try ExporterStack(), monitor: Self.monitor(ca: "garbage.crt"))
        #expect(findings.map(\.code) == ["ca-no-certificate"])
        #expect(findings.first?.message.contains("Secret db/scraper-tls key garbage.crt holds no certificate") == true)
    }

    /// kubernetes.md §9 #16: the Operator writes no file for an empty value, so the scrape pool fails.
    @Test func anEmptyCAValue() throws {
        let findings = try findings(try ExporterStack(), monitor: Self.monitor(ca: "empty.crt"))
        #expect(findings.map(\.code) == ["object-key-missing"])
        #expect(findings.first?.message.contains("key \"empty.crt\" in secret \"scraper-tls\" is empty") == true)
    }

    /// kubernetes.md §9 #18–19: a ServiceMonitor's files are in the Prometheus container, where the
    /// Operator mounts the Secrets of the Prometheus resource's `spec.secrets`.
    @Test func aServiceMonitorsFilesThroughThePrometheusResource() throws {
        let folder = "/etc/prometheus/secrets/scraper-tls"
        func monitor(ca: String = "ca.crt") -> String {
            Self.monitor().replacing("      ca: {secret: {name: scraper-tls, key: ca.crt}}\n", with: "      caFile: \(folder)/\(ca)\n")
                .replacing("      cert: {secret: {name: scraper-tls, key: tls.crt}}\n      keySecret: {name: scraper-tls, key: tls.key}\n",
                           with: "      certFile: \(folder)/tls.crt\n      keyFile: \(folder)/tls.key\n")
        }
        func prometheus(_ spec: String) -> String {
            "apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: db}\nspec: \(spec)"
        }
        let stack = try ExporterStack()
        #expect(monitor().contains("caFile: \(folder)/ca.crt") && monitor().contains("keyFile: \(folder)/tls.key"))
        // No Prometheus resource in the input: the files are unknown, and nothing is said of them.
        #expect(try findings(stack, monitor: monitor()).isEmpty)
        // Mounted: the files are the Secret's keys, and the link is checked with them.
        #expect(try findings(stack, monitor: monitor(), extra: prometheus("{secrets: [scraper-tls]}")).isEmpty)
        let stranger = try findings(stack, monitor: monitor(ca: "stranger.crt"), extra: prometheus("{secrets: [scraper-tls]}"))
        #expect(stranger.map(\.code) == ["unknown-authority"])
        // Not listed in spec.secrets: the files do not exist.
        let unlisted = try findings(stack, monitor: monitor(), extra: prometheus("{secrets: [other]}"))
        #expect(unlisted.map(\.code) == ["path-not-mounted", "path-not-mounted", "path-not-mounted"])
        #expect(unlisted.first?.hint == "add scraper-tls to spec.secrets of Prometheus db/k8s, or name the Secret key in the monitor's tlsConfig instead of a file")
        let noKey = try findings(stack, monitor: monitor(ca: "nothing.crt"), extra: prometheus("{secrets: [scraper-tls]}"))
        #expect(noKey.map(\.code) == ["object-key-missing"])
        // arbitraryFSAccessThroughSMs.deny: the Operator rejects the monitor.
        let denied = try findings(stack, monitor: monitor(), extra: prometheus("{secrets: [scraper-tls], arbitraryFSAccessThroughSMs: {deny: true}}"))
        #expect(denied.map(\.code) == ["monitor-rejected"])
        #expect(denied.first?.message.contains("it accesses file system via tls config which Prometheus specification prohibits") == true)
    }

    /// kubernetes.md §9 #14: a client certificate cert-manager will issue without `client auth`.
    @Test func aClientCertificateCertManagerIssuesForServersOnly() throws {
        let monitor = Self.monitor()
            .replacing("cert: {secret: {name: scraper-tls, key: tls.crt}}", with: "cert: {secret: {name: issued-tls, key: tls.crt}}")
            .replacing("keySecret: {name: scraper-tls, key: tls.key}", with: "keySecret: {name: issued-tls, key: tls.key}")
        func certificate(_ usages: String) -> String {
            """
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: {name: scraper, namespace: db}
            spec: {secretName: issued-tls, commonName: prometheus, dnsNames: [prometheus], usages: [\(usages)], issuerRef: {name: ca, kind: ClusterIssuer}}
            """
        }
        let stack = try ExporterStack()
        let serverOnly = try findings(stack, monitor: monitor, extra: certificate("digital signature, server auth"))
        #expect(serverOnly.map(\.code) == ["client-cert-rejected"])
        #expect(serverOnly.first?.message.contains("lack client auth") == true)
        #expect(serverOnly.first?.hint == "add `client auth` to spec.usages of Certificate db/scraper")
        #expect(try findings(stack, monitor: monitor, extra: certificate("digital signature, client auth")).isEmpty)
    }

    /// The same for the exporter: a serving certificate cert-manager will issue without `server auth`.
    @Test func aServingCertificateCertManagerIssuesForClientsOnly() throws {
        let deployment = ExporterStack.deployment(volumes: ExporterStack.defaultVolumes.replacing("secretName: exporter-tls", with: "secretName: issued-server"))
        func certificate(_ usages: String) -> String {
            """
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: {name: exporter, namespace: db}
            spec: {secretName: issued-server, dnsNames: [exporter.db.svc], usages: [\(usages)], issuerRef: {name: ca, kind: ClusterIssuer}}
            ---
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata: {name: ca}
            spec: {ca: {secretName: root}}
            """
        }
        let stack = try ExporterStack()
        let clientOnly = try findings(stack, extra: certificate("digital signature, client auth"), deployment: deployment)
        #expect(clientOnly.map(\.code) == ["certificate-invalid"])
        #expect(clientOnly.first?.hint == "add `server auth` to spec.usages of Certificate db/exporter")
        #expect(try findings(stack, extra: certificate("digital signature, server auth"), deployment: deployment).isEmpty)
    }

    @Test func theDefaultSchemeAgainstATLSExporter() throws {
        let findings = try findings(try ExporterStack(), monitor: Self.monitor(scheme: nil))
        #expect(findings.map(\.code).contains("plaintext-to-tls"))
        #expect(findings.first { $0.code == "plaintext-to-tls" }?.message.contains("400 Bad Request") == true)
    }

    @Test func noClientCertificateForAnMTLSExporter() throws {
        let findings = try findings(try ExporterStack(), monitor: Self.monitor(clientCertificate: false))
        #expect(findings.map(\.code) == ["client-cert-required"])
        #expect(findings[0].hint?.contains("tlsConfig.cert and tlsConfig.keySecret") == true)
    }

    @Test func aSelectorThatMatchesNothingIsSaid() throws {
        let all = [try ExporterStack().stack(), Self.service, Self.monitor(selector: "postgres")].joined(separator: "\n---\n")
        let notes = Manifests.findings(all).filter { $0.code == "selects-nothing-in-input" }
        #expect(notes.count == 1)
        #expect(notes.first?.message.contains("selector app=postgres") == true)
    }

    @Test func kubeletProbesAgainstTheExporter() throws {
        func probes(_ text: String) throws -> [Finding] {
            let deployment = ExporterStack.deployment(extra: text)
            return try findings(try ExporterStack(), deployment: deployment).filter { $0.message.contains("Probe") }
        }
        let plain = try probes("        livenessProbe:\n          httpGet: {path: /, port: https}")
        #expect(plain.map(\.code) == ["plaintext-to-tls"])
        // The port requires client certificates: HTTPS would fail too, so the hint says tcpSocket.
        #expect(plain[0].hint?.hasPrefix("use a tcpSocket probe") == true)
        #expect(plain[0].message.contains("sends plaintext to port https of its container (web-config /etc/exporter/web/web.yml, deploy.yaml:"))
        let mtls = try probes("        readinessProbe:\n          httpGet: {path: /, port: https, scheme: HTTPS}")
        #expect(mtls.map(\.code) == ["client-cert-required"])
        #expect(mtls[0].hint?.contains("tcpSocket") == true)
        let grpc = try probes("        startupProbe:\n          grpc: {port: 9187}")
        #expect(grpc.map(\.code) == ["plaintext-to-tls"])
        #expect(try probes("        livenessProbe:\n          tcpSocket: {port: https}").isEmpty)
    }

    @Test func aProbeWithoutCredentialsOnABasicAuthPort() throws {
        // bcrypt of "s3cret", cost 4.
        let web = ExporterStack.webSecret("tls_server_config:\n  cert_file: /etc/exporter/tls/tls.crt\n  key_file: /etc/exporter/tls/tls.key\nbasic_auth_users:\n  prometheus: $2b$04$S/imHD9yV/bxNeXPcPYUj.62O/YR.Heprb0zhUQIdZqUTag6T1vDm")
        let stack = try ExporterStack()
        func run(_ probe: String) throws -> [Finding] {
            let yaml = try stack.stack(web: web, deployment: ExporterStack.deployment(extra: probe))
            return Manifests.findings(yaml).filter { $0.severity >= .warning }
        }
        let missing = try run("        livenessProbe:\n          httpGet: {path: /, port: https, scheme: HTTPS}")
        #expect(missing.map(\.code) == ["basic-auth-missing"])
        let header = "Basic " + Manifests.base64("prometheus:s3cret")
        #expect(try run("        livenessProbe:\n          httpGet:\n            path: /\n            port: https\n            scheme: HTTPS\n            httpHeaders: [{name: Authorization, value: '\(header)'}]").isEmpty)
        let wrong = "Basic " + Manifests.base64("prometheus:nope")
        #expect(try run("        livenessProbe:\n          httpGet:\n            path: /\n            port: https\n            scheme: HTTPS\n            httpHeaders: [{name: Authorization, value: '\(wrong)'}]").map(\.code) == ["basic-auth-rejected"])
    }

    @Test func aPlainPortHintsAtHTTPS() throws {
        let web = ExporterStack.webSecret("tls_server_config:\n  cert_file: /etc/exporter/tls/tls.crt\n  key_file: /etc/exporter/tls/tls.key")
        let stack = try ExporterStack()
        let yaml = try stack.stack(web: web, deployment: ExporterStack.deployment(extra: "        livenessProbe:\n          httpGet: {path: /, port: https}"))
        let findings = Manifests.findings(yaml).filter { $0.severity >= .warning }
        #expect(findings.map(\.code) == ["plaintext-to-tls"])
        #expect(findings.first?.hint?.hasPrefix("set `scheme: HTTPS`") == true)
    }

    @Test func aTargetPortIsTheContainersPort() throws {
        let stack = try ExporterStack()
        func run(_ endpoint: String) throws -> [Finding] {
            let monitor = Self.monitor(serverName: nil).replacingOccurrences(of: "  - port: https\n", with: "  - \(endpoint)\n")
            return try findings(stack, monitor: monitor)
        }
        // By number and by name, the pods' port is reached even though no Service port is 9187 by number.
        #expect(try run("targetPort: 9187").map(\.code) == ["hostname-mismatch"])
        #expect(try run("targetPort: https").map(\.code) == ["hostname-mismatch"])
        // A port the containers do not have: nothing is reached, nothing is claimed.
        #expect(try run("targetPort: 9100").map(\.code) == ["ip-target-without-server-name"])
        // A Service port name the Service lacks reaches nothing either (no fallback to target ports).
        #expect(try run("port: metrics").map(\.code) == ["ip-target-without-server-name"])
    }

    @Test func theHostNetworkMeansNodeIPs() throws {
        let deployment = ExporterStack.deployment().replacingOccurrences(of: "      containers:\n", with: "      hostNetwork: true\n      containers:\n")
        let findings = try findings(try ExporterStack(), monitor: Self.monitor(serverName: nil), deployment: deployment)
        #expect(findings.map(\.code) == ["hostname-mismatch"])
        #expect(findings.first?.message.contains("against the node IP it scrapes") == true)
        #expect(findings.first?.message.contains("<node IP>") == true)
    }

    @Test func kubeRBACProxyWithoutACertificateCannotBeVerified() throws {
        let proxy = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: node-exporter, namespace: db}
            spec:
              template:
                metadata: {labels: {app: postgres-exporter}}
                spec:
                  containers:
                  - name: kube-rbac-proxy
                    image: quay.io/brancz/kube-rbac-proxy:v0.19.1
                    args: ["--secure-listen-address=:9187", "--upstream=http://127.0.0.1:8100/"]
                    ports: [{name: https, containerPort: 9187}]
            """
        let stack = try ExporterStack()
        let yaml = [proxy, Self.service, try scraperSecret(stack), Self.monitor()].joined(separator: "\n---\n")
        let verifying = Manifests.findings(yaml).filter { $0.severity >= .warning }
        #expect(verifying.map(\.code) == ["unknown-authority"])
        #expect(verifying.first?.message.contains("makes up its own certificate") == true)
        #expect(verifying.first?.hint?.contains("--tls-cert-file") == true)
        let plain = Manifests.findings(yaml.replacingOccurrences(of: "scheme: https", with: "scheme: http")).filter { $0.severity == .error }
        #expect(plain.map(\.code) == ["plaintext-to-tls"])
        let skipping = yaml.replacingOccurrences(of: "      serverName: exporter.db.svc", with: "      insecureSkipVerify: true")
        #expect(Manifests.findings(skipping).filter { $0.severity == .error }.isEmpty)
    }

    @Test func objectsGivenTwiceAreJudgedOnce() throws {
        let stack = try ExporterStack()
        let once = [try stack.stack(), Self.service, try scraperSecret(stack), Self.monitor(ca: "stranger.crt")].joined(separator: "\n---\n")
        let twice = once + "\n---\n" + ExporterStack.deployment() + "\n---\n" + Self.service
        #expect(Manifests.findings(twice).filter { $0.code == "unknown-authority" }.count == 1)
    }

    @Test func aMonitorsBasicAuthFromItsSecret() throws {
        // bcrypt of "s3cret", cost 4; the exporter serves plain HTTP with basic auth.
        let web = ExporterStack.webSecret("basic_auth_users:\n  prometheus: $2b$04$S/imHD9yV/bxNeXPcPYUj.62O/YR.Heprb0zhUQIdZqUTag6T1vDm")
        let stack = try ExporterStack()
        func run(_ secret: String, auth: String = "basicAuth: {username: {name: auth, key: user}, password: {name: auth, key: password}}") throws -> [Finding] {
            let monitor = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: exporter, namespace: db}
                spec:
                  selector: {matchLabels: {app: postgres-exporter}}
                  endpoints:
                  - port: https
                    \(auth)
                """
            let parts = [try stack.stack(web: web), Self.service, monitor] + (secret.isEmpty ? [] : ["apiVersion: v1\nkind: Secret\nmetadata: {name: auth, namespace: db}\nstringData: \(secret)"])
            return Manifests.findings(parts.joined(separator: "\n---\n")).filter { $0.severity >= .warning }
        }
        #expect(try run("{user: prometheus, password: s3cret}").isEmpty)
        #expect(try run("{user: prometheus, password: nope}").map(\.code) == ["basic-auth-rejected"])
        #expect(try run("{user: grafana, password: s3cret}").map(\.code) == ["basic-auth-rejected"])
        // The Secret is not in the input: nothing known, nothing claimed (a note says it was not checked).
        #expect(try run("").isEmpty)
        let bearer = try run("", auth: "bearerTokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token")
        #expect(bearer.map(\.code) == ["basic-auth-missing"])
        #expect(bearer.first?.message.contains("sends `Authorization: Bearer …`, not basic auth") == true)
    }
}
