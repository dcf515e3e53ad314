import Foundation
import Testing

@testable import TLSCheckCore

/// `validate --example-kubernetes`: each planted seam is found, and nothing else — the same manifests
/// with the seams mended validate clean, so the example's certificates and wiring are real.
@Suite struct ExampleDeploymentTests {
    @Test func theSeamsAndNothingElse() throws {
        let text = try Examples.brokenDeployment()
        let findings = Manifests.findings(text, path: Examples.brokenDeploymentName)
        #expect(findings.map(\.code).sorted() == ["hostname-mismatch", "plaintext-to-tls", "plaintext-to-tls", "subpath-certificate", "unknown-authority"])
        #expect(findings.allSatisfy { $0.location.path == Examples.brokenDeploymentName && $0.hint != nil })
        // Certificates made at run time, lines fixed: the findings are the same every time.
        #expect(Manifests.findings(try Examples.brokenDeployment(), path: Examples.brokenDeploymentName) == findings)
    }

    @Test func mendedItIsClean() throws {
        let text = try Examples.brokenDeployment()
        // The gateway's CA, as its Secret holds it (base64): Parca gets it in its own namespace.
        let gatewayCA = try #require(text.split(separator: "\n").last { $0.hasPrefix("  ca.crt: ") }).dropFirst("  ca.crt: ".count)
        let mended = text
            .replacingOccurrences(of: "httpGet: {path: /, port: https}", with: "tcpSocket: {port: https}")
            .replacingOccurrences(of: "{name: client-ca, mountPath: /etc/exporter/client-ca.crt, subPath: ca.crt}",
                                  with: "{name: client-ca, mountPath: /etc/exporter/client-ca}")
            .replacingOccurrences(of: "client_ca_file: /etc/exporter/client-ca.crt", with: "client_ca_file: /etc/exporter/client-ca/ca.crt")
            .replacingOccurrences(of: "      ca: {secret: {name: scraper-tls, key: ca.crt}}",
                                  with: "      ca: {configMap: {name: exporter-client-ca, key: ca.crt}}\n      serverName: postgres-exporter.db.svc")
            .replacingOccurrences(of: "        args: [--otlp-address=gateway-collector.otel.svc:4317]\n", with: """
                        args: [--otlp-address=gateway-collector.otel.svc:4317, --otlp-insecure=false]
                        env: [{name: OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE, value: /tls/ca.crt}]
                        volumeMounts: [{name: tls, mountPath: /tls}]
                      volumes: [{name: tls, secret: {secretName: gateway-ca}}]
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: gateway-ca, namespace: parca}
                data: {ca.crt: \(gatewayCA)}

                """)
        #expect(mended != text)
        let findings = Manifests.findings(mended, path: Examples.brokenDeploymentName)
        #expect(findings.isEmpty, "\(findings)")
    }
}
