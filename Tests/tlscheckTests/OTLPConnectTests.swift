import Foundation
import Testing

/// `validate --connect` against a real OTLP/gRPC trace service (Python grpcio with the
/// opentelemetry-proto stubs, from .ci/requirements.txt) on loopback, with TLS and without.
@Suite(.serialized) struct OTLPConnectTests {
    static let serverScript = """
        import sys
        from concurrent import futures
        import grpc
        from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc

        class TraceService(trace_service_pb2_grpc.TraceServiceServicer):
            def Export(self, request, context):
                return trace_service_pb2.ExportTraceServiceResponse()

        port = sys.argv[1]
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        trace_service_pb2_grpc.add_TraceServiceServicer_to_server(TraceService(), server)
        if len(sys.argv) > 3:
            key = open(sys.argv[3], "rb").read()
            cert = open(sys.argv[2], "rb").read()
            server.add_secure_port("127.0.0.1:" + port, grpc.ssl_server_credentials([(key, cert)]))
        else:
            server.add_insecure_port("127.0.0.1:" + port)
        server.start()
        print("serving", port, flush=True)
        server.wait_for_termination()
        """

    /// A folder with a self-signed server certificate, another unrelated one, and the server script.
    struct Backends {
        let folder: TemporaryFolder
        let tls: LoopbackServer
        let tlsPort: Int
        let plain: LoopbackServer
        let plainPort: Int
    }

    func start() throws -> Backends {
        let check = try Shell.run("python3", ["-c", "import grpc; from opentelemetry.proto.collector.trace.v1 import trace_service_pb2_grpc"])
        guard check.status == 0 else {
            throw Failure("python3 cannot import grpc and opentelemetry.proto: install the PyPI packages grpcio and opentelemetry-proto (python3 -m pip install -r .ci/requirements.txt)\n\(check.stderr)")
        }
        let folder = try TemporaryFolder()
        try OpenSSLCLI.selfSigned(in: folder, name: "server")
        try OpenSSLCLI.selfSigned(in: folder, name: "other")
        let script = try folder.write("otlp_server.py", Self.serverScript)
        // LoopbackServer stops them with SIGKILL: the test runner's children may never see SIGTERM.
        let tls = try LoopbackServer.start("python3", wait: 30) { [script, String($0), folder.path + "/server.crt", folder.path + "/server.key"] }
        let plain = try LoopbackServer.start("python3", wait: 30) { [script, String($0)] }
        return Backends(folder: folder, tls: tls, tlsPort: tls.port, plain: plain, plainPort: plain.port)
    }

    func collector(_ backends: Backends, port: Int, tls: String) throws -> String {
        try backends.folder.write("otelcol-\(UUID().uuidString).yaml", """
            exporters:
              otlp/tempo:
                endpoint: 127.0.0.1:\(port)
                tls:
            \(tls.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
            """)
    }

    @Test func collectorExporterAgainstRealBackends() throws {
        let backends = try start()
        defer { _ = backends.tls; _ = backends.plain }

        // The right CA: connects, verified, ALPN h2.
        let right = try CLI.run(["validate", "--connect", try collector(backends, port: backends.tlsPort, tls: "ca_file: server.crt")],
                                cwd: backends.folder.url)
        #expect(right.status == 0, "\(right.output)")
        #expect(right.stdout.contains("[otlp-connected]") && right.stdout.contains("ALPN h2"), "\(right.stdout)")
        #expect(right.stdout.contains(":3:15: info:"), "located at the endpoint key: \(right.stdout)")

        // A wrong CA: the probe's verification diagnosis.
        let wrong = try CLI.run(["validate", "--connect", try collector(backends, port: backends.tlsPort, tls: "ca_file: other.crt")],
                                cwd: backends.folder.url)
        #expect(wrong.status == 1, "\(wrong.output)")
        #expect(wrong.stdout.contains(":3:15: error:") && wrong.stdout.contains("self-signed"), "\(wrong.stdout)")
        // The hint names the Collector's key; `validate` has no --ca-file.
        #expect(wrong.stdout.contains("hint: set tls.ca_file to this certificate"), "\(wrong.stdout)")
        #expect(!wrong.stdout.contains("--ca-file"), "\(wrong.stdout)")

        // insecure: true against TLS.
        let insecure = try CLI.run(["validate", "--connect", try collector(backends, port: backends.tlsPort, tls: "insecure: true")],
                                   cwd: backends.folder.url)
        #expect(insecure.status == 1)
        #expect(insecure.stdout.contains("[plaintext-to-tls]"), "\(insecure.stdout)")

        // TLS against the plaintext endpoint.
        let plain = try CLI.run(["validate", "--connect", try collector(backends, port: backends.plainPort, tls: "ca_file: server.crt")],
                                cwd: backends.folder.url)
        #expect(plain.status == 1)
        #expect(plain.stdout.contains("[plaintext-http]") && plain.stdout.contains("h2c"), "\(plain.stdout)")

        // insecure: true against the plaintext endpoint is what it should be.
        let plainOK = try CLI.run(["validate", "--connect", try collector(backends, port: backends.plainPort, tls: "insecure: true")],
                                  cwd: backends.folder.url)
        #expect(plainOK.status == 0, "\(plainOK.output)")
        #expect(plainOK.stdout.contains("[otlp-connected]"))
    }

    @Test func parcaFlagsAgainstRealBackends() throws {
        let backends = try start()
        defer { _ = backends.tls; _ = backends.plain }
        let address = "127.0.0.1:\(backends.tlsPort)"

        // The seed: the default --otlp-insecure=true against a TLS backend.
        let defaults = try CLI.run(["validate", "--otlp-address", address, "--connect"])
        #expect(defaults.status == 1)
        #expect(defaults.stdout.contains("flags: error:") && defaults.stdout.contains("[plaintext-to-tls]"), "\(defaults.stdout)")
        #expect(defaults.stdout.contains("--otlp-insecure=false"))

        // --otlp-insecure=false with a self-signed backend and no CA.
        let noCA = try CLI.run(["validate", "--otlp-address", address, "--otlp-insecure=false", "--connect"])
        #expect(noCA.status == 1)
        #expect(noCA.stdout.contains("OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE"), "\(noCA.stdout)")

        // With the CA (what OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE gives Parca).
        let withCA = try CLI.run(["validate", "--otlp-address", address, "--otlp-insecure=false",
                                  "--otlp-ca-file", backends.folder.path + "/server.crt", "--connect"])
        #expect(withCA.status == 0, "\(withCA.output)")
    }

    @Test func environmentAgainstRealBackend() throws {
        let backends = try start()
        defer { _ = backends.tls; _ = backends.plain }
        let result = try CLI.run(["validate", "--env", "--connect"], environment: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "https://127.0.0.1:\(backends.tlsPort)", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
            "OTEL_EXPORTER_OTLP_CERTIFICATE": backends.folder.path + "/server.crt",
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("env: info: OTEL_EXPORTER_OTLP_ENDPOINT (127.0.0.1:\(backends.tlsPort)): connected"), "\(result.stdout)")

        // Without the CA, the hint names the SDK's variable.
        let noCA = try CLI.run(["validate", "--env", "--connect"], environment: [
            "OTEL_EXPORTER_OTLP_ENDPOINT": "https://127.0.0.1:\(backends.tlsPort)", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
        ])
        #expect(noCA.status == 1)
        #expect(noCA.stdout.contains("hint: set OTEL_EXPORTER_OTLP_CERTIFICATE to this certificate"), "\(noCA.stdout)")
        #expect(!noCA.stdout.contains("--ca-file"), "\(noCA.stdout)")
    }
}
