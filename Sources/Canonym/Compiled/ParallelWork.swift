import Dispatch
import Foundation

/// A value computed on a background thread, waited for on first use.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private var result: Result<Value, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async {
            self.result = Result(catching: work)
            self.done.signal()
        }
    }

    func value() throws -> Value {
        done.wait()
        done.signal()
        guard let result else { throw CanonymError.badResource("background load finished without a result") }
        return try result.get()
    }
}

/// Per-worker results of a parallel build: worker i sets slot i, the caller reads them all.
final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<Value, Error>) { lock.withLock { slots[index] = value } }
    func get(_ index: Int) throws -> Value {
        try lock.withLock { slots[index] }!.get()
    }
}

/// Work spread over the cores while a lexicon is compiled.
enum ParallelWork {
    /// `transform` of every index of `0 ..< count`, in index order, computed on up to eight
    /// cores: worker w takes indexes w, w + workers, w + 2·workers… with a state of its own made
    /// by `makeState` (a fold ladder and its buffers, which threads must not share). There is at
    /// most one worker per `perWorker` indexes, so that a small input stays on one core, and the
    /// result does not depend on the core count.
    /// - Throws: the error of the first worker, by number, that failed.
    /// - Complexity: `count` calls of `transform`, spread over the workers.
    static func stridedMap<State, T>(
        count: Int, perWorker: Int, makeState: @Sendable () throws -> State, _ transform: @Sendable (inout State, Int) throws -> T
    ) throws -> [T] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, count / perWorker + 1))
        let results = ResultSlots<[T]>(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            results.set(worker, Result(catching: {
                var state = try makeState()
                var out: [T] = []
                out.reserveCapacity(count / workers + 1)
                var i = worker
                while i < count {
                    out.append(try transform(&state, i))
                    i += workers
                }
                return out
            }))
        }
        let parts = try (0..<workers).map { try results.get($0) }
        var merged: [T] = []
        merged.reserveCapacity(count)
        for i in 0..<count { merged.append(parts[i % workers][i / workers]) }
        return merged
    }
}
