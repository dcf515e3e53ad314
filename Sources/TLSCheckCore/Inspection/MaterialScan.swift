import Dispatch

/// The loop `inspect` and `expiry` share: walk the paths, read each file, load its material, turn
/// bad input into findings; several files at a time on all cores, results in walk order.
struct MaterialScan: Sendable {
    var loader: MaterialLoader
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
    func run<Summary: Sendable>(
        _ paths: [String], summarize: @escaping @Sendable (LoadedFile) -> Summary,
        collect: (FileResult<Summary>) -> Void
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
                results[index] = self.loadFile(path, explicit: explicit, summarize: summarize)
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
        _ path: String, explicit: Bool, summarize: (LoadedFile) -> Summary
    ) -> FileResult<Summary> {
        let bytes: [UInt8]
        switch FileInput.read(path, origin: explicit ? .commandLine : .reference) {
        case .success(let read): bytes = read
        case .failure(let error):
            return FileResult(summary: nil, findings: [Finding(
                .unreadableInput, "cannot read \(path): \(error.reason)", at: Location(path: path), hint: error.hint)])
        }
        let file = loader.load(path: path, bytes: bytes)
        if file.isEmpty {
            let reason = file.nothingReason ?? "it holds nothing tlscheck can read"
            if explicit || MaterialLoader.promisesMaterial(path) {
                return FileResult(summary: nil, findings: [Finding(
                    .materialUnreadable, "\(path) holds no certificate or key: \(reason)", at: Location(path: path))])
            }
            return FileResult(summary: nil, findings: verbose
                ? [Finding(.fileSkipped, "skipped \(path): \(reason)", at: Location(path: path))] : [])
        }
        return FileResult(summary: summarize(file), findings: file.findings)
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
