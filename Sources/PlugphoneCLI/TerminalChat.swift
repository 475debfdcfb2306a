import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneTerminal
import PlugphoneUnderstanding

/// `plugphone chat` on a terminal: the readline prompt around the conversation runtime, the slash
/// commands, colours and wrapping, resume after a stop, and agent mode for call-centre guidance.
///
/// The conversation itself is the same as on the plain path; this type only reads, shows and remembers.
final class TerminalChat {
    struct Setup {
        var store: Store
        var packs: [Language: LanguagePack]
        /// The pack of `language`, for when `packs` lacks one.
        var fallback: LanguagePack
        var language: Language
        /// The account given with `--account`; agent mode asks for it instead.
        var account: AccountID
        var agent: Bool
        var locales: LocalesSource
        var environment: [String: String]
        /// Whether the session goes into the conversation log (`--no-log`, `PLUGPHONE_LOG=off`).
        var logging = true
    }

    private let setup: Setup
    private let store: Store
    private let style: TerminalStyle
    private let editor: LineEditor
    private var language: Language
    private var account: AccountID
    private var runtime: ConversationRuntime?
    private var understanding: InterpreterLoader?
    private var debug = false
    private var audience: String { setup.agent ? "agent" : "customer" }

    init(_ setup: Setup) {
        self.setup = setup
        store = setup.store
        language = setup.language
        account = setup.account
        style = TerminalStyle.forStandardOutput(environment: setup.environment)
        // Agent mode keeps no history file: what the agent types is the caller's data.
        let history = setup.agent ? nil : TerminalPaths.historyFile(environment: setup.environment)
        editor = LineEditor(interactive: true, options: LineEditor.Options(historyFile: history))
    }

    private var pack: LanguagePack { setup.packs[language] ?? setup.fallback }
    private var messages: Messages { pack.messages }
    private var parser: SlashCommandParser { SlashCommandParser(messages: [messages]) }

    // MARK: Session

    func run() throws {
        defer { editor.close() }
        if setup.agent {
            say(messages.text("term.agent.welcome"))
            guard let chosen = try askAccount() else { return goodbye() }
            account = chosen
        }
        try startRuntime()
        guard try welcome() else { return goodbye() }
        while let runtime, !runtime.hasEnded {
            guard case .line(let line) = editor.read(prompt: style.prompt(prompt)) else { break }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.utf8.count > ChatCommand.maxTurnBytes {
                warn(messages.text("conv.cli.turn_too_long", ["max": String(ChatCommand.maxTurnBytes)]))
                continue
            }
            if let command = parser.parse(line) {
                if try !perform(command) { break }
                continue
            }
            try hear(line)
        }
        // When the conversation ended itself (a goodbye, a hand-off), it has already said its last word.
        if runtime?.hasEnded != true { goodbye() }
    }

    private var prompt: String { messages.text(setup.agent ? "term.agent.prompt" : "term.prompt") }

    private func goodbye() {
        editor.write(style.assistant(wrap(messages.text("term.goodbye"))) + "\n")
    }

    /// Agent mode: which caller? Asked until the account exists, or the agent leaves (nil).
    private func askAccount() throws -> AccountID? {
        say(messages.text("term.agent.ask_account"))
        while true {
            guard case .line(let typed) = editor.read(prompt: style.prompt(messages.text("term.agent.account_prompt"))) else { return nil }
            let id = AccountID(typed.trimmingCharacters(in: .whitespaces))
            if id.rawValue.isEmpty { continue }
            if case .quit? = parser.parse(typed) { return nil }
            if try pack.storage({ try store.account(id) }) != nil { return id }
            warn(messages.text("term.agent.account_unknown", ["account": TerminalSanitizer.clean(id.rawValue)]))
        }
    }

