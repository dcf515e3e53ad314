import Foundation

/// `validate --example-kubernetes`: a small deployment whose objects each pass on their own and
/// whose seams are broken, as SREs meet them — a ServiceMonitor without `serverName` against pod IPs,
/// a scraper CA that is not the exporter's issuer, the kubelet's plain httpGet probe on an mTLS port,
/// a client CA mounted with `subPath`, Parca's plaintext OTLP against a Collector that serves TLS.
/// Its certificates are real: made in memory when it runs (a CA, a second CA, and their leaves, the
/// leaves valid a year from now), so the checks see real chains and the findings never depend on the
/// day it runs.
extension Examples {
    public static let brokenDeploymentName = "example/deployment.yaml"

    /// The manifests, with certificates made now.
    public static func brokenDeployment(now: Date = Date()) throws(GenerationError) -> String {
        func key() throws(GenerationError) -> PrivateKey {
            do { return try PrivateKey.generate(.p256) } catch { throw GenerationError(.internal, error.description) }
        }
        func ca(_ name: String) throws(GenerationError) -> (Certificate, Signer) {
            let caKey = try key()
            let certificate = try CertificateIssuer.issue(
                CertificateTemplate(kind: .ca(pathLength: 0), commonName: name, days: 3650), subjectKey: caKey, signer: nil, now: now)
            return (certificate, try Signer(certificate: certificate, key: caKey, now: now))
        }
        func leaf(_ usage: LeafUsage, _ name: String, by signer: Signer) throws(GenerationError) -> (certificate: String, key: String) {
            let leafKey = try key()
            let certificate = try CertificateIssuer.issue(
                CertificateTemplate(kind: .leaf(usage), commonName: name, subjectAlternativeNames: [.dns(name)], days: 365),
                subjectKey: leafKey, signer: signer, now: now)
            do { return (base64(certificate.pem), base64(try leafKey.pem())) } catch { throw GenerationError(.internal, error.description) }
        }
        let (exporterCA, exporterSigner) = try ca("Example Exporter CA")
        let (monitoringCA, monitoringSigner) = try ca("Example Monitoring CA")
        let server = try leaf(.server, "postgres-exporter.db.svc", by: exporterSigner)
        let scraper = try leaf(.client, "prometheus", by: exporterSigner)
        let gateway = try leaf(.server, "gateway-collector.otel.svc", by: monitoringSigner)
        return template
            .replacingOccurrences(of: "@SERVER_CRT@", with: server.certificate).replacingOccurrences(of: "@SERVER_KEY@", with: server.key)
            .replacingOccurrences(of: "@SCRAPER_CRT@", with: scraper.certificate).replacingOccurrences(of: "@SCRAPER_KEY@", with: scraper.key)
            .replacingOccurrences(of: "@GATEWAY_CRT@", with: gateway.certificate).replacingOccurrences(of: "@GATEWAY_KEY@", with: gateway.key)
            .replacingOccurrences(of: "@EXPORTER_CA@", with: exporterCA.pem.replacingOccurrences(of: "\n", with: "\n    "))
            .replacingOccurrences(of: "@MONITORING_CA@", with: base64(monitoringCA.pem))
    }

    /// The built-in examples asked for, checked: the web-config (`--example`) and the deployment
    /// (`--example-kubernetes`).
    public static func validate(webConfig: Bool, kubernetes: Bool, context: CheckContext) throws(GenerationError) -> ConfigValidation {
        var result = ConfigValidation()
        if webConfig {
            result.report.append(WebConfigValidator(context: context).validate(text: brokenWebConfig, path: brokenWebConfigName))
        }
        if kubernetes {
            result.append(ConfigValidator(context: context).validate(text: try brokenDeployment(now: context.now), path: brokenDeploymentName))
        }
        return result
    }

