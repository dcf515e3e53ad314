/// Checks of certificate, key and CA files (`MaterialChecker`: `GoKeyPairLoader` and `CertificateFacts`),
/// shared by validate, inspect and expiry.
extension Check {
    static let certificatesIntro = """
        Checks of the certificate, key and CA files a configuration names (`cert_file`, `key_file`,
        `client_ca_file`, `ca_file`, …) or holds inline (`cert`, `key`, `client_ca`, `cert_pem`, …). One
        implementation serves `validate` (web-config and OTLP), `inspect` and `expiry`, and every finding points
        at the configuration key that names the file.

        Loading follows Go exactly, because the programs that read these files are Go programs: a certificate
        and key pair is read as `tls.X509KeyPair` reads it (the first certificate is the leaf and must match the
        key; the rest is the chain, sent in file order), a CA file as `x509.CertPool.AppendCertsFromPEM` reads it
        (PEM `CERTIFICATE` blocks only; broken blocks are skipped), and every certificate as `x509.ParseCertificate`
        reads it (a certificate OpenSSL reads but Go refuses — malformed times, names that are not IA5, IP SANs
        that are not 4 or 16 bytes, duplicate extensions, a negative serial — is unusable in every Go program).
        Where Go fails, tlscheck reports an error and quotes Go's own message. Facts Go does not check when it
        loads the files — expiry, SANs, usages, chain order — only break connections later, so they are warnings
        (an already expired certificate is an error). A leaf alone in its file is checked against the CA
        certificates of the same configuration and those beside its file (read once per folder).

        Severity adjustments: `pem-invalid` is a warning for a broken block that Go skips or a chain certificate
        it sends unparsed; `cert-expired` is a warning for one expired CA in a bundle that still holds a valid one;
        `cert-expiring` is a warning within 14 days and a note within 30 (`tlscheck expiry`: a warning within `--warn`, an error within `--critical`); `cert-weak-key` is an error below 1024
        bits; `cert-ca-as-leaf` is a note for a self-signed certificate; `ca-not-ca` is a warning for a CA whose
        keyUsage lacks keyCertSign.
        """

    static let fileChecks: [Check] = [
        .fileNotFound, .fileUnreadable, .fileIsFolder, .pemNoData, .pemInvalid, .keyCertSwapped,
        .keyMismatch, .keyTypeMismatch, .keyEncrypted, .keyUnsupported, .caNoCertificate,
    ]

    static let certificateChecks: [Check] = [
        .certExpired, .certNotYetValid, .certExpiring, .certNoSAN, .certUnfitUsage, .certWeakKey,
        .certWeakSignature, .certCAAsLeaf, .certSelfSigned, .certSelfIssued, .chainOrder,
        .chainIncomplete, .chainRootIncluded, .caNotCA,
    ]

    // MARK: Files

