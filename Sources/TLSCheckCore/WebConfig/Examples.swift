/// Built-in examples, so a new user can see tlscheck work without files of their own.
public enum Examples {
    public static let brokenWebConfigName = "example/web-config.yaml"

    /// A web-config with the mistakes SREs make most: a typo in a key, a CA without a client-auth
    /// policy, a certificate file that is not there, an invalid version name, a plaintext password.
    public static let brokenWebConfig = """
        # tlscheck's built-in example: a web-config with typical mistakes.
        tls_server_config:
          cert_file: server.crt
          key_flie: server.key
          client_ca_file: ca.crt
          min_version: TLS1.2
          cipher_suites:
            - TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
        http_server_config:
          http2:
        basic_auth_users:
          alice: hunter2

        """
}
