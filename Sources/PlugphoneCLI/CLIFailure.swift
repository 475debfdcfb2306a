import Foundation

/// An error that ends a command: one sentence on stderr and an exit code of docs/reference.md §1.
public struct CLIFailure: Error, Sendable {
    public enum Code: Int32, Sendable {
        case checkFailed = 1
        case usage = 2
        case storage = 3
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    func report() -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(code.rawValue)
    }
}
