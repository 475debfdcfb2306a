import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneUnderstanding

/// Writes one runtime's session into the conversation log: the session when it starts, then each user turn,
/// then how it ended. Turns are buffered by the store and written with its next write (the terminal saves the
/// chat after every turn) or in batches, so a turn pays for a few appends, not a transaction.
///
/// Never fails the conversation: a log that cannot be written (read-only file, lock) is simply not written.
public final class SessionLogger {
    /// Buffered turns above which the logger writes them itself.
    public static let batchSize = 16

    let store: any ConversationLogging
    /// `customer` or `agent`.
    let channel: String
    private(set) var session: Int64?
    private var position = 0
    private var wrote = false
    private var cancelled = false
    private var handOffReason: String?
    /// Whether a request was being filled in when the session last moved.
    private var requestPending = false
    private var closed = false

    public init(store: any ConversationLogging, channel: String) {
        self.store = store
        self.channel = channel
    }

    /// Whether logging is on for this process: `PLUGPHONE_LOG=off` (or `0`, `false`, `no`) turns it off.
    public static func isEnabled(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["PLUGPHONE_LOG"]?.lowercased() else { return true }
        return !["off", "0", "false", "no"].contains(value)
    }

    /// Opens the session in the log: one small write, at the greeting, so that a session killed later is still seen.
    public func opened(account: AccountID, language: Language, at date: Date) {
        guard session == nil, !closed else { return }
        session = try? store.openLoggedSession(account: account, channel: channel, language: language.rawValue, at: date)
    }

    /// Logs one user turn: what was understood, the states around it, the request being filled in.
    public func record(_ turn: ConversationRuntime.Turn, before: Conversation.State, after: Conversation.State, at date: Date) {
        guard let session, !closed, let heard = turn.interpretation else { return }
        position += 1
        let form = Self.form(of: after)
        let understood = heard.intent != .outOfScope && !turn.replies.contains { $0.key.hasPrefix("conv.reprompt.") || $0.key.hasPrefix("conv.examples.") }
        let droppedRequest = turn.replies.contains { $0.key == "conv.cancelled.request" }
        let written = turn.committed.last
        store.logTurn(LoggedTurn(
            session: session, position: position, at: date, language: turn.language.rawValue, intent: heard.intent.rawValue,
            confidence: heard.confidence, bestGuess: heard.bestGuess?.rawValue, act: heard.act?.rawValue, slots: heard.slotsJSON.serialized(),
            stateBefore: before.name, stateAfter: after.name, step: Self.step(before), understood: understood,
            text: understood && turn.handOff == nil ? nil : heard.text,
            requestKind: form?.kind.rawValue, lineKnown: form?.line != nil, modelKnown: form?.model != nil, modeKnown: form?.mode != nil,
            writtenReference: written?.reference.rawValue, writtenKind: written?.kind.rawValue, cancelled: droppedRequest,
            handOffReason: turn.handOff?.reason.rawValue
        ))
        if written != nil { wrote = true }
        if droppedRequest { cancelled = true }
        if let handOff = turn.handOff { handOffReason = handOff.reason.rawValue }
        // A goodbye in the middle of a request leaves it unfinished: the request before the turn counts.
        requestPending = after == .ended ? Self.form(of: before) != nil : form != nil
        if turn.ended {
            close(language: turn.language, at: date)
        } else if store.pendingLogCount >= Self.batchSize {
            try? store.flushConversationLog()
        }
    }

    /// Logs a turn too long to be read (over `ChatCommand.maxTurnBytes`) as not understood, with only its first
    /// `tooLongKept` characters: the state does not change.
    public func recordTooLong(_ text: String, language: Language, state: Conversation.State, at date: Date) {
        guard let session, !closed else { return }
        position += 1
        let form = Self.form(of: state)
        store.logTurn(LoggedTurn(
            session: session, position: position, at: date, language: language.rawValue, intent: Intent.outOfScope.rawValue,
            confidence: 0, bestGuess: nil, act: nil, slots: "{}",
            stateBefore: state.name, stateAfter: state.name, step: Self.step(state), understood: false,
            text: String(text.prefix(Self.tooLongKept)),
            requestKind: form?.kind.rawValue, lineKnown: form?.line != nil, modelKnown: form?.model != nil, modeKnown: form?.mode != nil,
            writtenReference: nil, writtenKind: nil, cancelled: false, handOffReason: nil
        ))
        if store.pendingLogCount >= Self.batchSize { try? store.flushConversationLog() }
    }

    /// The characters kept of a turn too long to be read.
    public static let tooLongKept = 200

    /// Records how the session ended and writes what is buffered. Idempotent.
    public func close(language: Language, at date: Date) {
        guard let session, !closed else { return }
        closed = true
        let outcome: SessionOutcome =
            if handOffReason != nil { .handedOff }
            else if wrote { .written }
            else if requestPending { .abandoned }
            else if cancelled { .cancelled }
            else { .goodbye }
        store.logEnd(of: session, SessionEnd(at: date, outcome: outcome, handOffReason: handOffReason, language: language.rawValue))
        try? store.flushConversationLog()
    }

    /// The request being filled in, whatever the question on top of it.
    static func form(of state: Conversation.State) -> Form? {
        switch state {
        case .asking(let question, _): question.form
        case .committing(let form): form
        case .notStarted, .changing, .ended: nil
        }
    }

    /// The question the customer was really being asked, beneath any offer ("did you mean…?", "an agent?").
    static func step(_ state: Conversation.State) -> String {
        guard case .asking(let question, _) = state else { return state.name }
        return underlying(question).name
    }

    private static func underlying(_ question: Question) -> Question {
        switch question {
        case .guess(_, _, let then), .human(let then): underlying(then)
        default: question
        }
    }
}
