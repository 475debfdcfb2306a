import ArgumentParser
import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneTerminal
import PlugphoneUnderstanding

/// `plugphone chat`: the conversation, one user turn per line of standard input.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Order, exchange or return a plug&phone by talking with the assistant."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The customer account.")
    var account: String = DemoData.defaultAccount.rawValue

    @Flag(help: "Guidance for a call-centre agent: asks for the caller's account, then phrases each step for the agent (on a terminal; with --record, records an agent transcript).")
    var agent = false

    @Option(name: .customLong("agent-id"), help: "Agent mode: the agent's id on what they record and claim (default: the login name).")
    var agentID: String?

    @Flag(help: "One JSON object per turn: user text, intent, slots, dialogue state, reply, request written.")
    var json = false

    @Option(help: ArgumentHelp("Save the session as a transcript (it then runs on a fresh in-memory demo database, as replays do).", valueName: "file"))
    var record: String?

    @Flag(help: "Keep no conversation log of this session (also PLUGPHONE_LOG=off); see plugphone report.")
    var noLog = false

    func run() throws {
        let locales = try global.localesSource()
        let packs = try global.languagePacks()
        guard let pack = packs[global.lang] else { throw CLIFailure(.usage, "--lang") }
        // Refused before the session rather than after it: a device, a link, a folder is never replaced.
        if let record { try RecordFile.check(record, pack: pack) }
        // On a terminal: the readline front end (prompt, history, completion, slash commands, resume, agent mode).
        if isatty(STDIN_FILENO) == 1, !json, record == nil {
            let store = try global.openStore(pack: pack)
            let id = AccountID(account)
            if !agent, try pack.storage({ try store.account(id) }) == nil { throw pack.failure(for: .unknownAccount(id)) }
            return try TerminalChat(TerminalChat.Setup(
                store: store, packs: packs, fallback: pack, language: global.lang, account: id, agent: agent,
                agentID: agentID, locales: locales, environment: ProcessInfo.processInfo.environment, logging: !noLog && SessionLogger.isEnabled()
            )).run()
        }
        // Recording an agent session writes an `audience: agent` transcript: the replies phrased for the agent, as replay drives them.
        let audience: Audience = agent && record != nil ? .agent : .customer
        if agent, audience != .agent {
            try pack.output { try Console.write(pack.messages.text("conv.cli.agent_not_yet") + "\n", to: .error) }
        }

        // A recorded session runs where its replay will: a fresh demo database, at a clock fixed for the session.
        let startedAt = Clock.now()
        let store = try record == nil ? global.openStore(pack: pack) : pack.storage { try Store.inMemory(demo: true, now: startedAt) }
        let id = AccountID(account)
        guard try pack.storage({ try store.account(id) }) != nil else { throw pack.failure(for: .unknownAccount(id)) }
        // A damaged row is named on stderr; the conversation goes on with the rest of the account.
        _ = try global.reportUnreadableRows(store, account: id, pack: pack)
        // Trained in the background: the greeting waits only for its data to be read and checked (bad locale data
        // stops the command before anything is said), and an empty input never waits for the training.
        let understanding = InterpreterLoader(locales: locales, catalog: try pack.storage { try store.catalog() })
        try understanding.checked()
        let clock: () -> Date = record == nil ? { Clock.now() } : { startedAt }
        let runtime = try pack.storage {
            try ConversationRuntime(
                store: store, account: id, language: global.lang, packs: packs, clock: clock, interpret: understanding.interpret, audience: audience
            )
        }

        // What an agent records is signed with the agent's id.
        if agent { runtime.actor = Actor(name: AgentIdentity.name(agentID), channel: .agent) }
        // A recorded session is a test being written, not a conversation: it is not logged.
        if record == nil, !noLog, SessionLogger.isEnabled() { runtime.log = SessionLogger(store: store, channel: "customer") }
        defer { runtime.close() }
        let interactive = isatty(STDIN_FILENO) != 0 && !json
        let greeting = try pack.storage { try runtime.start() }
        // Requests written in this session: named on stderr if a reply confirming one could not be shown.
        var written: [Request] = []
        do {
            try show(greeting)
            var turns: [Transcript.Turn] = []
            // A turn is at most `maxTurnBytes`: a longer line is never held whole, nor understood.
            var input = LineReader(fileDescriptor: STDIN_FILENO, maxLineBytes: Self.maxTurnBytes)
            while !runtime.hasEnded {
                if interactive { try Console.write("> ", to: .output) }
                guard let line = input.nextLine() else { break }
                if line.overflowed {
                    try show(runtime.tooLong(line.text, reply: pack.messages.text("conv.cli.turn_too_long", ["max": String(Self.maxTurnBytes)])))
                    continue
                }
                let said = line.text.trimmingCharacters(in: .whitespaces)
                if said.isEmpty { continue }
                _ = try understanding.ready()
                let turn = try pack.storage { try runtime.hear(said) }
                written += turn.committed + turn.changed
                try show(turn)
                turns.append(Transcript.Turn(user: said, bot: turn.text, written: (turn.committed + turn.changed).map(WrittenRequest.init)))
            }
            if let record {
                let transcript = Transcript(
                    account: id, language: global.lang, now: startedAt, audience: audience, greeting: greeting.text, turns: turns
                )
                try RecordFile.write(transcript.text, to: record, pack: pack)
            }
        } catch let error as StreamWriteError {
            // The session stops at once (nobody sees the replies); what it recorded is named on stderr.
            let done = written.isEmpty ? nil : written.map { pack.messages.text("conv.cli.written", ["reference": $0.reference.rawValue]) }.joined(separator: " ")
            throw pack.outputFailure(error, done: done)
        }
    }

    /// The longest turn read: 4 KiB, far beyond anything a person writes in one line.
    static let maxTurnBytes = 4096

    private func show(_ turn: ConversationRuntime.Turn) throws {
        try Console.write((json ? turn.json.serialized() : turn.text) + "\n", to: .output)
    }
}

