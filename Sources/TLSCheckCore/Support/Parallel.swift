import Dispatch
import Synchronization

/// Work over many independent inputs on every core, results in input order.
public enum Parallel {
    /// `items.map(transform)`, run concurrently when there is enough to share out.
    public static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], minimumCount: Int = 8, _ transform: @Sendable (Item) -> Result
    ) -> [Result] {
        guard items.count >= minimumCount else { return items.map(transform) }
        let slots = Mutex<[Result?]>(Array(repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let result = transform(items[index])
            slots.withLock { $0[index] = result }
        }
        return slots.withLock { $0.map { $0! } }
    }
}
