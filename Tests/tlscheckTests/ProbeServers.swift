import Foundation
import Testing
import TestSupport

/// Servers on loopback for the probe tests. Each one is a real program in its own process, on a
/// free port, stopped when the value goes away (or by `stop()`), so no test leaves one behind.
final class LoopbackServer {
    let port: Int
    private let process: Process
    private let onStop: (() -> Void)?
    private let graceful: Bool

    private init(process: Process, port: Int, graceful: Bool, onStop: (() -> Void)?) {
        self.process = process
        self.port = port
        self.graceful = graceful
        self.onStop = onStop
    }

    deinit { stop() }

    func stop() {
        onStop?()
        guard process.isRunning else { return }
        // Children inherit the test runner's blocked signals, so SIGTERM may never arrive: only
        // servers that reset their signal mask (nginx, whose workers must go with it) get one.
        if graceful {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { usleep(10_000) }
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    static func freePort() -> Int { Ports.free() }
    static func accepts(_ port: Int) -> Bool { Ports.accepts(port) }

    /// Starts `program` with the arguments `arguments(port)` on a free port and waits (at most
    /// `wait` seconds) until it accepts connections; tries three ports before giving up.
    static func start(
        _ program: String, cwd: String? = nil, wait: TimeInterval = 15, graceful: Bool = false, ready: ((Int) -> Bool)? = nil,
        onStop: (() -> Void)? = nil, _ arguments: (Int) -> [String]
    ) throws -> LoopbackServer {
        let path = program.hasPrefix("/") ? program : try Shell.which(program)
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Shell.MissingProgram(name: program) }
        var lastError = ""
        for _ in 0..<3 {
            let port = freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments(port)
            if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("tlscheck-server-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = Pipe()  // open and silent: s_server stops at EOF on stdin
            try process.run()
            let server = LoopbackServer(process: process, port: port, graceful: graceful, onStop: onStop)
            let deadline = Date().addingTimeInterval(wait)
            while process.isRunning && Date() < deadline {
                if ready?(port) ?? accepts(port) {
                    try? FileManager.default.removeItem(at: log)
                    return server
                }
                usleep(20_000)
            }
            server.stop()
            lastError = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: log)
        }
        throw ServerError(message: "\(program) did not start: \(lastError.suffix(2000))")
    }

    struct ServerError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// `openssl s_server` answering HTTP (-www) with `arguments` added.
    static func sServer(_ arguments: [String]) throws -> LoopbackServer {
        try start("openssl") { ["s_server", "-accept", "127.0.0.1:\($0)", "-www", "-quiet"] + arguments }
    }

    /// A tiny fake server (Python) for protocols and failures no packaged server shows on demand.
    /// Modes: banner HEX (send bytes on accept), reply HEX (send bytes after the first read),
    /// reset (RST on accept), close (FIN after the first read), silent (listen, never accept),
    /// full (backlog 0, never accept: once the queue is full, SYNs are dropped), drip HEX (after the
    /// first read, one byte a second), reset-after-hello (RST after the first read), lie HEX (after
    /// the first read 'S', after the second read HEX: a STARTTLS peer that lies).
    static func fake(_ mode: String, hex: String = "") throws -> LoopbackServer {
        let script = """
            import socket, sys, time
            mode, port, data = sys.argv[1], int(sys.argv[2]), bytes.fromhex(sys.argv[3])
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port)); s.listen(0 if mode == "full" else 16)
            if mode in ("silent", "full"):
                while True: time.sleep(1)
            keep = []
            while True:
                c, _ = s.accept()
                if mode == "banner": c.sendall(data)
                elif mode == "reply": c.recv(4096); c.sendall(data)
                elif mode == "reset":
                    import struct; c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)); c.close(); continue
                elif mode == "close": c.recv(4096); c.close(); continue
                elif mode == "reset-after-hello":
                    import struct; c.recv(4096); c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)); c.close(); continue
                elif mode == "lie":
                    try: c.recv(4096); c.sendall(b"S"); c.recv(4096); c.sendall(data)
                    except OSError: pass
                elif mode == "drip":
                    import threading
                    def drip(c=c):
                        c.recv(4096)
                        for b in data:
                            try: c.sendall(bytes([b])); time.sleep(1)
                            except OSError: return
                    threading.Thread(target=drip, daemon=True).start()
                keep.append(c)
            """
        return try start("python3") { ["-c", script, mode, String($0), hex] }
    }
}

extension LoopbackServer {
    /// A proxy in front of `upstream` that splits every plaintext handshake record the server sends
    /// (up to its ChangeCipherSpec) into records of one byte each, as TLS allows.
    static func fragmenting(_ upstream: Int) throws -> LoopbackServer {
        let script = """
            import socket, sys, threading
            port, upstream = int(sys.argv[1]), int(sys.argv[2])
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port)); s.listen(16)
            def exact(u, n):
                data = b""
                while len(data) < n:
                    more = u.recv(n - len(data))
                    if not more: return None
                    data += more
                return data
            def up(c, u):
                try:
                    while True:
                        d = c.recv(65536)
                        if not d: break
                        u.sendall(d)
                except OSError: pass
                try: u.shutdown(socket.SHUT_RDWR)  # s_server serves one connection at a time
                except OSError: pass
            def down(u, c):
                plain = True
                try:
                    while True:
                        head = exact(u, 5)
                        if head is None: break
                        body = exact(u, int.from_bytes(head[3:5], "big")) or b""
                        if plain and head[0] == 22:
                            c.sendall(b"".join(bytes([22, head[1], head[2], 0, 1, b]) for b in body))
                        else:
                            if head[0] == 20: plain = False
                            c.sendall(head + body)
                except OSError: pass
                c.close()
            while True:
                c, _ = s.accept()
                u = socket.create_connection(("127.0.0.1", upstream))
                threading.Thread(target=up, args=(c, u), daemon=True).start()
                threading.Thread(target=down, args=(u, c), daemon=True).start()
            """
        return try start("python3") { ["-c", script, String($0), String(upstream)] }
    }
}

extension String {
    var hex: String { utf8.map { String(format: "%02x", $0) }.joined() }
}

/// A private PKI made with the openssl CLI once per test run: a root CA, an intermediate, server
/// leaves (good, wrong host, expired, not yet valid, under the intermediate), a self-signed
/// certificate, client certificates (good, wrong usage, from another CA).
final class ProbePKI: @unchecked Sendable {
    static let shared: ProbePKI = {
        do { return try ProbePKI() } catch { fatalError("cannot make the test PKI: \(error)") }
    }()

