import Foundation
import Testing

@testable import TLSCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// `FileInput.read` sizes its buffer from the file: every size must come back whole, and files that
/// are not regular (pipes, /proc) or that exceed the limit must still be read or refused correctly.
@Suite final class FileInputTests {
    let folder = NSTemporaryDirectory() + "fileinput-" + UUID().uuidString

    init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = folder + "/" + name
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    @Test(arguments: [0, 1, 4095, 4096, 4097, 65_536, 200_001])
    func regularFilesComeBackWhole(_ size: Int) throws {
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let path = write("f\(size)", bytes)
        #expect(try FileInput.read(path).get() == bytes)
    }

    @Test func aFileOverTheLimitIsRefused() {
        let path = write("big", [UInt8](repeating: 0x41, count: 10_001))
        guard case .failure(let error) = FileInput.read(path, limit: 10_000) else {
            Issue.record("a file over the limit was read")
            return
        }
        #expect(error.kind == .tooLarge)
    }

    @Test func procFilesThatReportSizeZeroAreReadWhole() throws {
        let status = try FileInput.read("/proc/self/status").get()
        #expect(String(decoding: status, as: UTF8.self).contains("Name:"))
        #expect(String(decoding: status, as: UTF8.self).hasSuffix("\n"))
    }

    @Test func aPipeIsReadToItsEnd() throws {
        let fifo = folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let bytes = [UInt8](repeating: 0x42, count: 150_000)  // more than one 64 KB step
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        writer.start()
        #expect(try FileInput.read(fifo, origin: .commandLine).get() == bytes)
    }

    /// A FIFO, socket or device that an input names (or a folder holds) is refused without being
    /// opened: opening a FIFO without a writer would block the run for ever.
    @Test func pipesSocketsAndDevicesNamedInsideInputsAreNeverOpened() throws {
        let fifo = folder + "/fifo-without-writer"
        #expect(mkfifo(fifo, 0o600) == 0)
        let socketPath = folder + "/socket"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in socketPath.utf8.enumerated() where i < raw.count - 1 { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        for (path, what) in [(fifo, "a FIFO"), (socketPath, "a socket"), ("/dev/zero", "a character device"), ("/dev/full", "a character device")] {
            guard case .failure(let error) = FileInput.read(path) else {
                Issue.record("\(path) was opened")
                continue
            }
            #expect(error.kind == .notRegular, "\(path)")
            #expect(error.reason.hasPrefix("is \(what)"), "\(path): \(error.reason)")
        }
        // /dev/null ends at once wherever it is named (a config's way to say "empty"). Named on the
        // command line, a device is a stream (and /dev/zero stops at the limit); a socket never is.
        #expect(try FileInput.read("/dev/null").get() == [])
        #expect(try FileInput.read("/dev/null", origin: .commandLine).get() == [])
        guard case .failure(let endless) = FileInput.read("/dev/zero", limit: 1 << 20, origin: .commandLine) else {
            Issue.record("/dev/zero was read to an end")
            return
        }
        #expect(endless.kind == .tooLarge)
        guard case .failure(let socketError) = FileInput.read(socketPath, origin: .commandLine) else {
            Issue.record("a socket was read")
            return
        }
        #expect(socketError.kind == .notRegular)
    }

    /// What a shell passes for `-` and `<(…)` names no folder: relative paths inside resolve against
    /// the working folder.
    @Test func streamsHaveTheWorkingFolder() {
        #expect(FileInput.folder(of: "/dev/fd/63") == ".")
        #expect(FileInput.folder(of: "/dev/stdin") == ".")
        #expect(FileInput.folder(of: FileInput.standardInput) == ".")
        #expect(FileInput.folder(of: "/etc/tls/web.yml") == "/etc/tls")
    }

    /// Inputs up to 64 MiB are read (a large `kubectl get -A -o yaml`); past that they are refused
    /// before a byte is read.
    @Test func theLimitIs64MiB() throws {
        #expect(FileInput.defaultSizeLimit >= 64 << 20)
        let path = folder + "/sparse"
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        #expect(ftruncate(fd, off_t(FileInput.defaultSizeLimit + 1)) == 0)
        close(fd)
        guard case .failure(let error) = FileInput.read(path) else {
            Issue.record("a file over the limit was read")
            return
        }
        #expect(error.kind == .tooLarge)
    }

    @Test func foldersAndMissingFilesAreNamedAsSuch() {
        guard case .failure(let folderError) = FileInput.read(folder) else {
            Issue.record("a folder was read as a file")
            return
        }
        #expect(folderError.kind == .isFolder)
        guard case .failure(let missing) = FileInput.read(folder + "/missing") else {
            Issue.record("a missing file was read")
            return
        }
        #expect(missing.kind == .notFound)
    }
}
