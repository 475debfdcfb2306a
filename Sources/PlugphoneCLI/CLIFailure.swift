import ArgumentParser
import Foundation
import PlugphoneLocalization
import PlugphoneTerminal

/// An error that ends a command: one sentence on stderr and an exit code of docs/reference.md §1.
public struct CLIFailure: Error, Sendable {
    public enum Code: Int32, Sendable {
        case checkFailed = 1
        case usage = 2
        case storage = 3
        /// Standard output or standard error could not be written (a full disk, a closed descriptor or pipe).
        case output = 4
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The sentence on stderr (if stderr can still be written), then the exit code for `runMain`.
    func report() -> ExitCode {
        Console.writeErrorIgnoringFailure(message + "\n")
        return ExitCode(code.rawValue)
    }
}

extension LanguagePack {
    /// Runs `body`, which writes to standard output; a failed write becomes exit code 4 with one sentence on
    /// stderr that names, when given, what was already done (`done`: « RMA-000002 : … enregistré »), so that the
    /// person learns it happened even though its confirmation could not be printed.
    func output<T>(done: @autoclosure () -> String? = nil, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as StreamWriteError { throw outputFailure(error, done: done()) }
    }

    func outputFailure(_ error: StreamWriteError, done: String? = nil) -> CLIFailure {
        var sentence = messages.text(error.stream == .output ? "output.stdout_failed" : "output.stderr_failed", ["reason": error.reason])
        if let done { sentence += " " + messages.text("output.already_done", ["done": done]) }
        return CLIFailure(.output, sentence)
    }
}
