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
            # kubernetes-exporter.yaml mounts \(kubernetesName)-tls at \(mount) and \(kubernetesName)-web-config at
            # /etc/\(kubernetesName)/web, and starts the exporter with --web.config.file=/etc/\(kubernetesName)/web/web-config.yaml;
            # its ServiceMonitor gives \(kubernetesName)-client-tls to Prometheus as the scraper's client certificate.
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

    /// The name a scraper verifies in the server certificate: a DNS name it lists (a wildcard's `*`
    /// taken as the objects' base name), else an IP address it lists. Pod IPs are never in a
    /// certificate, so a ServiceMonitor without it fails (kubernetes.md §9 #4).
    var kubernetesServerName: String? {
        if let name = serverName { return name }
        for case .dns(let name) in serverNames where name.hasPrefix("*.") { return kubernetesName + name.dropFirst() }
        for case .ip(let address) in serverNames { return address }
        return nil
    }

    /// The rest of the setup beside the Secrets: the exporter's Deployment (the Secrets mounted where
    /// the web-config says, `--web.config.file`, tcpSocket probes: the kubelet sends no client
    /// certificate, so an httpGet probe fails on an mTLS port), its Service, and a ServiceMonitor that
    /// scrapes it over mutual TLS with a `serverName` the certificate lists. No namespace: `kubectl
    /// apply -n` puts every object in one, as their references need (a pod's volumes and a monitor's
    /// Secrets are read from its own namespace).
    public var kubernetesExporter: String {
        let name = kubernetesName
        let labels = "{app.kubernetes.io/name: \(name)}"
        let serverName = kubernetesServerName.map { "      serverName: \(yaml($0))\n" } ?? ""
        return """
            # An exporter serving mutual TLS on Kubernetes, and its scraper's side, written by tlscheck.
            # Apply with the Secrets, in one namespace, and check both first:
            #   tlscheck validate kubernetes-secrets.yaml kubernetes-exporter.yaml
            #   kubectl apply -n monitoring -f kubernetes-secrets.yaml -f kubernetes-exporter.yaml
            # The exporter here is node-exporter; any exporter-toolkit exporter (postgres-exporter,
            # mysqld-exporter, blackbox-exporter...) takes the same --web.config.file: change the image.
            # Prometheus verifies the certificate against serverName (the targets are pod IPs, which the
            # certificate does not list): generate with --host NAME.NAMESPACE.svc to name the Service.
            # The ServiceMonitor needs the Prometheus Operator; its Prometheus must select it (with
            # kube-prometheus-stack: the label release: <the Helm release's name>).
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              labels: \(labels)
            spec:
              replicas: 1
              selector:
                matchLabels: \(labels)
              template:
                metadata:
                  labels: \(labels)
                spec:
                  containers:
                  - name: exporter
                    image: quay.io/prometheus/node-exporter:v1.9.1
                    args:
                    - --web.config.file=/etc/\(name)/web/web-config.yaml
                    - --web.listen-address=:\(port)
                    ports:
                    - name: https
                      containerPort: \(port)
                    # The kubelet never sends a client certificate: an httpGet probe would fail the
                    # handshake on this port, a tcpSocket probe does not.
                    livenessProbe:
                      tcpSocket: {port: https}
                    readinessProbe:
                      tcpSocket: {port: https}
                    volumeMounts:
                    - name: web-config
                      mountPath: /etc/\(name)/web
                      readOnly: true
                    # The whole Secret as a folder, never subPath: renewed certificates then reach the pod.
                    - name: tls
                      mountPath: /etc/\(name)/tls
                      readOnly: true
                  volumes:
                  - name: web-config
                    secret:
                      secretName: \(name)-web-config
                  - name: tls
                    secret:
                      secretName: \(name)-tls
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: \(name)
              labels: \(labels)
            spec:
              selector: \(labels)
              ports:
              - name: https
                port: \(port)
                targetPort: https
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: \(name)
              labels: \(labels)
            spec:
              selector:
                matchLabels: \(labels)
              endpoints:
              - port: https
                scheme: https
                tlsConfig:
            \(serverName)      ca:
                    secret: {name: \(name)-client-tls, key: ca.crt}
                  cert:
                    secret: {name: \(name)-client-tls, key: tls.crt}
                  keySecret: {name: \(name)-client-tls, key: tls.key}

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