    static let fileNotFound = Check(
        "file-not-found", .error,
        summary: "A certificate, key or CA file named in the configuration does not exist.",
        help: "The program refuses to start (Go: `open PATH: no such file or directory`). Relative paths resolve against the folder of the configuration file, not the working directory.",
        hint: "fix the path; relative paths resolve against the config file's folder")
    static let fileUnreadable = Check(
        "file-unreadable", .error,
        summary: "A certificate, key or CA file exists but cannot be read.",
        help: "Usually permissions: the exporter runs as its own user and needs read access to the key (mode 0600 or 0640 with its group). Files larger than 64 MiB are not certificates, and pipes, sockets and devices are never opened (docs/limits.md).",
        hint: "make the file readable by the user the program runs as")
    static let fileIsFolder = Check(
        "file-is-folder", .error,
        summary: "A path that must name a file names a folder.",
        help: "Go fails with `read PATH: is a directory`. Name the PEM file inside the folder.",
        hint: "name the PEM file inside the folder")
    static let pemNoData = Check(
        "pem-no-data", .error,
        summary: "A certificate or key input holds no PEM block of the kind needed.",
        help: "Go reads only PEM (`-----BEGIN CERTIFICATE-----`, `-----BEGIN PRIVATE KEY-----`). A DER file, an empty file or a file of other blocks fails with `tls: failed to find any PEM data in certificate input` (or key input).",
        hint: "give a PEM file; convert DER with `openssl x509 -inform der -in FILE -out FILE.pem`")
    static let pemInvalid = Check(
        "pem-invalid", .error,
        summary: "A PEM block is broken or its content does not parse.",
        help: "A block with bad base64, a missing or mismatched END line, or DER that is not a valid certificate or key; or a certificate that OpenSSL reads and Go's parser refuses, in Go's words: malformed validity times (`x509: malformed UTCTime`), names that are not IA5 (`x509: SAN dNSName is malformed`), IP SANs that are not 4 or 16 bytes, negative serial numbers, duplicate extensions, critical key identifiers, trailing data. Go skips broken blocks silently and fails on certificates it cannot parse. A certificate whose dates Go cannot read is not listed by inspect or expiry: its dates are unknown.",
        hint: "re-export the file; check that it was not truncated or edited by hand")
    static let keyCertSwapped = Check(
        "key-cert-swapped", .error,
        summary: "The certificate input holds a key, or the key input holds a certificate.",
        help: "Go: `tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched` or `tls: found a certificate rather than a key in the PEM for the private key`.",
        hint: "swap the two paths: cert_file takes the certificate, key_file the private key")
    static let keyMismatch = Check(
        "key-mismatch", .error,
        summary: "The private key does not belong to the certificate.",
        help: "Go: `tls: private key does not match public key`. Either the key is from another certificate, or the certificate file does not start with the leaf: the first certificate must be the one the key belongs to, followed by its chain.",
        hint: "use the key made with this certificate, and put the leaf certificate first in the file")
    static let keyTypeMismatch = Check(
        "key-type-mismatch", .error,
        summary: "The key is of another type than the certificate's public key (e.g. RSA key, EC certificate).",
        help: "Go: `tls: private key type does not match public key type`. The key belongs to another certificate.",
        hint: "use the key made with this certificate")
    static let keyEncrypted = Check(
        "key-encrypted", .error,
        summary: "The private key is encrypted; Go programs cannot read encrypted keys.",
        help: "exporter-toolkit, Prometheus and the Collector load keys with Go's `tls.X509KeyPair`, which has no passphrase support: `tls: failed to parse private key`. Protect the key with file permissions (0600) instead.",
        hint: "decrypt it: `openssl pkey -in KEY -out KEY.plain` (then chmod 600)")
    static let keyUnsupported = Check(
        "key-unsupported", .error,
        summary: "The key type is one Go's TLS cannot use (DSA, Ed448, brainpool or other curves).",
        help: "Go's crypto/tls handles RSA, ECDSA on P-256/P-384/P-521 (and P-224) and Ed25519 only.",
        hint: "make a new key: ECDSA P-256 (`tlscheck gen-cert`) or RSA 2048+")
    static let caNoCertificate = Check(
        "ca-no-certificate", .error,
        summary: "A CA file holds no certificate that Go can parse.",
        help: "exporter-toolkit loads such a `client_ca_file` without complaint (exporter-toolkit PR #438) and then rejects every client with `unknown authority`; the Collector fails with `failed to parse cert`. DER files are not read as CA bundles.",
        hint: "give a PEM file with the CA certificate(s)")

    // MARK: Certificates