    private func startRuntime() throws {
        let catalog = try pack.storage { try store.catalog() }
        let understanding = self.understanding ?? InterpreterLoader(locales: setup.locales, catalog: catalog)
        try understanding.checked()
        self.understanding = understanding
        runtime = try pack.storage {
            try ConversationRuntime(
                store: store, account: account, language: language, packs: setup.packs, clock: { Clock.now() },
                interpret: understanding.interpret, audience: setup.agent ? .agent : .customer
            )
        }
        // What an agent records is signed with the agent's login name.
        if setup.agent { runtime?.actor = Actor(name: setup.environment["USER"] ?? setup.environment["LOGNAME"] ?? "agent", channel: .agent) }
        if setup.logging { runtime?.log = SessionLogger(store: store, channel: audience) }
        try refreshCandidates()
    }

    /// The welcome, then either the resumed request or the assistant's greeting. False when the person left
    /// at the resume question (the request stays saved for next time).
    private func welcome() throws -> Bool {
        guard let runtime else { return false }
        let holder = try pack.storage { try store.account(account) }?.holder ?? account.rawValue
        if setup.agent {
            // The caller's lines and phones, so the agent can check them with the caller.
            let snapshot = try pack.storage { try store.snapshot(for: account) }
            let lines = snapshot.lines.map { line in
                messages.text("term.agent.line_item", [
                    "line": pack.format.line(line.number),
                    "phone": line.phone.map { snapshot.catalog[$0]?.name ?? $0.rawValue } ?? messages.text("term.agent.no_phone"),
                ])
            }
            say(([messages.text("term.agent.account_found", ["account": account.rawValue, "holder": holder])] + lines).joined(separator: "\n"))
        } else {
            say(messages.text("term.welcome", ["holder": holder, "account": account.rawValue]))
        }
        var firstLine: String?
        if let saved = try pack.storage({ try store.chatSession(account: account, audience: audience) }) {
            switch try offerResume(saved) {
            case .resumed: return true
            case .leave: return false
            case .declined(let line):
                try pack.storage { try store.clearChatSession(account: account, audience: audience) }
                firstLine = line
            }
        }
        show(try pack.storage { try runtime.start() })
        // Answering the resume question with a new request starts that request.
        if let firstLine { try hear(firstLine) }
        return true
    }

    private enum ResumeAnswer {
        case resumed
        /// Not resumed; the answer, when it was something to hear rather than a no.
        case declined(String?)
        /// Ctrl-D or /quitter at the question.
        case leave
    }

    /// Offers to resume a request left half-way: restores the dialogue's state (never replays what was typed, which
    /// would replay a yes) and shows where it stopped, the summary again when it stopped there.
    private func offerResume(_ saved: ChatSession) throws -> ResumeAnswer {
        guard let understanding, let runtime else { return .declined(nil) }
        // A state this version cannot read is not resumed: starting afresh loses a draft, never writes one.
        guard let checkpoint = try? JSONDecoder().decode(Conversation.Checkpoint.self, from: Data(saved.state.utf8)),
              checkpoint.version == Conversation.Checkpoint.currentVersion else { return .declined(nil) }
        if let savedLanguage = Language(rawValue: saved.language) { switchLanguage(to: savedLanguage) }
        say(messages.text("term.resume.offer", ["when": pack.format.date(saved.updatedAt)]))
        guard case .line(let answer) = editor.read(prompt: style.prompt(prompt)) else { return .leave }
        if let command = parser.parse(answer) { return command == .quit ? .leave : .declined(nil) }
        let intent = try understanding.ready()(answer, language).intent
        guard intent == .affirm else {
            say(messages.text("term.resume.declined"))
            let isNo = intent == .deny || answer.trimmingCharacters(in: .whitespaces).isEmpty
            return .declined(isNo ? nil : answer)
        }
        let resumed = try pack.storage { try runtime.resume(checkpoint) }
        language = runtime.conversation.language
        try remember(after: resumed)
        say(messages.text("term.resume.resumed"))
        show(resumed)
        return .resumed
    }

    // MARK: Turns

    private func hear(_ line: String) throws {
        guard let runtime else { return }
        // The understanding loads while the person reads the welcome; its failure is reported here.
        _ = try understanding?.ready()
        let turn = try pack.storage { try runtime.hear(line) }
        // Saved before it is shown: once the person reads the question, a kill must not lose it.
        try remember(after: turn)
        show(turn)
    }

