import Foundation
import Testing

/// Runs the built `plugphone` binary, as a user would, and captures what it prints.
struct PlugphoneProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var stderrLines: [Substring] { stderr.split(separator: "\n") }
    }

    /// The package root, three levels above this file.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `PLUGPHONE_BINARY`, else the `plugphone` built next to this test bundle, else `.build/debug/plugphone`.
    static let binary: URL = {
        if let given = ProcessInfo.processInfo.environment["PLUGPHONE_BINARY"] { return URL(fileURLWithPath: given) }
        let candidates = [
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("plugphone"),
            packageRoot.appendingPathComponent(".build/debug/plugphone"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }()

    /// Runs `plugphone arguments…` with `stdin` and an environment reduced to what the test sets.
    static func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:], executable: URL = binary, prefix: [String] = []
    ) throws -> Outcome {
        let process = Process()
        if prefix.isEmpty {
            process.executableURL = executable
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: prefix[0])
            process.arguments = Array(prefix.dropFirst()) + [executable.path] + arguments
        }
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "PLUGPHONE_NOW": "2026-11-28T10:00:00Z"]
        // A home of its own, so no test ever touches the user's default database.
        env["HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("plugphone-e2e-home-\(UUID().uuidString)").path
        env.merge(environment) { _, new in new }
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        // A command may end before reading its input (a refused option): the write then fails, quietly.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
        try? input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let readErrors = Thread { errData = errors.fileHandleForReading.readDataToEndOfFile() }
        readErrors.start()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !readErrors.isFinished { Thread.sleep(forTimeInterval: 0.001) }
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary folder removed when the test ends.
final class Scratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("plugphone-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}