/// A file the program writes for the user (the transcript of `chat --record`, `replay --junit` and `--update`, the
/// pages of `report`): only ever a regular file, written whole. `notRegular` and `cannotWrite` are the message keys
/// of the two refusals, each with a `{path}`.
enum RecordFile {
    /// A path that exists must be a regular file (not a symbolic link, a device, a pipe or a folder).
    /// Nor is a database ever overwritten (a file starting with SQLite's header, or the very file of `database`,
    /// whatever the spelling of its path), nor a read-only file replaced.
    static func check(_ path: String, pack: LanguagePack, notRegular: String = "conv.cli.record_not_regular", database: String? = nil) throws {
        if path.isEmpty { throw CLIFailure(.usage, pack.messages.text(notRegular, ["path": path])) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) != S_IFREG {
            throw CLIFailure(.usage, pack.messages.text(notRegular, ["path": path]))
        }
        var open = stat()
        if let database, stat(database, &open) == 0, open.st_dev == info.st_dev, open.st_ino == info.st_ino {
            throw CLIFailure(.usage, pack.messages.text("written_file.is_database", ["path": path]))
        }
        if isSQLite(path) { throw CLIFailure(.usage, pack.messages.text("written_file.is_database", ["path": path])) }
        // `access` alone says yes to root: a file without any write permission is read-only for everyone here.
        if access(path, W_OK) != 0 || (info.st_mode & 0o222) == 0 {
            throw CLIFailure(.usage, pack.messages.text("written_file.read_only", ["path": path]))
        }
    }

    /// Whether the file starts with the 16 bytes of SQLite's header, "SQLite format 3\0".
    static func isSQLite(_ path: String) -> Bool {
        let descriptor = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = header.withUnsafeMutableBytes { buffer in buffer.baseAddress.map { Glibc.read(descriptor, $0, 16) } ?? -1 }
        return count == 16 && header == Array("SQLite format 3".utf8) + [0]
    }

    /// Writes beside the target, then renames over it, after checking again that the target is a regular file or
    /// absent: a device node or a symbolic link is never replaced.
    static func write(
        _ text: String, to path: String, pack: LanguagePack,
        notRegular: String = "conv.cli.record_not_regular", cannotWrite: String = "conv.cli.cannot_record", database: String? = nil
    ) throws {
        try check(path, pack: pack, notRegular: notRegular, database: database)
        let temporary = path + ".\(getpid()).tmp"
        let created = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
        guard created >= 0 else { throw CLIFailure(.usage, pack.messages.text(cannotWrite, ["path": path])) }
        let bytes = Array(text.utf8)
        var offset = 0
        var failed = false
        bytes.withUnsafeBytes { buffer in
            while offset < buffer.count, let base = buffer.baseAddress {
                let count = Glibc.write(created, base + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { failed = true; return }
                offset += count
            }
        }
        if fsync(created) != 0 { failed = true }
        close(created)
        do { try check(path, pack: pack, notRegular: notRegular, database: database) } catch {
            unlink(temporary)
            throw error
        }
        guard !failed, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CLIFailure(.usage, pack.messages.text(cannotWrite, ["path": path]))
        }
    }
}

extension ConversationRuntime.Turn {
    /// One line of `chat --json`.
    var json: JSONValue {
        let slots: JSONValue = interpretation?.slotsJSON ?? .null
        return .object([
            ("user", .string(user)),
            ("lang", .string(language.rawValue)),
            ("intent", .string(interpretation?.intent.rawValue)),
            ("confidence", interpretation.map { .number(Interpretation.twoDecimals($0.confidence)) } ?? .null),
            ("best_guess", .string(interpretation?.bestGuess?.rawValue)),
            ("slots", slots),
            ("state", .string(state)),
            ("reply", .string(text)),
            ("request", committed.last?.json ?? .null),
            ("handoff", handOff.map { h in
                .object([
                    ("account", .string(h.account.rawValue)), ("reason", .string(h.reason.rawValue)), ("step", .string(h.step)),
                    ("kind", .string(h.form?.kind.rawValue)), ("line", .string(h.form?.line?.rawValue)),
                    ("new_model", .string(h.form?.model?.rawValue)), ("shipping_mode", .string(h.form?.mode?.rawValue)),
                    // Added: the number of the case opened in the hand-off queue.
                    ("case", handOffCase.map { .int($0.number) } ?? .null),
                    // Additions: the recorded request the customer wanted to act on, and what they wanted.
                    ("request_reference", .string(h.request?.rawValue)), ("wanted", .string(h.wanted?.rawValue)),
                ])
            } ?? .null),
            ("ended", .bool(ended)),
            // Additions: the act of the turn, and an existing request it cancelled or changed.
            ("act", .string(interpretation?.act?.rawValue)),
            ("changed_request", changed.last?.json ?? .null),
        ])
    }
}
