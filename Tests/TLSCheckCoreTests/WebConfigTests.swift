import Testing
@testable import TLSCheckCore

/// Rules of the web-config validator on in-memory configs. Positions are 1-based line:column.
@Suite struct WebConfigTests {
    struct Seen: Equatable, CustomStringConvertible {
        let code: String
        let line: Int?
        let column: Int?
        var description: String { "\(code)@\(line ?? 0):\(column ?? 0)" }
    }

    func check(_ yaml: String, version: ToolkitVersion = .latest) -> [Finding] {
        WebConfigValidator(context: CheckContext(toolkitVersion: version))
            .validate(text: yaml, path: "/nonexistent/web-config.yml").findings
    }

    func codes(_ yaml: String, version: ToolkitVersion = .latest) -> [Seen] {
        check(yaml, version: version).map { Seen(code: $0.code, line: $0.location.line, column: $0.location.column) }
    }

    @Test func emptyFileIsPlainHTTP() {
        #expect(check("").isEmpty)
        #expect(check("# only a comment\n").isEmpty)
    }

    @Test func typoGetsSuggestion() throws {
        let findings = check("tls_server_config:\n  cert_filse: server.crt\n")
        let typo = try #require(findings.first { $0.code == "unknown-key" })
        #expect(typo.location.line == 2 && typo.location.column == 3)
        #expect(typo.message.contains("field cert_filse not found in type web.TLSConfig"))
        #expect(typo.hint == "did you mean cert_file?")
    }

    /// Found by fuzzing (FuzzYAML): a complex key (`? [a, b]`) got a wrong-type finding without a hint.
    @Test func aKeyThatIsNoNameGetsAHint() throws {
        let findings = check("? [a, b]\n: 1\ntls_server_config:\n  ? {x: y}\n  : 2\n")
        #expect(findings.map(\.code) == ["wrong-type", "wrong-type"])
        #expect(findings.allSatisfy { $0.hint?.contains("names no field") == true }, "\(findings)")
    }

    @Test func keyAtWrongLevelNamesItsHome() throws {
        let findings = check("cert_file: server.crt\n")
        let misplaced = try #require(findings.first { $0.code == "unknown-key" })
        #expect(misplaced.hint?.contains("belongs under tls_server_config") == true)
    }

    @Test func yamlOneOneBooleansAndQuotedStrings() {
        #expect(codes("http_server_config:\n  http2: no\n").isEmpty)
        #expect(codes("http_server_config:\n  http2: \"true\"\n") == [Seen(code: "wrong-type", line: 2, column: 10)])
        #expect(codes("http_server_config:\n  http2: [true]\n").map(\.code) == ["wrong-type"])
    }

    @Test func nullValuesDropDefaults() {
        #expect(codes("http_server_config:\n  http2:\n").map(\.code) == ["null-drops-default"])
        #expect(codes("http_server_config:\n").map(\.code) == ["null-drops-default"])
    }

    @Test func everyProblemInOneRun() {
        let seen = codes(Examples.brokenWebConfig).map(\.code)
        for code in ["unknown-key", "unknown-tls-version", "client-ca-without-policy", "null-drops-default", "bcrypt-invalid", "file-not-found"] {
            #expect(seen.contains(code), "\(code) missing from \(seen)")
        }
    }

    @Test func clientAuthRules() {
        let base = "tls_server_config:\n  cert_file: s.crt\n  key_file: s.key\n"
        #expect(codes(base + "  client_ca_file: ca.crt\n").contains { $0.code == "client-ca-without-policy" && $0.line == 4 })
        #expect(codes(base + "  client_auth_type: RequireAndVerifyClientCert\n").contains { $0.code == "verify-without-ca" })
        #expect(codes(base + "  client_auth_type: RequireAndVerifyCert\n").contains { $0.code == "invalid-client-auth" })
        let sans = codes(base + "  client_auth_type: VerifyClientCertIfGiven\n  client_allowed_sans: [a]\n").map(\.code)
        #expect(sans.contains("allowed-sans-optional-cert"))
        #expect(codes(base + "  client_auth_type: RequireAnyClientCert\n  client_allowed_sans: [a]\n").contains { $0.code == "allowed-sans-unverified" })
        #expect(codes(base + "  client_allowed_sans: [a]\n").contains { $0.code == "allowed-sans-ignored" })
        #expect(codes(base + "  client_auth_type: RequireAndVerifyClientCert\n  client_allowed_sans: []\n").contains { $0.code == "allowed-sans-empty" })
        #expect(codes(base + "  client_auth_type: RequireAnyClientCert\n  client_ca_file: ca.crt\n").contains { $0.code == "client-ca-unused" })
    }

