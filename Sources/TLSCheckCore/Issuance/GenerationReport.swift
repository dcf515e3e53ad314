/// How a generation run is shown: a line per file, or the documented JSON (`--json`).
extension GenerationResult {
    struct Document: Encodable {
        let version: Int
        let folder: String
        let written: Bool
        let files: [Entry]
        let warnings: [String]
    }

    struct Entry: Encodable {
        let path: String
        let kind: OutputFile.Kind
        let mode: String
        let subject: String?
        let issuer: String?
        let subjectAlternativeNames: [String]?
        let serial: String?
        let sha256: String?
        let notBefore: String?
        let notAfter: String?
        let keyType: String?
        let encrypted: Bool?
    }

    /// The JSON document: version 1; one entry per file with its path, kind, mode and, for
    /// certificates, subject, issuer, SANs, serial, SHA-256 fingerprint and validity.
    public var json: String {
        let entries = files.map { file in
            let certificate = file.certificate
            return Entry(
                path: path(of: file), kind: file.kind, mode: "0" + String(file.mode, radix: 8),
                subject: certificate?.subject, issuer: certificate?.issuer,
                subjectAlternativeNames: certificate.map { $0.subjectAlternativeNames.map(\.description) },
                serial: certificate?.serialNumberHex, sha256: certificate?.sha256Fingerprint,
                notBefore: certificate.map { Dates.iso($0.notBefore) }, notAfter: certificate.map { Dates.iso($0.notAfter) },
                keyType: (file.key?.info ?? certificate?.publicKey)?.description,
                encrypted: file.kind == .privateKey || file.kind == .pkcs12 ? file.isEncrypted : nil)
        }
        return JSON.encode(Document(version: 1, folder: folder, written: written, files: entries, warnings: warnings)) + "\n"
    }

    /// A line per file (warnings are separate, in `warnings`):
    /// `wrote out/server.crt  server certificate CN=localhost (DNS:localhost, IP:127.0.0.1), EC P-256, until 2027-11-22`
    public func text(relativeTo workingDirectory: String) -> String {
        let rows = files.map { file -> (String, String) in
            let shown = Paths.display(path(of: file), relativeTo: workingDirectory)
            return (shown, describe(file))
        }
        let width = rows.map(\.0.count).max() ?? 0
        var text = ""
        for (path, description) in rows {
            text += "\(written ? "wrote" : "made") \(path)\(String(repeating: " ", count: width - path.count))  \(description)\n"
        }
        return text
    }

    private func describe(_ file: OutputFile) -> String {
        switch file.kind {
        case .certificate:
            guard let certificate = file.certificate else { return "certificate" }
            let role = certificate.isCA ? "CA certificate" : usageName(certificate) + " certificate"
            let sans = certificate.subjectAlternativeNames.map(\.description).joined(separator: ", ")
            return "\(role) \(certificate.commonName.map { "CN=\($0)" } ?? certificate.subject)"
                + (sans.isEmpty ? "" : " (\(sans))") + ", \(certificate.publicKey), until \(Dates.day(certificate.notAfter))"
        case .privateKey:
            return "private key\(file.key.map { ", \($0.info)" } ?? ""), mode 0600\(file.isEncrypted ? ", encrypted" : "")"
        case .pkcs12:
            return "PKCS#12 bundle (certificate, key, chain), mode 0600"
        case .configuration:
            return "configuration"
        case .manifest:
            return file.mode == 0o600 ? "Kubernetes Secrets (holds private keys), mode 0600" : "Kubernetes Deployment, Service, ServiceMonitor"
        }
    }

    private func usageName(_ certificate: Certificate) -> String {
        let server = certificate.allows(.serverAuth)
        let client = certificate.allows(.clientAuth)
        return server && client ? "server and client" : client ? "client" : "server"
    }
}