    /// Saves the request in progress after every turn, or forgets it once it is recorded, cancelled or done.
    private func remember(after turn: ConversationRuntime.Turn) throws {
        guard let runtime else { return }
        if !runtime.hasEnded, let checkpoint = runtime.conversation.checkpoint, let data = try? JSONEncoder().encode(checkpoint) {
            try pack.storage {
                try store.saveChatSession(ChatSession(
                    account: account, audience: audience, language: runtime.conversation.language.rawValue,
                    state: String(decoding: data, as: UTF8.self), updatedAt: Clock.now()
                ))
            }
        } else {
            try pack.storage { try store.clearChatSession(account: account, audience: audience) }
        }
        if turn.language != language {
            language = turn.language
            try refreshCandidates()
        }
    }

    /// The request being filled in, whatever the question on top of it.
    static func pendingForm(_ state: Conversation.State) -> Form? {
        guard case .asking(let question, _) = state else { return nil }
        return form(beneath: question)
    }

    /// The form of the question beneath an offer ("did you mean…?", "shall I pass you to an agent?").
    private static func form(beneath question: Question) -> Form? {
        switch question {
        case .guess(_, _, let then), .human(let then): form(beneath: then)
        default: question.form
        }
    }

    private func show(_ turn: ConversationRuntime.Turn) {
        let warning = turn.replies.contains { $0.key.hasPrefix("conv.refusal.") || $0.key.hasPrefix("conv.commit.refused") }
        let amounts = AmountMatcher(messages: setup.packs[turn.language]?.messages ?? messages)
        // The replies may quote what the person typed (an unknown model, say): no control sequence gets through.
        let text = TerminalSanitizer.clean(turn.text)
        editor.write((warning ? style.warning(wrap(text), amounts: amounts) : style.assistant(wrap(text), amounts: amounts)) + "\n")
        if setup.agent, let runtime, let form = Self.pendingForm(runtime.conversation.state) {
            let line = form.line.map { pack.format.line($0) } ?? messages.text("term.agent.manager_line")
            let action = messages.text("term.agent.action.\(form.kind.rawValue)")
            editor.write(style.muted(wrap(TerminalSanitizer.clean(messages.text("term.agent.manager_path", ["line": line, "action": action])))) + "\n")
        }
        if debug, let interpretation = turn.interpretation, !interpretation.text.isEmpty {
            editor.write(style.muted(wrap(TerminalSanitizer.clean(debugLine(interpretation)))) + "\n")
        }
    }

    private func debugLine(_ interpretation: Interpretation) -> String {
        let slots = interpretation.slotSummary
        return messages.text("term.debug.line", [
            "intent": interpretation.intent.rawValue,
            "confidence": String(format: "%.2f", interpretation.confidence),
            "slots": slots.isEmpty ? messages.text("term.debug.no_slots") : slots,
        ])
    }

    // MARK: Slash commands

    /// Performs a slash command; false when the session should end.
    private func perform(_ command: SlashCommand) throws -> Bool {
        guard let runtime else { return false }
        switch command {
        case .quit:
            return false
        case .help:
            showHelp()
        case .language(let chosen?, _):
            switchLanguage(to: chosen)
            runtime.use(chosen)
            try refreshCandidates()
            say(messages.text("term.slash.language_set"))
        case .language(nil, _):
            warn(messages.text("term.slash.language_usage"))
        case .cancel:
            let turn = try pack.storage { try runtime.hear(meaning: .cancel) }
            try remember(after: turn)
            show(turn)
        case .requests:
            show(try pack.storage { try runtime.hear(meaning: .requestStatus) })
        case .restart:
            try pack.storage { try store.clearChatSession(account: account, audience: audience) }
            say(messages.text("term.slash.restarted"))
            try startRuntime()
            if let fresh = self.runtime { show(try pack.storage { try fresh.start() }) }
        case .debug:
            debug.toggle()
            say(messages.text(debug ? "term.slash.debug_on" : "term.slash.debug_off"))
        case .backOffice(let event, let reference):
            guard setup.agent else { return try unknown(command) }
            try record(event: event, reference: reference)
        case .unknown:
            return try unknown(command)
        }
        return true
    }

