import ArgumentParser
import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
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
        if agent, audience != .agent { FileHandle.standardError.write(Data((pack.messages.text("conv.cli.agent_not_yet") + "\n").utf8)) }

        // A recorded session runs where its replay will: a fresh demo database, at a clock fixed for the session.
        let startedAt = Clock.now()
        let store = try record == nil ? global.openStore(pack: pack) : pack.storage { try Store.inMemory(demo: true, now: startedAt) }
        let id = AccountID(account)
        guard try pack.storage({ try store.account(id) }) != nil else { throw pack.failure(for: .unknownAccount(id)) }
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
        show(greeting)
        var turns: [Transcript.Turn] = []
        while !runtime.hasEnded {
            if interactive { write("> ", newline: false) }
            guard let line = readLine(strippingNewline: true) else { break }
            let said = line.trimmingCharacters(in: .whitespaces)
            if said.isEmpty { continue }
            _ = try understanding.ready()
            let turn = try pack.storage { try runtime.hear(said) }
            show(turn)
            turns.append(Transcript.Turn(user: said, bot: turn.text, written: (turn.committed + turn.changed).map(WrittenRequest.init)))
        }

        if let record {
            let transcript = Transcript(account: id, language: global.lang, now: startedAt, audience: audience, greeting: greeting.text, turns: turns)
            do { try transcript.text.write(toFile: record, atomically: true, encoding: .utf8) } catch {
                throw CLIFailure(.usage, pack.messages.text("conv.cli.cannot_record", ["path": record]))
            }
        }
    }

    private func show(_ turn: ConversationRuntime.Turn) {
        write(json ? turn.json.serialized() : turn.text)
    }

    private func write(_ text: String, newline: Bool = true) {
        FileHandle.standardOutput.write(Data((newline ? text + "\n" : text).utf8))
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
                ])
            } ?? .null),
            ("ended", .bool(ended)),
            // Additions: the act of the turn, and an existing request it cancelled or changed.
            ("act", .string(interpretation?.act?.rawValue)),
            ("changed_request", changed.last?.json ?? .null),
        ])
    }
}