    let folder: String
    func path(_ name: String) -> String { folder + "/" + name }

    private init() throws {
        let temporary = FileManager.default.temporaryDirectory
        folder = temporary.appendingPathComponent("tlscheck-probe-pki-\(getpid())").path
        // atexit does not run when the test runner ends with _exit: remove folders of runs that are gone.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where name.hasPrefix("tlscheck-probe-pki-") {
            if let pid = Int32(name.dropFirst("tlscheck-probe-pki-".count)), pid == getpid() || kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(atPath: temporary.appendingPathComponent(name).path)
            }
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: ProbePKI.shared.folder) }
        try FileManager.default.createDirectory(atPath: folder + "/db", withIntermediateDirectories: true)
        try "".write(toFile: folder + "/db/index.txt", atomically: true, encoding: .utf8)
        try "1000\n".write(toFile: folder + "/db/serial", atomically: true, encoding: .utf8)
        try """
            [ca]
            default_ca = local
            [local]
            database = db/index.txt
            new_certs_dir = db
            serial = db/serial
            default_md = sha256
            policy = anything
            unique_subject = no
            [anything]
            commonName = supplied
            """.write(toFile: folder + "/ca.cnf", atomically: true, encoding: .utf8)
        let server = "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n"
        try server.write(toFile: folder + "/server.ext", atomically: true, encoding: .utf8)
        try "subjectAltName=DNS:wrong.example\nextendedKeyUsage=serverAuth\n".write(toFile: folder + "/wrong.ext", atomically: true, encoding: .utf8)
        try "extendedKeyUsage=clientAuth\n".write(toFile: folder + "/client.ext", atomically: true, encoding: .utf8)
        try "extendedKeyUsage=serverAuth\n".write(toFile: folder + "/serveronly.ext", atomically: true, encoding: .utf8)
        try "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n".write(toFile: folder + "/ca.ext", atomically: true, encoding: .utf8)

        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=tlscheck Test Root", "-days", "30"])
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "other-ca.key", "-out", "other-ca.pem", "-subj", "/CN=Some Other CA", "-days", "30"])
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "self.key", "-out", "self.pem", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "30"])
        try issue("inter", by: "ca", ext: "ca.ext", cn: "tlscheck Test Intermediate")
        try issue("server", by: "ca", ext: "server.ext", cn: "localhost")
        try issue("wrong", by: "ca", ext: "wrong.ext", cn: "wrong.example")
        try issue("expired", by: "ca", ext: "server.ext", cn: "localhost", dates: ("20200101000000Z", "20200201000000Z"))
        try issue("future", by: "ca", ext: "server.ext", cn: "localhost", dates: ("20990101000000Z", "20991231000000Z"))
        try issue("chained", by: "inter", ext: "server.ext", cn: "localhost")
        try issue("client", by: "ca", ext: "client.ext", cn: "probe client")
        try issue("client-serveronly", by: "ca", ext: "serveronly.ext", cn: "probe client without clientAuth")
        try issue("client-other", by: "other-ca", ext: "client.ext", cn: "probe client from another CA")
        try (String(contentsOfFile: path("chained.pem"), encoding: .utf8) + String(contentsOfFile: path("inter.pem"), encoding: .utf8))
            .write(toFile: path("chained-full.pem"), atomically: true, encoding: .utf8)
        // Keys readable by servers that drop privileges (postgres checks 0600 and its owner itself).
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".key") || name.hasSuffix(".pem") {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path(name))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
    }

    private func issue(_ name: String, by ca: String, ext: String, cn: String, dates: (String, String)? = nil) throws {
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(cn)"])
        var arguments = ["ca", "-batch", "-config", "ca.cnf", "-cert", "\(ca).pem", "-keyfile", "\(ca).key", "-in", "\(name).csr", "-out", "\(name).pem", "-extfile", ext, "-notext"]
        if let dates { arguments += ["-startdate", dates.0, "-enddate", dates.1] } else { arguments += ["-days", "20"] }
        try openssl(arguments)
    }

    private func openssl(_ arguments: [String]) throws {
        let result = try Shell.run("openssl", arguments, cwd: URL(fileURLWithPath: folder), timeout: 30)
        if result.status != 0 { throw LoopbackServer.ServerError(message: "openssl \(arguments.joined(separator: " ")): \(result.stderr)") }
    }
}
