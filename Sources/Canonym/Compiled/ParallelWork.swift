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
