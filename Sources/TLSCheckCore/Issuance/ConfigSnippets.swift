/// The configuration that goes with an mTLS bundle: exporter-toolkit web-config, a Prometheus scrape
/// job, Collector `tls:` settings and Kubernetes Secrets.
public struct ConfigSnippets: Sendable {
    /// Absolute folder of the certificate files (the snippets are pasted elsewhere).
    public var folder: String
    /// The server certificate's names; the first DNS name becomes `server_name`, the first name the target.
    public var serverNames: [GeneralName]
    public var port: Int
    /// Base name of the Kubernetes objects (`NAME-tls`, `NAME-web-config`, `NAME-client-tls`).
    public var kubernetesName: String

    public init(folder: String, serverNames: [GeneralName], port: Int, kubernetesName: String) {
        self.folder = folder
        self.serverNames = serverNames
        self.port = port
        self.kubernetesName = kubernetesName
    }

    func path(_ name: String) -> String { yaml(SafeWriter.join(folder, name)) }

    /// exporter-toolkit: relative paths resolve against the web-config's own folder, where the files are.
    public var webConfig: String {
        """
        # exporter-toolkit web configuration (--web.config.file), written by tlscheck.
        # Serves TLS with server.crt and accepts only clients with a certificate signed by ca.crt.
        # Check it with: tlscheck validate web-config.yaml
        tls_server_config:
          cert_file: server.crt
          key_file: server.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.crt

        """
    }

    var target: String {
        let host = serverNames.first?.value ?? "localhost"
        if case .ip(let address) = serverNames.first, address.contains(":") { return "[\(address)]:\(port)" }
        return "\(host):\(port)"
    }

    var serverName: String? {
        for case .dns(let name) in serverNames where !name.hasPrefix("*") { return name }
        return nil
    }

    public var prometheusScrape: String {
        """
        # Prometheus: scrape the exporter over mutual TLS. Paste the job under scrape_configs:.
        # Written by tlscheck; the paths are where the files were written.
        - job_name: \(yaml(kubernetesName))
          scheme: https
          tls_config:
            ca_file: \(path("ca.crt"))
            cert_file: \(path("client.crt"))
            key_file: \(path("client.key"))
        \(serverName.map { "    server_name: \(yaml($0))\n" } ?? "")  static_configs:
            - targets: [\(quoted(target))]

        """
    }

    public var collectorTLS: String {
        let endpoint = serverName.map { "\($0):4317" } ?? target.replacingPort(with: 4317)
        return """
            # OpenTelemetry Collector TLS settings (configtls), written by tlscheck.
            # Receiver side: serve OTLP over TLS and require client certificates signed by ca.crt.
            receivers:
              otlp:
                protocols:
                  grpc:
                    endpoint: 0.0.0.0:4317
                    tls:
                      cert_file: \(path("server.crt"))
                      key_file: \(path("server.key"))
                      client_ca_file: \(path("ca.crt"))
                  http:
                    endpoint: 0.0.0.0:4318
                    tls:
                      cert_file: \(path("server.crt"))
                      key_file: \(path("server.key"))
                      client_ca_file: \(path("ca.crt"))
            # Exporter side: send to that receiver with the client certificate.
            exporters:
              otlp:
                endpoint: \(quoted(endpoint))
                tls:
                  ca_file: \(path("ca.crt"))
                  cert_file: \(path("client.crt"))
                  key_file: \(path("client.key"))

            """
    }

    /// Three Secrets: the exporter's `kubernetes.io/tls` pair with `ca.crt`, its web-config pointing at
    /// where that Secret is mounted, and the scraper's client pair.
    public func kubernetesSecrets(
        caPEM: String, serverCertificatePEM: String, serverKeyPEM: String, clientCertificatePEM: String,
        clientKeyPEM: String
    ) -> String {
        let mount = "/etc/\(kubernetesName)/tls"
        func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        return """
            # Kubernetes Secrets for an exporter serving mutual TLS, written by tlscheck.
            # Mount \(kubernetesName)-tls at \(mount) and \(kubernetesName)-web-config at /etc/\(kubernetesName)/web,
            # and start the exporter with --web.config.file=/etc/\(kubernetesName)/web/web-config.yaml.
            # The scraper (Prometheus) mounts \(kubernetesName)-client-tls for its tls_config.
            # This file holds private keys: keep it out of version control, or encrypt it.
            apiVersion: v1
            kind: Secret
            metadata:
              name: \(kubernetesName)-tls
            type: kubernetes.io/tls
            data:
              tls.crt: \(b64(serverCertificatePEM))
              tls.key: \(b64(serverKeyPEM))
              ca.crt: \(b64(caPEM))
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: \(kubernetesName)-web-config
            type: Opaque
            stringData:
              web-config.yaml: |
                tls_server_config:
                  cert_file: \(mount)/tls.crt
                  key_file: \(mount)/tls.key
                  client_auth_type: RequireAndVerifyClientCert
                  client_ca_file: \(mount)/ca.crt
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: \(kubernetesName)-client-tls
            type: kubernetes.io/tls
            data:
              tls.crt: \(b64(clientCertificatePEM))
              tls.key: \(b64(clientKeyPEM))
              ca.crt: \(b64(caPEM))

            """
    }

    /// A YAML scalar: plain for simple paths and names, double-quoted otherwise.
    func yaml(_ text: String) -> String {
        let simple = text.first.map { $0.isLetter || $0 == "/" || $0 == "." || $0 == "_" } == true
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-".contains($0)) }
        return simple ? text : quoted(text)
    }

    func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}

extension String {
    /// `host:9100` → `host:4317`, `[::1]:9100` → `[::1]:4317`.
    fileprivate func replacingPort(with port: Int) -> String {
        guard let colon = lastIndex(of: ":") else { return "\(self):\(port)" }
        return "\(self[..<colon]):\(port)"
    }
}
