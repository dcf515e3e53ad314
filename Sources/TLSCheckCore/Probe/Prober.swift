import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Probes TLS endpoints: one, or thousands concurrently with results in input order.
///
/// Engine: non-blocking sockets and `poll()` on a few dedicated threads, each driving many
/// handshakes (OpenSSL over memory BIOs); DNS on dedicated resolver threads. Nothing blocks Swift's
/// cooperative pool, and every phase has a deadline. docs/probe.md says why this design.
public struct Prober: Sendable {
    public let options: ProbeOptions
    let context: TLSClientContext
    let resolver: Resolver

    /// Loads the trust store and client identity once; throws when they cannot be used.
    public init(options: ProbeOptions) throws(ProbeSetupError) {
        try self.init(options: options, resolver: Resolver())
    }

    init(options: ProbeOptions, resolver: Resolver) throws(ProbeSetupError) {
        self.options = options
        self.context = try TLSClientContext(options: options)
        self.resolver = resolver
    }

    /// How many probes may be in flight for `requested`: raises the soft open-file limit towards the
    /// hard one and caps at what it allows (each probe holds one socket), with a note saying so.
    public func allowedConcurrency(_ requested: Int) -> (concurrency: Int, note: String?) {
        DescriptorBudget.allow(requested)
    }

    /// Probes one target on the calling thread (which blocks until the probe ends).
    public func probe(_ target: ProbeTarget) -> ProbeResult {
        var result: ProbeResult?
        probe([target], concurrency: 1) { result = $0 }
        return result ?? ProbeResult(target: target)
    }

    /// Probes `targets` with at most `concurrency` probes in flight, calling `onResult` on the
    /// calling thread for each result in input order, as soon as it and every one before it are done.
    public func probe(_ targets: [ProbeTarget], concurrency: Int = ProbeOptions.defaultConcurrency, onResult: (ProbeResult) -> Void) {
        guard !targets.isEmpty else { return }
        let concurrency = max(1, min(concurrency, targets.count, DescriptorBudget.allow(concurrency).concurrency))
        let run = ProbeRun(targets: targets, window: max(1024, concurrency * 4))
        let workerCount = Self.workerCount(concurrency: concurrency)
        let options = options, context = context, resolver = resolver
        if workerCount == 1 && targets.count <= run.window {
            // Small runs stay on this thread: no thread to start, results collected, then delivered.
            ProbeWorker(run: run, slots: concurrency, options: options, context: context, resolver: resolver).loop()
            run.deliver(onResult)
            return
        }
        let base = concurrency / workerCount, extra = concurrency % workerCount
        let threads = (0..<workerCount).map { i in
            DedicatedThread.start {
                ProbeWorker(
                    run: run, slots: base + (i < extra ? 1 : 0), options: options, context: context, resolver: resolver
                ).loop()
            }
        }
        run.deliver(onResult)  // advances the window the workers wait on
        threads.forEach { $0.join() }
    }

    /// For async callers: probes on dedicated threads and resumes with the results in input order,
    /// so no cooperative thread waits on a socket.
    public func probe(_ targets: [ProbeTarget], concurrency: Int = ProbeOptions.defaultConcurrency) async -> [ProbeResult] {
        await withCheckedContinuation { continuation in
            DedicatedThread.start { [self] in
                var results: [ProbeResult] = []
                probe(targets, concurrency: concurrency) { results.append($0) }
                continuation.resume(returning: results)
            }.detach()
        }
    }

    /// One poll loop per core handles the TLS work; a handshake costs about 1 ms of CPU, so more
    /// threads than cores only add switching. Small concurrency needs no more than one.
    static func workerCount(concurrency: Int) -> Int {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        return max(1, min(cores, 8, (concurrency + 7) / 8))
    }
}

/// The shared queue of targets and the in-order hand-over of results.
final class ProbeRun: Sendable {
    let targets: [ProbeTarget]
    /// How far probing may run ahead of delivery (bounds the results held in memory when one slow
    /// probe holds up the ones after it).
    let window: Int

    private struct State {
        var next = 0
        var delivered = 0
        var done: [Int: ProbeResult] = [:]
    }
    private let state = Mutex(State())
    private let completed = DispatchSemaphore(value: 0)

    init(targets: [ProbeTarget], window: Int) {
        self.targets = targets
        self.window = window
    }

    enum Next { case probe(Int, ProbeTarget), wait, finished }

