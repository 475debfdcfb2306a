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
        /// `--agent-id`; the login name when nil.
        var agentID: String? = nil
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
    /// Agent mode: a back-office event typed, waiting for the agent's yes.
    private var pendingEvent: PendingEvent?
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
            guard try takeCaller() else { return goodbye() }
        } else {
            try startRuntime()
            guard try welcome() else { return goodbye() }
        }
        while let runtime, !runtime.hasEnded {
            guard case .line(let line) = editor.read(prompt: style.prompt(prompt)) else { break }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.utf8.count > ChatCommand.maxTurnBytes {
                warn(messages.text("conv.cli.turn_too_long", ["max": String(ChatCommand.maxTurnBytes)]))
                continue
            }
            if let pending = pendingEvent {
                pendingEvent = nil
                if try answer(pending, with: line) { continue }
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
        if setup.agent { runtime?.actor = Actor(name: agentName, channel: .agent) }
        if setup.logging { runtime?.log = SessionLogger(store: store, channel: audience) }
        try refreshCandidates()
    }

    /// The welcome, then either the resumed request or the assistant's greeting. False when the person left
    /// at the resume question (the request stays saved for next time).
    private func welcome() throws -> Bool {
        guard let runtime else { return false }
        let holder = try pack.storage { try store.account(account) }?.holder ?? account.rawValue
        if setup.agent {
            // The caller's lines, phones, unfinished requests and notes, so the agent can check them with the caller.
            say(try overview())
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
        case .next:
            guard setup.agent else { return try unknown(command) }
            try takeNextCase()
        case .account:
            guard setup.agent else { return try unknown(command) }
            return try takeCaller()
        case .history(let reference):
            guard setup.agent else { return try unknown(command) }
            try showHistory(reference)
        case .note(let text):
            guard setup.agent else { return try unknown(command) }
            try addNote(text)
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
                "summary": messages.text(agentPhrasing(key + ".summary")),
            ]))
        }
        lines.append(messages.text(agentPhrasing("term.help.keys")))
        lines.append(messages.text(agentPhrasing("term.help.example")))
        say(lines.joined(separator: "\n"))
    }

    /// Agent mode: the back office saw a phone arrive or leave, a refund paid, …: checked now, recorded after a yes.
    private func record(event name: String, reference typed: String) throws {
        guard let event = RequestEvent(rawValue: name) else { return }
        let command = parser.displayNames[SlashCommand.Name(rawValue: name) ?? .help] ?? name
        guard let reference = RequestReference(parsing: typed) else {
            if typed.isEmpty { return warn(messages.text("term.agent.event_usage", ["command": command])) }
            return warn(messages.text("advance.bad_reference", ["reference": TerminalSanitizer.clean(typed)]))
        }
        // Only this caller's requests: an agent on the phone with one customer acts for that customer.
        guard let request = try pack.storage({ try store.request(reference) }), request.account == account else {
            return warn(messages.text("advance.unknown_request", ["reference": reference.rawValue]))
        }
        guard let after = Lifecycle.next(after: event, for: request) else { return warn(illegal(event, on: request)) }
        pendingEvent = PendingEvent(event: event, reference: reference)
        let catalog = try pack.storage { try store.catalog() }
        let triggers = EventConsequences.of(event, on: request, after: after).map { consequence in
            messages.text("desk.event.trigger.\(consequence.key)", [
                "amount": consequence.amount.map { pack.format.money($0) } ?? "",
                "model": consequence.model.map { catalog[$0]?.name ?? $0.rawValue } ?? "",
            ])
        }
        say(([messages.text("desk.event.confirm", [
            "reference": reference.rawValue, "kind": messages.text("request_kind.\(request.kind.rawValue)"),
            "status": messages.text("status.\(request.status.rawValue)"), "event": messages.text("event.\(event.rawValue)"),
            "after": messages.text("status.\(after.rawValue)"),
        ])] + triggers + [messages.text("desk.event.question")]).joined(separator: "\n"))
    }

    /// The refusal of an event that does not apply now, in the session language, with the commands that do.
    private func illegal(_ event: RequestEvent, on request: Request) -> String {
        let possible = Lifecycle.possibleEvents(for: request).map { possible in
            "/" + (parser.displayNames[SlashCommand.Name(rawValue: possible.rawValue) ?? .help] ?? possible.rawValue)
        }
        return messages.text("desk.event.illegal", [
            "reference": request.reference.rawValue, "kind": messages.text("request_kind.\(request.kind.rawValue)"),
            "status": messages.text("status.\(request.status.rawValue)"), "event": messages.text("event.\(event.rawValue)"),
            "possible": possible.isEmpty ? messages.text("advance.nothing_possible") : possible.joined(separator: ", "),
        ])
    }

    /// The agent's answer to an event's confirmation: a yes records it; anything else records nothing. True when the
    /// line was that answer (a slash command is then still performed).
    private func answer(_ pending: PendingEvent, with line: String) throws -> Bool {
        let heard = understanding?.interpret(line, language)
        guard let heard, heard.intent == .affirm, heard.slots.isEmpty else {
            say(messages.text("desk.event.not_recorded"))
            return parser.parse(line) == nil
        }
        do {
            let updated = try store.apply(pending.event, to: pending.reference, at: Clock.now(), by: Actor(name: agentName, channel: .agent))
            say(messages.text("advance.applied", [
                "reference": updated.reference.rawValue, "event": messages.text("event.\(pending.event.rawValue)"),
                "status": messages.text("status.\(updated.status.rawValue)"),
            ]))
        } catch .rule(.illegalTransition) {
            // Another session moved the request meanwhile.
            if let current = try pack.storage({ try store.request(pending.reference) }) { warn(illegal(pending.event, on: current)) }
        } catch {
            throw pack.failure(for: error)
        }
        return true
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

// MARK: - The hand-off queue (agent mode)

extension TerminalChat {
    /// In agent mode, `desk.agent.<key>` when the locale has it: the help speaks of the caller, not to them.
    func agentPhrasing(_ key: String) -> String {
        let override = Self.agentOverridePrefix + key
        return setup.agent && messages.has(override) ? override : key
    }

    /// `desk.agent.<key>` replaces `<key>` in agent mode.
    static let agentOverridePrefix = "desk.agent."

    /// The agent's name on what they record and claim: `--agent-id`, else the login name.
    var agentName: String { AgentIdentity.name(setup.agentID, environment: setup.environment) }

    /// `/suivant`: claims the oldest waiting case and takes it up, or says the queue is empty.
    private func takeNextCase() throws {
        guard let claimed = try pack.storage({ try store.claimNextHandOffCase(by: agentName, at: Clock.now()) }) else {
            return say(messages.text("desk.console.next_empty"))
        }
        try takeUp(claimed)
    }

    /// The caller to serve next (at the start and with `/compte`): found by number, account or name, or the oldest
    /// case of the queue with `/suivant`. False when the agent leaves (Ctrl-D, /quitter).
    func takeCaller() throws -> Bool {
        say(messages.text("term.agent.ask_account"))
        while true {
            guard case .line(let typed) = editor.read(prompt: style.prompt(messages.text("term.agent.account_prompt"))) else { return false }
            switch parser.parse(typed) {
            case .quit?: return false
            case .next?:
                guard let claimed = try pack.storage({ try store.claimNextHandOffCase(by: agentName, at: Clock.now()) }) else {
                    say(messages.text("desk.console.next_empty"))
                    continue
                }
                try takeUp(claimed)
                return true
            case .some:
                warn(messages.text("desk.console.caller_first"))
                continue
            case nil: break
            }
            guard let query = CallerQuery(typed) else { continue }
            let found = try pack.storage { try store.findCallers(query) }
            switch found.count {
            case 0:
                warn(messages.text("desk.console.caller_unknown", ["typed": TerminalSanitizer.clean(typed.trimmingCharacters(in: .whitespaces))]))
            case 1:
                account = found[0].id
                try startRuntime()
                return try welcome()
            default:
                let rows = try found.map { match in
                    let lines = try pack.storage { try store.lines(account: match.id) }.map { pack.format.line($0.number) }
                    return messages.text("desk.console.match", [
                        "account": match.id.rawValue, "holder": match.holder,
                        "lines": lines.isEmpty ? messages.text("desk.console.no_lines") : lines.joined(separator: ", "),
                    ])
                }
                say(TerminalSanitizer.clean(([messages.text("desk.console.several")] + rows).joined(separator: "\n")))
            }
        }
    }

    /// Switches to a claimed case's account, shows why and what was said, and takes up the request where the
    /// customer left it.
    private func takeUp(_ claimed: HandOffCase) throws {
        account = claimed.account
        try startRuntime()
        guard let runtime else { return }
        var context = [messages.text("desk.console.case_header", [
            "number": String(claimed.number), "date": pack.format.date(claimed.openedAt),
            "reason": messages.text("desk.reason.\(claimed.reason)"), "lang": claimed.language,
        ])]
        context.append(try overview())
        if !claimed.turns.isEmpty {
            var said = [messages.text("desk.console.turns_title")]
            for turn in claimed.turns {
                if !turn.user.isEmpty { said.append(messages.text("desk.console.turn_user", ["text": turn.user])) }
                said.append(messages.text("desk.console.turn_bot", ["text": turn.bot.replacingOccurrences(of: "\n", with: " ")]))
            }
            context.append(said.joined(separator: "\n"))
        }
        say(TerminalSanitizer.clean(context.joined(separator: "\n")))
        // The agent's own language carries on; the draft is checked against the account as it is now.
        guard let checkpoint = claimed.checkpoint else {
            say(messages.text("desk.console.no_draft"))
            return show(try pack.storage { try runtime.start() })
        }
        say(messages.text("desk.console.draft_resumed"))
        let turn = try pack.storage { try runtime.resume(Conversation.Checkpoint(question: checkpoint.question, language: language)) }
        try remember(after: turn)
        show(turn)
    }

    /// The caller at a glance: the account, each line with its phone and its unfinished request (status and dates),
    /// and the agents' notes.
    func overview() throws -> String {
        let holder = try pack.storage { try store.account(account) }?.holder ?? account.rawValue
        let snapshot = try pack.storage { try store.snapshot(for: account) }
        var rows = [messages.text("term.agent.account_found", ["account": account.rawValue, "holder": holder])]
        for line in snapshot.lines {
            rows.append(messages.text("term.agent.line_item", [
                "line": pack.format.line(line.number),
                "phone": line.phone.map { snapshot.catalog[$0]?.name ?? $0.rawValue } ?? messages.text("term.agent.no_phone"),
            ]))
            if let request = snapshot.unfinishedRequest(on: line.number) { rows.append(requestLine(request)) }
        }
        let notes = try pack.storage { try store.notes(account: account) }
        if !notes.isEmpty {
            rows.append(messages.text("desk.notes.title"))
            rows += notes.map(noteLine)
        }
        return TerminalSanitizer.clean(rows.joined(separator: "\n"))
    }

    /// `RMA-000001 · échange · en attente du retour · créée le 28 novembre 2026 · retour avant le 13 décembre 2026`.
    private func requestLine(_ request: Request) -> String {
        var dates = [messages.text("desk.overview.created", ["date": pack.format.date(request.createdAt)])]
        if !request.status.isFinished, request.receivedAt == nil, let deadline = request.returnDeadline {
            dates.append(messages.text("desk.overview.return_by", ["date": pack.format.date(deadline.date)]))
        }
        if let shipped = request.shippedAt { dates.append(messages.text("desk.overview.shipped", ["date": pack.format.date(shipped)])) }
        if let received = request.receivedAt { dates.append(messages.text("desk.overview.received", ["date": pack.format.date(received)])) }
        return messages.text("desk.overview.request", [
            "reference": request.reference.rawValue, "kind": messages.text("request_kind.\(request.kind.rawValue)"),
            "status": messages.text("status.\(request.status.rawValue)"), "dates": dates.joined(separator: messages.text("desk.overview.separator")),
        ])
    }

    private func noteLine(_ note: AgentNote) -> String {
        messages.text(note.request == nil ? "desk.notes.account_item" : "desk.notes.request_item", [
            "date": pack.format.date(note.at), "actor": RequestHistoryText.actor(note.actor, messages: messages),
            "reference": note.request?.rawValue ?? "", "text": note.text,
        ])
    }

    /// `/historique RMA-…`: a request of this caller, from its creation to its last event, with the notes on it.
    private func showHistory(_ typed: String) throws {
        guard let reference = RequestReference(parsing: typed) else {
            if typed.isEmpty { return warn(messages.text("desk.history.usage")) }
            return warn(messages.text("advance.bad_reference", ["reference": TerminalSanitizer.clean(typed)]))
        }
        guard let request = try pack.storage({ try store.request(reference) }), request.account == account else {
            return warn(messages.text("advance.unknown_request", ["reference": reference.rawValue]))
        }
        var rows = [requestLine(request)]
        rows.append(messages.text("desk.history.created", [
            "date": pack.format.date(request.createdAt), "actor": RequestHistoryText.actor(request.createdBy, messages: messages),
        ]))
        for record in request.history {
            rows.append(messages.text("desk.history.event", [
                "date": pack.format.date(record.at), "event": messages.text("event.\(record.event.rawValue)"),
                "status": messages.text("status.\(record.statusAfter.rawValue)"), "actor": RequestHistoryText.actor(record.actor, messages: messages),
            ]))
        }
        let notes = try pack.storage { try store.notes(account: account, request: reference) }
        if !notes.isEmpty {
            rows.append(messages.text("desk.notes.title"))
            rows += notes.map(noteLine)
        }
        say(TerminalSanitizer.clean(rows.joined(separator: "\n")))
    }

    /// `/note TEXTE` on the account; `/note RMA-000001 TEXTE` on that request of the caller.
    private func addNote(_ typed: String) throws {
        var text = typed.trimmingCharacters(in: .whitespaces)
        var reference: RequestReference?
        if let first = text.split(separator: " ", maxSplits: 1).first, first.uppercased().hasPrefix("RMA"), let parsed = RequestReference(parsing: String(first)) {
            reference = parsed
            text = String(text.dropFirst(first.count)).trimmingCharacters(in: .whitespaces)
        }
        guard !text.isEmpty else { return warn(messages.text("desk.notes.usage")) }
        do {
            let note = try store.addNote(AgentNote(
                account: account, request: reference, text: text, actor: Actor(name: agentName, channel: .agent), at: Clock.now()
            ))
            say(messages.text(note.request == nil ? "desk.notes.added_account" : "desk.notes.added_request", ["reference": note.request?.rawValue ?? ""]))
        } catch .rule(.unknownRequest(let unknown)) {
            warn(messages.text("advance.unknown_request", ["reference": unknown.rawValue]))
        } catch {
            throw pack.failure(for: error)
        }
    }
}

/// A back-office event the agent typed, shown with what it triggers, waiting for a yes.
struct PendingEvent {
    var event: RequestEvent
    var reference: RequestReference
}

/// What recording a back-office event sets off, for the agent's confirmation: a shipment, a refund, a deposit kept.
enum EventConsequences {
    struct Consequence: Equatable {
        /// `desk.event.trigger.<key>` in `messages-desk.yaml`.
        var key: String
        var amount: Money?
        var model: PhoneModelID?
    }

    static func of(_ event: RequestEvent, on request: Request, after status: RequestStatus) -> [Consequence] {
        let refund = request.refundOnReturn > .zero ? request.refundOnReturn : nil
        switch event {
        case .oldPhoneReceived:
            var said: [Consequence] = []
            if request.kind == .exchange, request.shippingMode == .afterReturn { said.append(Consequence(key: "ship_new", model: request.newModel)) }
            if let refund { said.append(Consequence(key: "refund_due", amount: refund)) }
            return said
        case .newPhoneShipped:
            return [Consequence(key: "shipped", model: request.newModel)]
        case .refundIssued:
            return [Consequence(key: "refund_paid", amount: refund), Consequence(key: "closes")]
        case .completed:
            return [Consequence(key: "closes")]
        case .returnDeadlinePassed:
            if status == .cancelled { return [Consequence(key: "cancels_exchange")] }
            return [Consequence(key: "deposit_kept", model: request.oldModel)]
        case .cancelled:
            return [Consequence(key: "cancels")]
        case .shippingModeChanged:
            return []
        }
    }
}
