import Foundation
import Testing

/// The real `plugphone` in a pseudo-terminal: a tmux server of its own (`-L`), a home, state folder and
/// demo database of its own, keys sent with `send-keys`, the screen read with `capture-pane`.
/// Waits poll the screen until the text shows up, with a deadline, never a fixed sleep.
final class TerminalHarness {
    let scratch: Scratch
    let socket: String
    let database: String
    var home: String { scratch.path("home") }
    var stateHome: String { scratch.path("state") }
    var historyFile: String { stateHome + "/plugphone/history" }
    private var sessions = 0

    /// tmux is what a person's terminal is here; CI installs it (`.ci/run`).
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || which("tmux") != nil }

    init() throws {
        scratch = try Scratch()
        socket = "plugphone-e2e-\(UUID().uuidString.prefix(8))"
        database = scratch.path("plugphone.sqlite")
        try FileManager.default.createDirectory(atPath: scratch.path("home"), withIntermediateDirectories: true)
        let created = try PlugphoneProcess.run(["init", "--demo", "--db", database])
        #expect(created.status == 0, "init --demo: \(created.stderr)")
    }

    deinit {
        _ = try? Self.tmux(["-L", socket, "kill-server"])
    }

    /// Starts `plugphone arguments…` in a fresh window of `width`×`height`; the pane stays after the
    /// program exits, so its last screen and exit status can be read.
    func launch(_ arguments: [String], environment: [String: String] = [:], width: Int = 100, height: Int = 40) throws {
        sessions += 1
        var env = [
            "HOME": home, "XDG_STATE_HOME": stateHome, "TERM": "xterm-256color", "LANG": "C.UTF-8",
            "PATH": "/usr/bin:/bin", "PLUGPHONE_NOW": "2026-11-28T10:00:00Z",
        ]
        env.merge(environment) { _, new in new }
        let assignments = env.sorted { $0.key < $1.key }.map { Self.quote("\($0.key)=\($0.value)") }
        let command = (["exec", "env", "-i"] + assignments + [Self.quote(PlugphoneProcess.binary.path)] + arguments.map(Self.quote))
            .joined(separator: " ")
        if sessions > 1 { _ = try? Self.tmux(["-L", socket, "kill-server"]) }
        try Self.tmux(["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), command,
                       ";", "set-option", "-t", "main", "remain-on-exit", "on"])
    }

    /// Types text as is (accents included).
    func type(_ text: String) throws { try Self.tmux(["-L", socket, "send-keys", "-t", "main", "-l", text]) }

    /// Presses keys by tmux name: `Enter`, `Tab`, `C-c`, `C-d`, `C-r`, `Up`.
    func press(_ keys: String...) throws { try Self.tmux(["-L", socket, "send-keys", "-t", "main"] + keys) }

    /// Types a line and presses Enter.
    func say(_ text: String) throws {
        try type(text)
        try press("Enter")
    }

    /// The whole screen and its scrollback, lines joined when the terminal wrapped them.
    func screen() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-t", "main", "-p", "-J", "-S", "-"])
    }

    /// The screen with its colours (`capture-pane -e`).
    func screenWithColours() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-t", "main", "-p", "-e"])
    }

    /// Waits until `condition` holds for the screen; fails the test with the last screen otherwise.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(what); screen:\n\(last)", sourceLocation: sourceLocation)
        throw HarnessError.timeout(what)
    }

    /// Waits until `text` shows `count` times (or more) on the screen.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitUntil("«\(text)» ×\(count)", timeout: timeout, sourceLocation: sourceLocation) { $0.components(separatedBy: text).count - 1 >= count }
    }

    /// The exit status once the program has ended, or nil while it runs.
    func exitStatus() throws -> Int32? {
        let fields = try Self.tmux(["-L", socket, "display-message", "-t", "main", "-p", "#{pane_dead} #{pane_dead_status}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard fields.first == "1", fields.count > 1 else { return nil }
        return Int32(fields[1])
    }

    /// Waits for the program to end and returns its exit status.
    func waitForExit(timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = try exitStatus() { return status }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("plugphone did not exit; screen:\n\(try screen())", sourceLocation: sourceLocation)
        throw HarnessError.timeout("exit")
    }

    /// `kill -9` of the program in the pane, as a crash or a closed terminal would.
    func killHard() throws {
        let pid = try Self.tmux(["-L", socket, "display-message", "-t", "main", "-p", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let number = Int32(pid) else { throw HarnessError.timeout("pane pid") }
        kill(number, SIGKILL)
        _ = try waitForExit()
    }

    enum HarnessError: Error { case timeout(String), tmux(String) }

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HarnessError.tmux("tmux \(arguments.joined(separator: " ")): \(String(decoding: errorData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Single-quotes for the shell tmux runs the command with.
    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
