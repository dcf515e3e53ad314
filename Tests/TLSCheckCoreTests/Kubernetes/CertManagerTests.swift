import Foundation
import Testing

@testable import TLSCheckCore

/// cert-manager Certificates: the webhook's rejections in its words, and what the Secret will hold.
@Suite struct CertManagerTests {
    static func certificate(_ spec: String, name: String = "c") -> String {
        "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: \(name), namespace: db}\nspec:\n" + spec
    }

    @Test func webhookRejections() {
        let findings = Manifests.findings(Self.certificate("""
              issuerRef: {kind: VaultIssuer}
              ipAddresses: [10.0.0.1, 10.0.0]
              usages: [serverAuth, client auth]
              duration: 30m
              renewBefore: 1m
            """))
        #expect(findings.codes == Array(repeating: "cert-manager-invalid", count: 7))
        let messages = findings.map(\.message)
        #expect(messages[0].hasSuffix("spec.secretName: Required value: must be specified"))
        #expect(messages[1].hasSuffix("spec.issuerRef.name: Required value: must be specified"))
        #expect(messages[2].hasSuffix("spec.issuerRef.kind: Invalid value: \"VaultIssuer\": must be one of Issuer or ClusterIssuer (did you forget to set spec.issuerRef.group?)"))
        #expect(messages[3].hasSuffix("spec.ipAddresses[1]: Invalid value: \"10.0.0\": invalid IP address"))
        #expect(messages[4].hasSuffix("spec.usages[0]: Unsupported value: \"serverAuth\""))
        #expect(findings[4].hint == "did you mean \"server auth\"?")
        #expect(messages[5].hasSuffix("spec.duration: Invalid value: \"30m0s\": certificate duration must be greater than 1h0m0s"))
        #expect(messages[6].hasSuffix("spec.renewBefore: Invalid value: \"1m0s\": certificate renewBefore must be greater than 5m0s"))
        #expect(findings[3].location.line == 6)
    }

    @Test func namesAndLifetime() {
        let none = Manifests.findings(Self.certificate("  secretName: s\n  issuerRef: {name: ca}\n"))
        #expect(none.codes == ["cert-manager-invalid"])
        #expect(none[0].message.contains("at least one of commonName"))
        let cnOnly = Manifests.findings(Self.certificate("  secretName: s\n  issuerRef: {name: ca}\n  commonName: exporter\n"))
        #expect(cnOnly.codes == ["cert-no-san"])
        #expect(cnOnly[0].message.contains("x509: certificate relies on legacy Common Name field"))
        let renewal = Manifests.findings(Self.certificate("""
              secretName: s
              issuerRef: {name: ca}
              dnsNames: [exporter.db.svc]
              duration: 2160h
              renewBefore: 2400h
            """))
        #expect(renewal.codes == ["cert-manager-invalid"])
        #expect(renewal[0].message.hasSuffix("certificate duration 2160h0m0s must be greater than renewBefore 2400h0m0s"))
        let fine = Manifests.validate(Self.certificate("""
              secretName: exporter-tls
              issuerRef: {name: ca, kind: ClusterIssuer}
              dnsNames: [exporter.db.svc]
              ipAddresses: ["10.0.0.1", "::1"]
              usages: [server auth, digital signature]
              duration: 2160h
              renewBefore: 360h
            """))
        #expect(fine.report.findings.isEmpty)
        let facts = fine.deployment.kubernetes.certificates[0]
        #expect(facts.secret == ObjectName(kind: "Secret", namespace: "db", name: "exporter-tls"))
        #expect(facts.dnsNames == ["exporter.db.svc"] && facts.ipAddresses == ["10.0.0.1", "::1"])
        #expect(facts.allowsServerAuth && !facts.allowsClientAuth)
        #expect(facts.duration == 2160 * 3600 && facts.renewBefore == 360 * 3600)
        #expect(facts.issuer == ObjectName(kind: "ClusterIssuer", namespace: nil, name: "ca"))
        #expect(facts.issuerType == .unknown && facts.willHold("ca.crt") == nil && facts.willHold("tls.key") == true)
    }

    static let issuers = """
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata: {name: letsencrypt, namespace: db}
        spec: {acme: {server: https://acme-v02.api.letsencrypt.org/directory}}
        ---
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata: {name: internal-ca}
        spec: {ca: {secretName: root}}
        """

    /// A pod that mounts the Secret `secret` with items tls.crt and ca.crt.
    static func pod(secret: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: db}
        spec:
          containers: [{name: c, volumeMounts: [{name: tls, mountPath: /tls}]}]
          volumes:
          - name: tls
            secret:
              secretName: \(secret)
              items: [{key: tls.crt, path: tls.crt}, {key: ca.crt, path: ca.crt}]
        """
    }

    @Test func acmeSecretsHaveNoCA() {
        let yaml = [
            Self.issuers,
            Self.certificate("  secretName: public-tls\n  issuerRef: {name: letsencrypt}\n  dnsNames: [a.example.com]\n", name: "public"),
            Self.certificate("  secretName: internal-tls\n  issuerRef: {name: internal-ca, kind: ClusterIssuer}\n  dnsNames: [a.db.svc]\n", name: "internal"),
            Self.pod(secret: "public-tls"),
        ].joined(separator: "\n---\n")
        let findings = Manifests.findings(yaml)
        #expect(findings.codes == ["object-key-missing"])
        #expect(findings[0].message.contains("its issuer Issuer db/letsencrypt is an ACME issuer, which returns no CA"))
        // A CA issuer's Secret has ca.crt; a Secret a Certificate writes is not "missing from the input".
        let fromCA = yaml.replacing(Self.pod(secret: "public-tls"), with: Self.pod(secret: "internal-tls"))
        #expect(Manifests.findings(fromCA).isEmpty)
    }
}
