import Dispatch

/// The loop `inspect` and `expiry` share: walk the paths, read each file, load its material, turn
/// bad input into findings; several files at a time on all cores, results in walk order.
struct MaterialScan<C: KeylessCertificate>: Sendable {
    var loader: MaterialLoader<C>
    /// List files skipped for holding nothing (`file-skipped`).
    var verbose: Bool
    /// Files read concurrently per round; bounds memory to one batch of loaded files.
    var batchSize = 128

    /// What one file gave: the loaded material (nil when there is none), and findings about the file.
    struct FileResult<Summary: Sendable>: Sendable {
        var summary: Summary?
        var findings: [Finding]
    }

    /// Loads every file and hands each to `summarize` (on any thread) to reduce it to what the caller
    /// keeps; `collect` then receives the results one by one, in walk order, on the calling thread.
    /// A file that comes in parts (a Secret list) is summarized part by part, and `merge` joins the
    /// summaries: the certificates of a list of 10,000 Secrets are never all held at once.
    func run<Summary: Sendable>(
        _ paths: [String], summarize: @escaping @Sendable (LoadedFile<C>) -> Summary,
        merge: @escaping @Sendable (inout Summary, Summary) -> Void, collect: (FileResult<Summary>) -> Void
    ) {
        // Loading a provider while other threads fetch algorithms can make those fetches fail
        // (OpenSSL 3.0 flushes its method store), so the PKCS#12 providers load before any worker runs.
        _ = PKCS12File.legacyAlgorithms
        var batch: [(path: String, explicit: Bool)] = []
        func flush() {
            guard !batch.isEmpty else { return }
            let work = batch
            let results = ResultSlots<FileResult<Summary>>(count: work.count)
            let load = { @Sendable (index: Int) in
                let (path, explicit) = work[index]
                results[index] = self.loadFile(path, explicit: explicit, summarize: summarize, merge: merge)
            }
            if work.count == 1 { load(0) } else { DispatchQueue.concurrentPerform(iterations: work.count, execute: load) }
            for index in 0..<work.count { collect(results[index]!) }
            batch.removeAll(keepingCapacity: true)
        }
        InputWalker.walk(paths) { item in
            switch item {
            case .problem(let finding):
                flush()
                collect(FileResult(summary: nil, findings: [finding]))
            case .file(let path, let explicit):
                batch.append((path, explicit))
                if batch.count >= batchSize { flush() }
            }
        }
        flush()
    }

    func loadFile<Summary>(
        _ path: String, explicit: Bool, summarize: (LoadedFile<C>) -> Summary, merge: (inout Summary, Summary) -> Void
    ) -> FileResult<Summary> {
        let bytes: [UInt8]
        switch FileInput.read(path, origin: explicit ? .commandLine : .reference) {
        case .success(let read): bytes = read
        case .failure(let error):
            return FileResult(summary: nil, findings: [Finding(
                .unreadableInput, "cannot read \(path): \(error.reason)", at: Location(path: path), hint: error.hint)])
        }
        var result = FileResult<Summary>(summary: nil, findings: [])
        var nothing: LoadedFile<C>?
        loader.load(path: path, bytes: bytes) { part in
            guard !part.isEmpty else {
                nothing = part
                return
            }
            result.findings += part.findings
            let summary = summarize(part)
            if result.summary == nil { result.summary = summary } else { merge(&result.summary!, summary) }
        }
        guard result.summary == nil, let file = nothing else { return result }
        let reason = file.nothingReason ?? "it holds nothing tlscheck can read"
        if explicit || MaterialNames.promisesMaterial(path) {
            return FileResult(summary: nil, findings: [Finding(
                .materialUnreadable, "\(path) holds no certificate or key: \(reason)", at: Location(path: path))])
        }
        return FileResult(summary: nil, findings: verbose
            ? [Finding(.fileSkipped, "skipped \(path): \(reason)", at: Location(path: path))] : [])
    }
}

/// Fixed slots that concurrent workers fill, each its own index.
///
/// `@unchecked Sendable`: every index is written by exactly one worker and read only after
/// `concurrentPerform` has returned, which orders those writes before the reads.
final class ResultSlots<Value>: @unchecked Sendable {
    private let values: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        values = .allocate(capacity: count)
        values.initialize(repeating: nil)
    }

    deinit {
        values.deinitialize()
        values.deallocate()
    }

    subscript(index: Int) -> Value? {
        get { values[index] }
        set { values[index] = newValue }
    }
}
