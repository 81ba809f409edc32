import Foundation
import XCTest

/// Runs the built `canonym` binary and captures what it writes.
struct CLIResult {
    var stdout: Data
    var stderr: String
    var status: Int32
    var output: String { String(decoding: stdout, as: UTF8.self) }
}

enum CLI {
    static var binary: URL {
        Bundle.main.bundleURL.appendingPathComponent("canonym")
    }

    /// Runs `canonym args…` with `input` on stdin.
    static func run(_ args: [String], input: Data = Data(), environment: [String: String]? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        if let environment { process.environment = environment }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errData = ErrorCollector(stderr.fileHandleForReading)
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(stdout: out, stderr: errData.text, status: process.terminationStatus)
    }

    static func run(_ args: [String], input: String) throws -> CLIResult {
        try run(args, input: Data(input.utf8))
    }
}

/// Drains a pipe on a background thread so a chatty stderr cannot block the child.
final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }
    var text: String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
