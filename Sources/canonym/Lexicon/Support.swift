import ArgumentParser
import Canonym
import Foundation

/// Comma-separated, repeatable option values: `--country UA,RU --country BY`.
enum ListArgument {
    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Pack directory arguments; none means the bundled default lexicon.
enum PackArguments {
    static func directories(_ given: [String]) throws -> [String] {
        if !given.isEmpty { return given }
        do {
            return try Lexicon.bundledPackDirectories()
        } catch {
            StandardError.write("canonym: \(error)\n")
            throw ExitCode.failure
        }
    }
}

/// Numbers for people: `164,105`.
enum Count {
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }
}

/// A JSON document from Foundation values, keys sorted, with a final newline.
enum JSONDocument {
    static func text(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// Runs library code, printing its error as `canonym: …` and exiting 1 when it throws.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        StandardError.write("canonym: \(error)\n")
        throw ExitCode.failure
    }
}