    static let certExpired = Check(
        "cert-expired", .error,
        summary: "A certificate's notAfter date has passed.",
        help: "Every client rejects it (Go: `x509: certificate has expired or is not yet valid`). Programs load expired certificates without complaint, so the failure shows only on connections.",
        hint: "renew the certificate")
    static let certNotYetValid = Check(
        "cert-not-yet-valid", .warning,
        summary: "A certificate's notBefore date is in the future.",
        help: "Clients reject it until then. Usually a clock difference between the machine that made it and this one; tlscheck's generator backdates by 5 minutes for that reason.",
        hint: "check the clocks, or reissue the certificate with a notBefore in the past")
    static let certExpiring = Check(
        "cert-expiring", .warning,
        summary: "A certificate expires soon (within 14 days a warning, within 30 days a note).",
        help: "Renew it before it expires; `tlscheck expiry` sets other thresholds and exports the dates as metrics.",
        hint: "renew the certificate before it expires")
    static let certNoSAN = Check(
        "cert-no-san", .warning,
        summary: "A server certificate has no subjectAltName; Go ignores the Common Name.",
        help: "Since Go 1.15 host names are checked against SANs only: `x509: certificate relies on legacy Common Name field, use SANs instead`. Connections by IP address need an IP SAN.",
        hint: "reissue with SANs, e.g. `tlscheck gen-cert --host NAME --host IP`")
    static let certUnfitUsage = Check(
        "cert-unfit-usage", .warning,
        summary: "A certificate's key usage or extended key usage does not allow its role.",
        help: "Servers need serverAuth, clients clientAuth (an absent extendedKeyUsage allows any). Go also checks the EKUs of every CA in the chain: they nest, so a CA that lists only serverAuth cannot vouch for clients. TLS 1.3 signs the handshake, so a keyUsage without digitalSignature is refused by strict clients.",
        hint: "reissue with the right usages (`tlscheck gen-cert --server` / `--client`)")
    static let certWeakKey = Check(
        "cert-weak-key", .warning,
        summary: "An RSA key shorter than 2048 bits (or longer than 8192).",
        help: "Go 1.24 refuses RSA keys below 1024 bits, Apple and the CA/Browser Forum require 2048, and Go's TLS refuses keys above 8192 bits.",
        hint: "reissue with an EC P-256 key or RSA 2048/3072")
    static let certWeakSignature = Check(
        "cert-weak-signature", .warning,
        summary: "A certificate is signed with SHA-1 or MD5.",
        help: "Go rejects SHA-1 signatures when building chains (since 1.18) and MD5 always; OpenSSL at Debian's default security level does too.",
        hint: "reissue with a SHA-256 signature")
    static let certCAAsLeaf = Check(
        "cert-ca-as-leaf", .warning,
        summary: "A CA certificate (basicConstraints CA:TRUE) is used as a server or client certificate.",
        help: "A leaf should say CA:FALSE; anyone with its key can mint certificates that chain to it. Common for self-signed certificates made with `openssl req -x509`, where it matters little (a note then).",
        hint: "issue a leaf certificate from the CA instead (`tlscheck gen-cert`)")
    static let certSelfSigned = Check(
        "cert-self-signed", .info,
        summary: "A leaf certificate is self-signed.",
        help: "Clients must trust this exact certificate (`ca_file`, `--cacert`), and must be updated every time it is renewed. A private CA avoids that (`tlscheck gen-self-signed --mtls`).",
        hint: "trust this exact certificate on the other side, or issue it from a private CA")
    static let certSelfIssued = Check(
        "cert-self-issued", .warning,
        summary: "Subject and issuer are the same name, but another key signed the certificate.",
        help: "Go finds the issuing CA by name and signature and accepts it; OpenSSL clients (curl, nginx) take a certificate whose issuer equals its subject for self-signed and fail with `self-signed certificate`.",
        hint: "give the leaf a subject different from its CA's")
    static let chainOrder = Check(
        "chain-order", .warning,
        summary: "The certificates of a chain file are not each issued by the next one.",
        help: "Go sends the chain in file order. The leaf must be first, then its issuer, then that issuer's issuer; most clients cope with disorder, strict ones do not, and unrelated certificates are sent for nothing.",
        hint: "order the file: leaf, then its intermediate(s), each followed by its issuer")
    static let chainIncomplete = Check(
        "chain-incomplete", .warning,
        summary: "A leaf certificate is alone in its file and its issuer is not known.",
        help: "When the issuer is an intermediate CA, clients that trust only the root cannot build the chain (`unable to get local issuer certificate`). When the leaf comes straight from a root the clients trust, nothing is missing.",
        hint: "append the intermediate CA certificate(s) after the leaf (not the root)")
    static let chainRootIncluded = Check(
        "chain-root-included", .info,
        summary: "A chain file ends with the self-signed root CA.",
        help: "Clients verify a chain against the roots they already trust, so the root need not be sent: it costs bytes on every handshake, and a root the clients do not trust is not made trusted by sending it. Harmless otherwise.",
        hint: "remove the root certificate from the chain file (keep it in the clients' CA file)")
    static let caNotCA = Check(
        "ca-not-ca", .info,
        summary: "A certificate used as a CA is not one (CA:FALSE, no basicConstraints, or no keyCertSign).",
        help: "As a trust anchor such a certificate verifies only itself: it pins that one certificate (useful for a single self-signed client) but cannot vouch for certificates it signed. Inside a chain it breaks verification.",
        hint: "put the issuing CA's certificate here, or keep it if pinning this certificate is intended")
}
