extension Check {
    static let inspectionIntro = """
        Reported by `tlscheck inspect` and `tlscheck expiry` about the files they read. The certificate \
        facts themselves (expired, expiring, chain order, key mismatch, weak keys, …) are the checks of \
        *Files and certificates*, shared with `validate`. Folders are read recursively; a file inside a \
        folder that holds no certificate or key is skipped quietly (`--verbose` lists it as \
        `file-skipped`) unless its name ends in .crt, .cer, .pem, .der, .key, .p12 or .pfx.
        """

    static let inspectionChecks: [Check] = [
        .materialUnreadable, .passphraseWrong, .keyDerivationTooCostly, .secretInvalid, .fileSkipped,
    ]

    static let materialUnreadable = Check(
        "material-unreadable", .error,
        summary: "A file that should hold certificates or keys holds none that can be read.",
        help: "The file is empty, binary data that is neither PEM, DER nor PKCS#12, or DER / PKCS#12 that is corrupt (for example truncated by a copy). Nothing in it can be checked.",
        hint: "re-export the file from its source; check that the copy is complete")
    static let passphraseWrong = Check(
        "passphrase-wrong", .error,
        summary: "A PKCS#12 file or an encrypted key cannot be opened with the passphrase given (or none was given).",
        help: "Give the passphrase in a file with `--passphrase-file FILE` (its first line is used). PKCS#12 files made by mkcert use `changeit`. Without the passphrase the certificates inside cannot be read.",
        hint: "give the right passphrase with --passphrase-file FILE")
    static let keyDerivationTooCostly = Check(
        "key-derivation-too-costly", .error,
        summary: "A PKCS#12 file or an encrypted key asks for more key-derivation work than tlscheck does, so it is not opened.",
        help: "PKCS#12 files and encrypted PKCS#8 keys name their own iteration counts, and OpenSSL honours any of them: a MAC iteration count of 2,147,483,647 is about 12 minutes of work, and such a file would stall a whole scan. tlscheck reads each count before deriving anything and refuses more than 1,000,000 iterations for one derivation (about a third of a second) or 4,000,000 for one file. OpenSSL writes 2,048, Java's keytool 10,000, and OWASP advises 600,000 for PBKDF2-HMAC-SHA256, so real files stay well within. A count that cannot be read is refused too.",
        hint: "re-export it with a usual iteration count (`openssl pkcs12 -export -iter 2048`, `openssl pkcs8 -topk8 -iter 2048`)")
    static let secretInvalid = Check(
        "secret-invalid", .error,
        summary: "A Kubernetes Secret manifest has a `data` value that is not valid base64, or cannot be read as YAML/JSON.",
        help: "Values under `data` must be base64 (the API server rejects anything else); values under `stringData` are plain text. A PEM written under `data` without encoding is the usual mistake.",
        hint: "encode the value with `base64 -w0`, or move it under stringData")
    static let fileSkipped = Check(
        "file-skipped", .info,
        summary: "A file inside a folder holds no certificate or key and was skipped (shown with --verbose).",
        help: "Folders are read recursively and every file is looked at; files without certificate material (READMEs, configs) are skipped. Files named like certificates (.crt, .pem, …) that hold nothing are reported as `material-unreadable` instead.")
}