    @Test func versionsAndCiphers() {
        let base = "tls_server_config:\n  cert_file: s.crt\n  key_file: s.key\n"
        #expect(codes(base + "  min_version: TLS13\n  max_version: TLS12\n").contains { $0.code == "min-version-above-max" })
        #expect(codes(base + "  min_version: TLS1.2\n").contains(Seen(code: "unknown-tls-version", line: 4, column: 16)))
        #expect(codes(base + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n").contains { $0.code == "http2-cipher-missing" })
        #expect(!codes(base + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\nhttp_server_config:\n  http2: false\n").contains { $0.code == "http2-cipher-missing" })
        #expect(codes(base + "  curve_preferences: [X25519MLKEM768]\n").contains { $0.code == "unknown-curve" })
        #expect(codes(base + "  cipher_suites: [ECDHE-RSA-AES128-GCM-SHA256]\n").contains { $0.code == "unknown-cipher" })
    }

    @Test func toolkitVersionDecidesKeysAndCiphers() {
        let rsa = "tls_server_config:\n  cert_file: s.crt\n  key_file: s.key\n  cipher_suites: [TLS_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]\n"
        #expect(codes(rsa).contains { $0.code == "unknown-cipher" })
        #expect(!codes(rsa, version: ToolkitVersion(0, 8)).contains { $0.code == "unknown-cipher" })
        let sans = "tls_server_config:\n  cert_file: s.crt\n  key_file: s.key\n  client_allowed_sans: [a]\n"
        #expect(codes(sans, version: ToolkitVersion(0, 8)).contains(Seen(code: "key-not-in-version", line: 4, column: 3)))
        #expect(codes("rate_limit:\n  interval: 1s\n  burst: 5\n", version: ToolkitVersion(0, 14)).map(\.code) == ["key-not-in-version"])
    }

    @Test func tlsOptionsWithoutCertificateServePlainHTTP() {
        #expect(codes("tls_server_config:\n  min_version: TLS13\n") == [Seen(code: "tls-without-certificate", line: 2, column: 3)])
    }

    @Test func headers() {
        #expect(codes("http_server_config:\n  headers:\n    x-frame-options: deny\n").map(\.code) == ["header-not-allowed"])
        #expect(codes("http_server_config:\n  headers:\n    X-Frame-Options: DENY\n").map(\.code) == ["invalid-header-value"])
        #expect(codes("http_server_config:\n  headers:\n    X-XSS-Protection: 1\n").isEmpty)
    }

    @Test(arguments: [
        ("hunter2", "bcrypt-invalid", "plaintext"),
        ("alice:$2y$10$mDwo.lAisC94iLAyP81MCesa29IzH37oigHC/42V2pdJlUprsJPze", "bcrypt-invalid", "htpasswd line"),
        ("$apr1$x2cGJ7WB$0i5rUGvEVnkTZeCxNcY7y/", "bcrypt-invalid", "Apache MD5"),
        ("$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/", "bcrypt-invalid", "SHA-512-crypt"),
        ("$2y$10$mDwo.lAisC94iLAyP81MCesa29IzH37oigHC/42V2pdJlUprsJPz", "bcrypt-never-matches", "characters long"),
        ("$2y$10$mDwo.lAisC94iLAyP81MCesa29IzH37oigHC/42V2pdJlUprs!Pze", "bcrypt-never-matches", "alphabet"),
        ("$2y$14$mDwo.lAisC94iLAyP81MCesa29IzH37oigHC/42V2pdJlUprsJPze", "bcrypt-slow", "cost 14"),
        ("$2y$40$mDwo.lAisC94iLAyP81MCesa29IzH37oigHC/42V2pdJlUprsJPze", "bcrypt-invalid", "outside allowed inclusive range 4..31"),
    ])
    func bcrypt(hash: String, code: String, words: String) throws {
        let findings = check("basic_auth_users:\n  alice: '\(hash)'\n")
        let finding = try #require(findings.first)
        #expect(finding.code == code)
        #expect(finding.message.contains(words), "\(finding.message)")
        #expect(finding.location.line == 2 && finding.location.column == 10)
    }

