import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A resolved socket address, kept as bytes so it is a plain Sendable value.
struct SocketAddress: Sendable, Hashable {
    let storage: [UInt8]
    var family: Int32 { storage.withUnsafeBytes { Int32($0.load(as: sockaddr.self).sa_family) } }

    init(_ pointer: UnsafePointer<sockaddr>, length: socklen_t) {
        storage = Array(UnsafeRawBufferPointer(start: pointer, count: Int(length)))
    }

    /// The same address with another port.
    func with(port: Int) -> SocketAddress {
        var copy = storage
        copy.withUnsafeMutableBytes { raw in
            let networkPort = UInt16(truncatingIfNeeded: port).bigEndian
            if family == AF_INET6 {
                raw.storeBytes(of: networkPort, toByteOffset: MemoryLayout<sockaddr_in6>.offset(of: \.sin6_port)!, as: UInt16.self)
            } else {
                raw.storeBytes(of: networkPort, toByteOffset: MemoryLayout<sockaddr_in>.offset(of: \.sin_port)!, as: UInt16.self)
            }
        }
        return SocketAddress(bytes: copy)
    }

    private init(bytes: [UInt8]) { storage = bytes }

    /// `127.0.0.1` or `::1` (no port).
    var ipText: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        storage.withUnsafeBytes { raw in
            if family == AF_INET6 {
                var address = raw.load(as: sockaddr_in6.self).sin6_addr
                _ = inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
            } else {
                var address = raw.load(as: sockaddr_in.self).sin_addr
                _ = inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
            }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The address of an IP literal, without asking DNS; nil for a name.
    static func numeric(_ host: String, port: Int) -> SocketAddress? {
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = UInt16(truncatingIfNeeded: port).bigEndian
            return withUnsafePointer(to: &v4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    SocketAddress($0, length: socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = UInt16(truncatingIfNeeded: port).bigEndian
            return withUnsafePointer(to: &v6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    SocketAddress($0, length: socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        return nil
    }
}

/// Name resolution off the probe threads. `getaddrinfo` blocks and has no deadline, so it runs on a
/// few dedicated dispatch queues (never Swift's cooperative pool); a probe whose deadline passes
/// simply stops waiting. Answers are cached for the run, and concurrent lookups of one name share
/// one query — a fleet list names the same host many times.
final class Resolver: Sendable {
    typealias Answer = Result<[SocketAddress], ResolveError>
    struct ResolveError: Error, Sendable { let message: String }

    private enum Entry {
        case pending([@Sendable (Answer) -> Void])
        case done(Answer)
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let queues: [DispatchQueue]
    private let nextQueue = Mutex(0)
    private let lookUpHost: @Sendable (String) -> Answer

    /// `lookUp` is `getaddrinfo` (`Resolver.lookUp`); tests give a slow one.
    init(threads: Int = 8, lookUp: @escaping @Sendable (String) -> Answer = Resolver.lookUp) {
        queues = (0..<max(1, threads)).map { DispatchQueue(label: "tlscheck.resolver.\($0)") }
        self.lookUpHost = lookUp
    }

    /// Calls `done` (on a resolver thread, or at once when cached) with the host's addresses (port 0).
    func resolve(_ host: String, done: @escaping @Sendable (Answer) -> Void) {
        enum Action { case answer(Answer), wait, lookUp }
        let action: Action = entries.withLock { entries in
            switch entries[host] {
            case .done(let answer): return .answer(answer)
            case .pending(let waiters):
                entries[host] = .pending(waiters + [done])
                return .wait
            case nil:
                entries[host] = .pending([done])
                return .lookUp
            }
        }
        switch action {
        case .answer(let answer): done(answer); return
        case .wait: return
        case .lookUp: break
        }
        let queue = nextQueue.withLock { index in
            defer { index = (index + 1) % queues.count }
            return queues[index]
        }
        queue.async { [self] in
            let answer = lookUpHost(host)
            let waiters: [@Sendable (Answer) -> Void] = entries.withLock { entries in
                guard case .pending(let waiters) = entries[host] else { return [] }
                entries[host] = .done(answer)
                return waiters
            }
            for waiter in waiters { waiter(answer) }
        }
    }

    static func lookUp(_ host: String) -> Answer {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_ADDRCONFIG
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            return .failure(ResolveError(message: reason))
        }
        defer { freeaddrinfo(first) }
        var addresses: [SocketAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let address = info.pointee.ai_addr,
                info.pointee.ai_family == AF_INET || info.pointee.ai_family == AF_INET6
            {
                let value = SocketAddress(address, length: info.pointee.ai_addrlen)
                if !addresses.contains(value) { addresses.append(value) }
            }
            cursor = info.pointee.ai_next
        }
        return addresses.isEmpty ? .failure(ResolveError(message: "no IPv4 or IPv6 address")) : .success(addresses)
    }
}