    private static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    /// One line per base64 value, so the lines of the findings stay put whatever the certificates.
    private static let template = """
        # tlscheck's built-in example: a postgres-exporter serving mutual TLS, the ServiceMonitor that
        # scrapes it, and Parca sending profiles to an OpenTelemetry Collector. Each object is valid on its
        # own; the connections between them are broken.
        apiVersion: v1
        kind: Secret
        metadata: {name: exporter-tls, namespace: db}
        type: kubernetes.io/tls
        data:
          tls.crt: @SERVER_CRT@
          tls.key: @SERVER_KEY@
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: exporter-client-ca, namespace: db}
        data:
          ca.crt: |
            @EXPORTER_CA@
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: exporter-web, namespace: db}
        stringData:
          web.yml: |
            tls_server_config:
              cert_file: /etc/exporter/tls/tls.crt
              key_file: /etc/exporter/tls/tls.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: /etc/exporter/client-ca.crt
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: postgres-exporter, namespace: db}
        spec:
          selector:
            matchLabels: {app: postgres-exporter}
          template:
            metadata:
              labels: {app: postgres-exporter}
            spec:
              containers:
              - name: exporter
                image: quay.io/prometheuscommunity/postgres-exporter:v0.17.1
                args: [--web.config.file=/etc/exporter/web/web.yml]
                ports:
                - {name: https, containerPort: 9187}
                livenessProbe:
                  httpGet: {path: /, port: https}
                volumeMounts:
                - {name: web, mountPath: /etc/exporter/web}
                - {name: tls, mountPath: /etc/exporter/tls}
                - {name: client-ca, mountPath: /etc/exporter/client-ca.crt, subPath: ca.crt}
              volumes:
              - {name: web, secret: {secretName: exporter-web}}
              - {name: tls, secret: {secretName: exporter-tls}}
              - {name: client-ca, configMap: {name: exporter-client-ca}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: postgres-exporter, namespace: db, labels: {app: postgres-exporter}}
        spec:
          selector: {app: postgres-exporter}
          ports:
          - {name: https, port: 9187, targetPort: https}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: scraper-tls, namespace: db}
        type: kubernetes.io/tls
        data:
          tls.crt: @SCRAPER_CRT@
          tls.key: @SCRAPER_KEY@
          ca.crt: @MONITORING_CA@
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: postgres-exporter, namespace: db}
        spec:
          selector:
            matchLabels: {app: postgres-exporter}
          endpoints:
          - port: https
            scheme: https
            tlsConfig:
              ca: {secret: {name: scraper-tls, key: ca.crt}}
              cert: {secret: {name: scraper-tls, key: tls.crt}}
              keySecret: {name: scraper-tls, key: tls.key}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: gateway-tls, namespace: otel}
        type: kubernetes.io/tls
        data:
          tls.crt: @GATEWAY_CRT@
          tls.key: @GATEWAY_KEY@
          ca.crt: @MONITORING_CA@
        ---
        apiVersion: opentelemetry.io/v1beta1
        kind: OpenTelemetryCollector
        metadata: {name: gateway, namespace: otel}
        spec:
          mode: deployment
          volumes:
          - {name: tls, secret: {secretName: gateway-tls}}
          volumeMounts:
          - {name: tls, mountPath: /tls}
          config:
            receivers:
              otlp:
                protocols:
                  grpc:
                    endpoint: 0.0.0.0:4317
                    tls: {cert_file: /tls/tls.crt, key_file: /tls/tls.key}
            exporters:
              debug: {}
            service:
              pipelines:
                traces: {receivers: [otlp], exporters: [debug]}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: parca-agent, namespace: parca}
        spec:
          selector:
            matchLabels: {app: parca-agent}
          template:
            metadata:
              labels: {app: parca-agent}
            spec:
              containers:
              - name: parca-agent
                image: ghcr.io/parca-dev/parca-agent:v0.39.0
                args: [--otlp-address=gateway-collector.otel.svc:4317]

        """
}