    @Test func validBcryptAndUserNames() {
        #expect(codes("basic_auth_users:\n  alice: $2y$10$mDwo.lAisC94iLAyP81MCesa29IzH37oigHC/42V2pdJlUprsJPze\n").isEmpty)
        #expect(codes("basic_auth_users:\n  'a:b': $2y$10$mDwo.lAisC94iLAyP81MCesa29IzH37oigHC/42V2pdJlUprsJPze\n").map(\.code) == ["user-name-colon"])
    }

    /// Numbers past Go's int64 crashed tlscheck (SIGILL, a bare Double to Int conversion); go-yaml
    /// refuses them ("cannot unmarshal !!float `1e19` into time.Duration"), so they are errors here.
    @Test(arguments: [
        "interval: 1e19", "interval: 9223372036854775808", "interval: .inf", "interval: .nan",
        "interval: 18446744073709551615", "interval: 9999999999999h", "burst: .inf", "burst: 1e300",
        "burst: 9223372036854775808",
    ])
    func rateLimitPastTheInt64RangeIsAFinding(_ line: String) throws {
        let findings = check("rate_limit:\n  \(line)\n")
        let finding = try #require(findings.first { $0.code == "wrong-type" }, "\(findings.map(\.message))")
        #expect(finding.location.line == 2, "\(finding)")
    }

    @Test func rateLimitAtTheEdgesOfTheRange() {
        #expect(codes("rate_limit:\n  interval: 2562047h47m16s\n  burst: 9223372036854775807\n").isEmpty)
        // Go stores -.inf and -1e300 as the smallest int64: a negative interval, no limit at all.
        #expect(codes("rate_limit:\n  interval: -.inf\n  burst: -1e300\n").map(\.code).contains("rate-limit-negative"))
        #expect(codes("rate_limit:\n  interval: 1.5e18\n  burst: 2.5\n").map(\.code).sorted() == ["rate-limit-nanoseconds", "value-truncated"])
    }

    @Test func rateLimit() {
        #expect(codes("rate_limit:\n  interval: 1s\n  burst: 0\n").map(\.code) == ["rate-limit-blocks-all"])
        #expect(codes("rate_limit:\n  interval: 5\n  burst: 1\n").map(\.code) == ["rate-limit-nanoseconds"])
        #expect(codes("rate_limit:\n  interval: 1d\n").map(\.code) == ["wrong-type"])
        #expect(codes("rate_limit:\n  interval: 1h30m\n  burst: 3\n").isEmpty)
        #expect(codes("rate_limit:\n  burst: \"3\"\n").map(\.code) == ["wrong-type"])
    }

    @Test func goDurations() {
        #expect(GoDuration.parse("1h30m") == 5400e9)
        #expect(GoDuration.parse("100ms") == 100e6)
        #expect(GoDuration.parse("1.5s") == 1.5e9)
        #expect(GoDuration.parse("-2us") == -2000)
        #expect(GoDuration.parse("1d") == nil)
        #expect(GoDuration.parse("5") == nil)
        #expect(GoDuration.parse("0") == 0)
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "key_flie", in: ["key_file", "cert_file"]) == "key_file")
        #expect(Suggestion.closest(to: "RequireAndVerifyClientCerts", in: GoTLSNames.clientAuthTypes) == "RequireAndVerifyClientCert")
        #expect(Suggestion.closest(to: "zzz", in: ["key_file"]) == nil)
    }
}
