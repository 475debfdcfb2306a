import Foundation
import Testing

/// The real `plugphone` in a pseudo-terminal: a tmux server of its own (`-L`), a home, state folder and
/// demo database of its own, keys sent with `send-keys`, the screen read with `capture-pane`.
/// Waits poll the screen until the text shows up, with a deadline, never a fixed sleep.
final class TerminalHarness {
    let scratch: Scratch
    /// The tmux server of the current launch; each launch gets its own, so a closing one is never raced.
    private(set) var socket: String
    private let socketPrefix: String
    let database: String
    var home: String { scratch.path("home") }
    var stateHome: String { scratch.path("state") }
    var historyFile: String { stateHome + "/plugphone/history" }
    private var sessions = 0
    private var statusFile = ""

    /// tmux is what a person's terminal is here; CI installs it (`.ci/run`).
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || which("tmux") != nil }

    init() throws {
        scratch = try Scratch()
        socketPrefix = "plugphone-e2e-\(UUID().uuidString.prefix(8))"
        socket = socketPrefix + "-0"
        database = scratch.path("plugphone.sqlite")
        try FileManager.default.createDirectory(atPath: scratch.path("home"), withIntermediateDirectories: true)
        let created = try PlugphoneProcess.run(["init", "--demo", "--db", database])
        #expect(created.status == 0, "init --demo: \(created.stderr)")
    }

    deinit {
        for launch in 0...sessions { Self.stop(socket: "\(socketPrefix)-\(launch)") }
    }

    /// Ends a launch: the program first (it may have inherited blocked signals, so SIGKILL), then its server.
    private static func stop(socket: String) {
        if let pid = try? tmux(["-L", socket, "display-message", "-t", "main", "-p", "#{pane_pid}"]) {
            let shell = pid.trimmingCharacters(in: .whitespacesAndNewlines)
            let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
            for child in children.split(separator: " ").compactMap({ Int32($0) }) { kill(child, SIGKILL) }
            if let number = Int32(shell) { kill(number, SIGKILL) }
        }
        _ = try? tmux(["-L", socket, "kill-server"])
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
        // The shell stays as the pane's process and writes the exit status down: tmux may mark a pane dead
        // before it has reaped its process, and then never tells the status.
        let statusFile = scratch.path("status-\(sessions)")
        let command = (["env", "-i"] + assignments + [Self.quote(PlugphoneProcess.binary.path)] + arguments.map(Self.quote))
            .joined(separator: " ") + "; echo $? > " + Self.quote(statusFile)
        self.statusFile = statusFile
        Self.stop(socket: socket)
        socket = "\(socketPrefix)-\(sessions)"
        // The server this starts outlives the call: it must not hold our pipes, or reading them never ends.
        try Self.tmux(["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), command,
                       ";", "set-option", "-t", "main", "remain-on-exit", "on"], capture: false)
    }

    /// Types text as is (accents included).
    func type(_ text: String) throws { try Self.tmux(["-L", socket, "send-keys", "-t", "main", "-l", text]) }

    /// Presses keys by tmux name: `Enter`, `Tab`, `C-c`, `C-d`, `C-r`, `Up`.
    func press(_ keys: String...) throws { try Self.tmux(["-L", socket, "send-keys", "-t", "main"] + keys) }

    /// Ctrl-C, then waits for the fresh empty prompt. (The terminal drops keys typed before the interrupt
    /// is handled, as it does for a person: so the next keys wait for the prompt.)
    func interrupt(prompt: String) throws {
        try press("C-c")
        try waitUntil("a fresh empty prompt after Ctrl-C") { screen in
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return lines.last == prompt && lines.dropLast().last?.hasSuffix("^C") == true
        }
    }

    /// Types a line and presses Enter.
    func say(_ text: String) throws {
        try type(text)
        try press("Enter")
    }

    /// The whole screen and its scrollback, lines joined when the terminal wrapped them.
    func screen() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-t", "main", "-p", "-J", "-S", "-"])
    }

    /// The visible screen row by row, as the terminal laid it out (lines it wrapped itself stay split).
    func rows() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-t", "main", "-p"])
    }

    /// The visible screen with the lines the terminal wrapped itself joined back (`capture-pane -J`).
    func joinedRows() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-t", "main", "-p", "-J"])
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

    /// The exit status once the program has ended, or nil while it runs (128 + n when killed by signal n).
    func exitStatus() throws -> Int32? {
        guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
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
        try send(SIGKILL)
        #expect(try waitForExit() == 128 + SIGKILL)
    }

    /// Sends a signal to the program in the pane.
    func send(_ signal: Int32) throws {
        let shell = try Self.tmux(["-L", socket, "display-message", "-t", "main", "-p", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        guard let program = children.split(separator: " ").first.flatMap({ Int32($0) }) else { throw HarnessError.tmux("no program under pane \(shell)") }
        kill(program, signal)
    }

    enum HarnessError: Error { case timeout(String), tmux(String) }

    @discardableResult
    static func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        guard capture else {
            let status = try spawnAndWait(["tmux"] + arguments)
            guard status == 0 else { throw HarnessError.tmux("tmux \(arguments.joined(separator: " ")) failed: \(status)") }
            return ""
        }
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

    /// Starts a program that leaves a daemon behind (the tmux server) and waits for it, without Foundation's
    /// `Process`: on Linux it learns of the end through a descriptor the daemon would inherit, and so never would.
    /// The child gets a clean signal mask and default handlers, as in a person's shell (test runners block
    /// some signals, and every process started below would inherit that).
    private static func spawnAndWait(_ arguments: [String]) throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard spawned == 0 else { throw HarnessError.tmux("cannot start \(arguments[0]): \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return (status >> 8) & 0xFF
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