    func next() -> Next {
        state.withLock { state in
            if state.next >= targets.count { return .finished }
            if state.next >= state.delivered + window { return .wait }
            defer { state.next += 1 }
            return .probe(state.next, targets[state.next])
        }
    }

    func complete(_ index: Int, _ result: ProbeResult) {
        state.withLock { $0.done[index] = result }
        completed.signal()
    }

    /// Hands results to `onResult` in input order until every target has been delivered. Each
    /// completion signals once, so the waits end exactly when the last result is in.
    func deliver(_ onResult: (ProbeResult) -> Void) {
        while true {
            let (batch, finished) = state.withLock { state -> ([ProbeResult], Bool) in
                var batch: [ProbeResult] = []
                while let result = state.done.removeValue(forKey: state.delivered) {
                    batch.append(result)
                    state.delivered += 1
                }
                return (batch, state.delivered >= targets.count)
            }
            batch.forEach(onResult)
            if finished { return }
            completed.wait()
        }
    }
}

/// One poll loop driving up to `slots` probes.
final class ProbeWorker {
    let run: ProbeRun
    let slots: Int
    let options: ProbeOptions
    let context: TLSClientContext
    let resolver: Resolver
    private var tasks: [ProbeTask] = []
    /// Nil only when the process is out of descriptors: then the loop wakes every 10 ms instead.
    private let wakePipe = WakePipe()

    init(run: ProbeRun, slots: Int, options: ProbeOptions, context: TLSClientContext, resolver: Resolver) {
        self.run = run
        self.slots = max(1, slots)
        self.options = options
        self.context = context
        self.resolver = resolver
    }

    func loop() {
        var exhausted = false
        var pollSet: [pollfd] = []
        while true {
            var blocked = false
            while !exhausted, tasks.count < slots {
                switch run.next() {
                case .probe(let index, let target):
                    let task = ProbeTask(
                        index: index, target: target, options: options, context: context, resolver: resolver, wakePipe: wakePipe)
                    task.start(now: MonotonicClock.now())
                    if task.isDone { run.complete(index, task.result) } else { tasks.append(task) }
                    continue
                case .wait: blocked = true
                case .finished: exhausted = true
                }
                break
            }
            if tasks.isEmpty {
                if exhausted { return }
                if blocked { usleep(5_000) }  // delivery is behind; let it catch up
                continue
            }

            pollSet.removeAll(keepingCapacity: true)
            pollSet.append(pollfd(fd: wakePipe?.readEnd ?? -1, events: Int16(POLLIN), revents: 0))  // -1: ignored by poll
            var polled: [Int] = []
            for (i, task) in tasks.enumerated() where task.fd >= 0 && task.pollEvents != 0 {
                pollSet.append(pollfd(fd: task.fd, events: task.pollEvents, revents: 0))
                polled.append(i)
            }
            let now = MonotonicClock.now()
            let soonest = tasks.map(\.wakeUpTime).min() ?? now
            let longest: UInt64 = wakePipe == nil && tasks.contains(where: \.isResolving) ? 10 : 1_000
            let waitMilliseconds = soonest <= now ? 0 : Int32(min((soonest - now + 999_999) / 1_000_000, longest))
            let ready = poll(&pollSet, nfds_t(pollSet.count), waitMilliseconds)
            let after = MonotonicClock.now()
            if pollSet[0].revents != 0 || wakePipe == nil {
                wakePipe?.drain()
                for task in tasks where task.isResolving { task.resolutionMayHaveArrived(now: after) }
            }
            if ready > 0 {
                for (slot, i) in polled.enumerated() where pollSet[slot + 1].revents != 0 {
                    tasks[i].handle(revents: pollSet[slot + 1].revents, now: after)
                }
            }
            for task in tasks where !task.isDone && task.wakeUpTime <= after {
                task.expire(now: after)
            }
            tasks.removeAll { task in
                guard task.isDone else { return false }
                run.complete(task.index, task.result)
                return true
            }
        }
    }
}

/// A plain POSIX thread for work that must not run on Swift's cooperative pool.
struct DedicatedThread {
    private let thread: pthread_t

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    static func start(_ body: @escaping @Sendable () -> Void) -> DedicatedThread {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        precondition(status == 0, "cannot start a thread: error \(status)")
        return DedicatedThread(thread: thread)
    }

    func join() { pthread_join(thread, nil) }
    /// Lets the thread clean up after itself when nobody joins it.
    func detach() { pthread_detach(thread) }
}