    private func unknown(_ command: SlashCommand) throws -> Bool {
        var word = ""
        if case .unknown(let typed) = command { word = typed }
        if case .backOffice(let event, _) = command { word = parser.displayNames[SlashCommand.Name(rawValue: event) ?? .help] ?? event }
        warn(messages.text("term.slash.unknown", ["command": TerminalSanitizer.clean(word)]))
        return true
    }

    private func showHelp() {
        var lines = [messages.text("term.help.title")]
        for name in parser.names(agent: setup.agent) {
            let key = "term.commands.\(name.rawValue)"
            lines.append(messages.text("term.help.item", [
                "command": "/" + (parser.displayNames[name] ?? name.rawValue),
                "usage": messages.has(key + ".usage") ? messages.text(key + ".usage") : "",
                "summary": messages.text(key + ".summary"),
            ]))
        }
        lines.append(messages.text("term.help.keys"))
        lines.append(messages.text("term.help.example"))
        say(lines.joined(separator: "\n"))
    }

    /// Agent mode: the back office saw a phone arrive or leave.
    private func record(event name: String, reference typed: String) throws {
        guard let event = RequestEvent(rawValue: name) else { return }
        let command = parser.displayNames[SlashCommand.Name(rawValue: name) ?? .help] ?? name
        guard let reference = RequestReference(parsing: typed) else {
            if typed.isEmpty { return warn(messages.text("term.agent.event_usage", ["command": command])) }
            return warn(messages.text("advance.bad_reference", ["reference": TerminalSanitizer.clean(typed)]))
        }
        do {
            // Only this caller's requests: an agent on the phone with one customer acts for that customer.
            guard try store.request(reference)?.account == account else {
                return warn(messages.text("advance.unknown_request", ["reference": reference.rawValue]))
            }
            let updated = try store.apply(event, to: reference, at: Clock.now())
            say(messages.text("advance.applied", [
                "reference": updated.reference.rawValue, "event": messages.text("event.\(event.rawValue)"),
                "status": messages.text("status.\(updated.status.rawValue)"),
            ]))
        } catch .rule(.illegalTransition(let illegal)) {
            let current = try pack.storage { try store.request(reference) }
            let possible = current.map { Lifecycle.possibleEvents(for: $0).map(\.rawValue) } ?? []
            warn(messages.text("advance.illegal", [
                "reference": illegal.reference.rawValue, "kind": messages.text("request_kind.\(illegal.kind.rawValue)"),
                "status": messages.text("status.\(illegal.status.rawValue)"), "event": illegal.event.rawValue,
                "possible": possible.isEmpty ? messages.text("advance.nothing_possible") : possible.joined(separator: ", "),
            ]))
        } catch {
            throw pack.failure(for: error)
        }
    }

    // MARK: Output

    private func switchLanguage(to chosen: Language) {
        language = chosen
        runtime?.use(chosen)
    }

    private func refreshCandidates() throws {
        let snapshot = try pack.storage { try store.snapshot(for: account) }
        editor.updateCandidates(CompletionCandidates(
            parser: parser, agent: setup.agent,
            models: snapshot.catalog.models.map(\.name),
            lines: snapshot.lines.map { pack.format.line($0.number) }
        ))
    }

    private func wrap(_ text: String) -> String { TextWrapper.wrap(text, width: TerminalSize.columns(environment: setup.environment)) }

    // Every text shown goes through the sanitizer before it is styled: account and holder names, model names and
    // paths come from arguments and the database, and must not drive the terminal.
    private func say(_ text: String) { editor.write(style.assistant(wrap(TerminalSanitizer.clean(text))) + "\n") }

    private func warn(_ text: String) { editor.write(style.warning(wrap(TerminalSanitizer.clean(text))) + "\n") }
}
