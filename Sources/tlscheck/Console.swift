import ArgumentParser
import TLSCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// Where the front end writes. The core never prints; commands print what it returns, here.
enum Console {
    static func out(_ text: String) { write(1, text) }
    static func err(_ text: String) { write(2, text) }

    /// Standard output for renderers that write piece by piece: pieces are gathered and written
    /// every 16 KB, so a long report never sits whole in memory. Call `flush()` at the end.
    struct Output: TextOutputStream {
        private var buffer = ""

        mutating func write(_ piece: String) {
            buffer += piece
            if buffer.utf8.count >= 16_384 { flush() }
        }

        mutating func flush() {
            Console.out(buffer)
            buffer = ""
        }
    }

    private static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Colour only on a terminal, never with NO_COLOR set (https://no-color.org), never for TERM=dumb.
    static func wantsColor(fd: Int32 = 1) -> Bool {
        if let value = getenv("NO_COLOR"), value.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return isatty(fd) == 1
    }

    static var workingDirectory: String {
        FileManager.default.currentDirectoryPath
    }
}
