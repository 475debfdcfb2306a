@preconcurrency import CReadline
import Foundation
import Synchronization

/// What reading a line gave.
public enum LineInput: Sendable, Equatable {
    case line(String)
    /// Ctrl-D on an empty line, or the end of standard input.
    case endOfInput
}

/// The line editor of `plugphone chat`: GNU readline on a terminal, plain `readLine()` otherwise.
///
/// Every readline global and C callback lives in this file. readline is one per process, so there is one
/// live `LineEditor` at a time; the state its C callbacks read (completion candidates, a pending Ctrl-C)
/// sits in `ReadlineGlobals`, guarded.
///
/// Keys: Tab completes (see `Completer`); Ctrl-R is readline's reverse search; Ctrl-C clears the line and
/// the session goes on; Ctrl-D on an empty line ends the input. A Ctrl-C that arrives while the caller is
/// working (a store write, say) is only noted: nothing is interrupted half-way. SIGTERM and SIGHUP end the
/// input at the next prompt, once the work in progress is done, with the terminal restored.
public final class LineEditor {
    public struct Options: Sendable {
        /// The history file, or nil to keep none (agent mode: callers' data stays off the disk).
        public var historyFile: String?
        /// How many lines the history keeps, in memory and in the file.
        public var historyLimit: Int
        public var candidates: CompletionCandidates

        public init(historyFile: String?, historyLimit: Int = 500, candidates: CompletionCandidates = CompletionCandidates()) {
            self.historyFile = historyFile
            self.historyLimit = historyLimit
            self.candidates = candidates
        }
    }

    /// True when readline drives the terminal; false on the plain `readLine()` path.
    public let isInteractive: Bool
    private let options: Options
    private var lastHistoryEntry: String?
    private var closed = false

    /// Readline when standard input is a terminal, plain lines otherwise.
    public convenience init(options: Options) {
        self.init(interactive: isatty(STDIN_FILENO) == 1, options: options)
    }

    public init(interactive: Bool, options: Options) {
        self.isInteractive = interactive
        self.options = options
        guard interactive else { return }
        ReadlineGlobals.setUp(options: options)
    }

    deinit { close() }

    /// Reads one line. On a terminal, shows `prompt` (which may hold colours wrapped for readline, see
    /// `TerminalStyle.prompt`); otherwise shows nothing, so piped output holds only the replies.
    /// The line comes back without its trailing spaces (completion leaves one).
    public func read(prompt: String) -> LineInput {
        guard isInteractive else {
            guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
            return .line(line)
        }
        guard let line = ReadlineGlobals.readLine(prompt: prompt) else { return .endOfInput }
        var trimmed = Substring(line)
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        remember(String(trimmed))
        return .line(String(trimmed))
    }

    /// New completion candidates (the language changed, the account's lines changed).
    public func updateCandidates(_ candidates: CompletionCandidates) {
        ReadlineGlobals.candidates.withLock { $0 = candidates }
    }

    /// Writes `text` to standard output now, through the same stream readline uses.
    public func write(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    /// Trims the history file to its bound and gives the terminal back. Called by `deinit` too.
    public func close() {
        guard isInteractive, !closed else { return }
        closed = true
        if let file = options.historyFile { _ = history_truncate_file(file, Int32(options.historyLimit)) }
        ReadlineGlobals.tearDown()
    }

    private func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty, line != lastHistoryEntry else { return }
        lastHistoryEntry = line
        add_history(line)
        guard let file = options.historyFile else { return }
        // Appended at once, so a killed session keeps what was typed before it died.
        _ = append_history(1, file)
    }
}

/// readline's process-wide state, and the C callbacks that read it.
enum ReadlineGlobals {
    /// What Tab completes; read by the key binding.
    static let candidates = Mutex(CompletionCandidates())
    /// Set by the SIGINT handler (async-signal-safe: an atomic store); read outside it.
    static let interruptPending = Atomic<Bool>(false)
    /// Set by SIGTERM or SIGHUP: the session ends at the next prompt, as with Ctrl-D, after any write in
    /// progress, and readline gives the terminal back in its normal state.
    static let terminationPending = Atomic<Bool>(false)
    /// True while `readline()` waits for keys: only then does Ctrl-C touch the line.
    static let reading = Atomic<Bool>(false)

    /// The byte the custom getc gives readline for a Ctrl-C, bound to `clearLine`.
    static let interruptKey: Int32 = 3

    static func setUp(options: LineEditor.Options) {
        candidates.withLock { $0 = options.candidates }
        // Multibyte input (é, «, U+202F) needs a UTF-8 LC_CTYPE; Swift never calls setlocale itself.
        if setlocale(LC_CTYPE, "") == nil || !currentLocaleIsUTF8() { _ = setlocale(LC_CTYPE, "C.UTF-8") }
        rl_readline_name = UnsafePointer(strdup("plugphone"))
        // Eight-bit input and output, no meta conversion: accented letters are characters, not Meta keys.
        _ = rl_variable_bind("input-meta", "on")
        _ = rl_variable_bind("output-meta", "on")
        _ = rl_variable_bind("convert-meta", "off")
        // Signals are ours: readline would otherwise re-raise SIGINT after cleaning up, which ends the process.
        rl_catch_signals = 0
        rl_getc_function = getCharacter
        _ = rl_bind_key(9, complete)
        _ = rl_bind_key(interruptKey, clearLine)
        using_history()
        stifle_history(Int32(options.historyLimit))
        if let file = options.historyFile { prepareHistoryFile(file) }
        installInterruptHandler(restartingCalls: true)
    }

