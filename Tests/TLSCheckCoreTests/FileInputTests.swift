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
        #expect(try FileInput.read(fifo).get() == bytes)
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
