import Foundation
import Testing

@testable import TLSCheckCore

/// Manifests through the real parser and reader, as `validate` reads them.
enum Manifests {
    /// A fixed time inside the fixtures' validity.
    static let context = CheckContext(now: Date().addingTimeInterval(60))

    static func validate(_ yaml: String, path: String = "deploy.yaml", context: CheckContext = context) -> ConfigValidation {
        ConfigValidator(context: context).validate(text: yaml, path: path)
    }

    static func findings(_ yaml: String, path: String = "deploy.yaml") -> [Finding] {
        validate(yaml, path: path).report.findings
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// The inventory of a stream, read object by object as the reader does, not yet resolved.
    static func inventory(_ yaml: String, path: String = "m.yaml") throws -> ManifestInventory {
        var inventory = ManifestInventory()
        let reader = ManifestReader(context: context)
        for document in YAMLParser.parseAll(Array(yaml.utf8), path: path) {
            for object in reader.objects(in: try #require(document.root), path: path) { inventory.add(object) }
        }
        return inventory
    }
}

/// A CA and a server certificate made by openssl, and the manifests of an exporter that serves
/// them through a Secret, a web-config Secret and the Deployment that mounts both.
final class ExporterStack {
    let fixtures: OpenSSLFixtures

    init(serverHosts: [String] = ["DNS:exporter.db.svc"]) throws {
        fixtures = try OpenSSLFixtures()
        try fixtures.ca("ca")
        try fixtures.leaf("server", hosts: serverHosts)
        try fixtures.leaf("other")
    }

    func pem(_ name: String) throws -> String { try fixtures.read(name) }

    /// The TLS Secret, base64 under data.
    func tlsSecret(name: String = "exporter-tls", namespace: String = "db", key: String = "server.key") throws -> String {
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: \(name)
          namespace: \(namespace)
        type: kubernetes.io/tls
        data:
          tls.crt: \(Manifests.base64(try pem("server.crt")))
          tls.key: \(Manifests.base64(try pem(key)))
          ca.crt: \(Manifests.base64(try pem("ca.crt")))
        """
    }

    /// The web-config Secret, a block scalar under stringData.
    static func webSecret(_ body: String = webConfig, namespace: String = "db") -> String {
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: exporter-web
          namespace: \(namespace)
        stringData:
          web.yml: |
        \(body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
        """
    }

    static let webConfig = """
        tls_server_config:
          cert_file: /etc/exporter/tls/tls.crt
          key_file: /etc/exporter/tls/tls.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: /etc/exporter/tls/ca.crt
        """

    static func deployment(args: [String] = ["--web.config.file=/etc/exporter/web/web.yml"], mounts: String = defaultMounts,
                           volumes: String = defaultVolumes, namespace: String = "db", extra: String = "") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: postgres-exporter
          namespace: \(namespace)
        spec:
          template:
            metadata:
              labels:
                app: postgres-exporter
            spec:
              containers:
              - name: exporter
                image: quay.io/prometheuscommunity/postgres-exporter:v0.15.0
                args:
        \(args.map { "        - \($0)" }.joined(separator: "\n"))
                ports:
                - name: https
                  containerPort: 9187
        \(extra)
                volumeMounts:
        \(mounts)
              volumes:
        \(volumes)
        """
    }

    static let defaultMounts = """
                - name: web
                  mountPath: /etc/exporter/web
                - name: tls
                  mountPath: /etc/exporter/tls
                  readOnly: true
        """

    static let defaultVolumes = """
              - name: web
                secret:
                  secretName: exporter-web
              - name: tls
                secret:
                  secretName: exporter-tls
        """

    /// The whole stack as one stream.
    func stack(web: String = ExporterStack.webSecret(), deployment: String = ExporterStack.deployment()) throws -> String {
        [try tlsSecret(), web, deployment].joined(separator: "\n---\n")
    }
}