    static func tearDown() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        for signal in [SIGINT, SIGTERM, SIGHUP] { _ = sigaction(signal, &action, nil) }
        clear_history()
    }

    static func readLine(prompt: String) -> String? {
        _ = interruptPending.exchange(false, ordering: .relaxed)
        if terminationPending.load(ordering: .relaxed) { return nil }
        // While waiting for keys, read() must return EINTR on Ctrl-C so the line can be cleared at once.
        installInterruptHandler(restartingCalls: false)
        reading.store(true, ordering: .relaxed)
        defer {
            reading.store(false, ordering: .relaxed)
            // While the caller works, system calls restart: a Ctrl-C is noted, nothing is cut short.
            installInterruptHandler(restartingCalls: true)
        }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    // MARK: History

    /// Creates the state folder (0700) and the history file (0600: it holds what the customer typed), then
    /// loads it.
    private static func prepareHistoryFile(_ file: String) {
        let folder = (file as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: file) {
            let descriptor = open(file, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            if descriptor >= 0 { Glibc.close(descriptor) }
        }
        _ = read_history(file)
    }

    // MARK: Signals

    private static func installInterruptHandler(restartingCalls: Bool) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = onInterrupt
        sigemptyset(&action.sa_mask)
        action.sa_flags = restartingCalls ? SA_RESTART : 0
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            _ = sigaction(signal, &action, nil)
            sigaddset(&handled, signal)
        }
        // A parent may have left these blocked (some launchers and test runners do): they must still arrive.
        _ = pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    private static let onInterrupt: @convention(c) (Int32) -> Void = { signal in
        if signal == SIGINT {
            ReadlineGlobals.interruptPending.store(true, ordering: .relaxed)
        } else {
            ReadlineGlobals.terminationPending.store(true, ordering: .relaxed)
        }
    }

    // MARK: C callbacks

    /// readline's input: one byte from the terminal. A Ctrl-C during the wait becomes `interruptKey`, so the
    /// line is cleared by a key binding, in readline's own context rather than inside a signal handler.
    private static let getCharacter: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { stream in
        let descriptor = stream.map { fileno($0) } ?? STDIN_FILENO
        var byte: UInt8 = 0
        while true {
            if ReadlineGlobals.terminationPending.load(ordering: .relaxed) { return EOF }
            if ReadlineGlobals.interruptPending.exchange(false, ordering: .relaxed) { return ReadlineGlobals.interruptKey }
            let count = Glibc.read(descriptor, &byte, 1)
            if count == 1 { return Int32(byte) }
            if count == 0 { return EOF }
            guard errno == EINTR else { return EOF }
            // Another signal (a resize): let readline handle it, then wait again.
            rl_check_signals()
        }
    }

    /// Ctrl-C: shows `^C`, abandons the line (an incremental search included) and starts a fresh one.
    private static let clearLine: @convention(c) (Int32, Int32) -> Int32 = { _, _ in
        rl_point = rl_end
        rl_redisplay()
        fputs("^C", rl_outstream)
        _ = rl_crlf()
        rl_replace_line("", 1)
        rl_point = 0
        rl_mark = 0
        _ = rl_on_new_line()
        return 0
    }

    /// Tab: asks `Completer` what to do with the text before the cursor, then edits the buffer or lists
    /// the choices below the line.
    private static let complete: @convention(c) (Int32, Int32) -> Int32 = { _, _ in
        guard let buffer = rl_line_buffer else { return 0 }
        let point = Int(rl_point)
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: point)
        let before = String(decoding: bytes, as: UTF8.self)
        let candidates = ReadlineGlobals.candidates.withLock { $0 }
        guard let completion = Completer.complete(before, candidates: candidates) else {
            _ = rl_ding()
            return 0
        }
        if let replacement = completion.replacement {
            let start = Int32(point - completion.fragment.utf8.count)
            _ = rl_delete_text(start, Int32(point))
            rl_point = start
            _ = rl_insert_text(replacement)
            return 0
        }
        showChoices(completion.choices)
        return 0
    }

    /// Lists the choices in readline's columns, then redraws the prompt and the line.
    private static func showChoices(_ choices: [String]) {
        // readline wants a NULL-terminated array whose first entry is the common part.
        var entries: [UnsafeMutablePointer<CChar>?] = [strdup("")]
        entries += choices.map { strdup($0) }
        entries.append(nil)
        let widest = choices.map(\.count).max() ?? 0
        entries.withUnsafeMutableBufferPointer { pointer in
            rl_display_match_list(pointer.baseAddress, Int32(choices.count), Int32(widest))
        }
        for entry in entries { free(entry) }
        _ = rl_forced_update_display()
    }

    private static func currentLocaleIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
