import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneUnderstanding

/// Performs the effects of the conversation: reads the account, writes requests, renders replies.
/// One runtime is one session; it is driven from one thread.
public final class ConversationRuntime {
    /// What one turn did, for the screen, `--json`, `--record` and replays.
    public struct Turn: Sendable {
        public var user: String?
        public var interpretation: Interpretation?
        public var replies: [Reply] = []
        /// The replies rendered in the session language, one paragraph per line group.
        public var text = ""
        public var language: Language
        public var committed: [Request] = []
        /// Existing requests this turn cancelled or changed.
        public var changed: [Request] = []
        public var handOff: HandOff?
        public var ended = false
        /// The conversation's state after the turn, by name.
        public var state = ""
    }

    public typealias Interpret = @Sendable (String, Language) -> Interpretation

    public let store: Store
    public let account: AccountID
    public private(set) var conversation: Conversation
    private let renderers: [Language: Renderer]
    private let interpret: Interpret
    private let clock: () -> Date
    /// The account as last read, and the store's change counter then.
    private var snapshot: AccountSnapshot
    private var snapshotVersion: Int?
    /// The conversation log of this session; nil when logging is off (replays, `--record`, `--no-log`).
    public var log: SessionLogger?

    public init(
        store: Store, account: AccountID, language: Language, packs: [Language: LanguagePack],
        clock: @escaping () -> Date, interpret: @escaping Interpret, audience: Audience = .customer
    ) throws(StoreError) {
        self.store = store
        self.account = account
        self.interpret = interpret
        self.clock = clock
        snapshotVersion = try store.changeCounter()
        let snapshot = try store.snapshot(for: account)
        self.snapshot = snapshot
        renderers = packs.mapValues { Renderer(pack: $0, catalog: snapshot.catalog, audience: audience) }
        conversation = Conversation(snapshot: snapshot, language: language, now: clock())
    }

    public var hasEnded: Bool { conversation.state == .ended }

    /// The greeting.
    public func start() throws(StoreError) -> Turn {
        var turn = Turn(language: conversation.language)
        try perform(.started, into: &turn)
        log?.opened(account: account, language: conversation.language, at: clock())
        return finish(turn)
    }

    /// Takes up a dialogue saved by an earlier session (instead of `start()`): its request is checked against the
    /// account as it is now and its pending question asked again; a summary is shown again, for a fresh yes.
    public func resume(_ checkpoint: Conversation.Checkpoint) throws(StoreError) -> Turn {
        var turn = Turn(language: conversation.language)
        snapshotVersion = try store.changeCounter()
        snapshot = try store.snapshot(for: account)
        try perform(.refreshed(snapshot, now: clock()), into: &turn)
        try perform(.resumed(checkpoint), into: &turn)
        log?.opened(account: account, language: conversation.language, at: clock())
        return finish(turn)
    }

    /// One line from the customer.
    public func hear(_ text: String) throws(StoreError) -> Turn {
        try hear(text, meaning: interpret(text, conversation.language))
    }

    /// A turn whose meaning is already known (`/annuler`, `/demandes` on a terminal): nothing to understand.
    public func hear(meaning intent: Intent) throws(StoreError) -> Turn {
        try hear("", meaning: Interpretation(text: "", language: conversation.language, intent: intent, confidence: 1))
    }

    private func hear(_ text: String, meaning interpretation: Interpretation) throws(StoreError) -> Turn {
        var turn = Turn(language: conversation.language)
        turn.user = text
        let before = conversation.state
        // The account may have changed since the last turn (another session, the back office): read it again
        // only then, or after this session wrote.
        let version = try store.changeCounter()
        if version != snapshotVersion {
            snapshot = try store.snapshot(for: account)
            snapshotVersion = version
        }
        try perform(.refreshed(snapshot, now: clock()), into: &turn)
        turn.interpretation = interpretation
        try perform(.user(interpretation), into: &turn)
        let done = finish(turn)
        log?.record(done, before: before, after: conversation.state, at: clock())
        return done
    }

    /// Ends the session's log (how it ended, what is still buffered); also done when the runtime goes away.
    public func close() {
        log?.close(language: conversation.language, at: clock())
    }

    deinit { close() }

    /// Switches the session language (`/langue en`): the next replies are rendered in it.
    public func use(_ language: Language) {
        conversation.use(language)
    }

    private func perform(_ event: Conversation.Event, into turn: inout Turn) throws(StoreError) {
        var events = [event]
        while !events.isEmpty {
            for effect in conversation.handle(events.removeFirst()) {
                switch effect {
                case .say(let reply):
                    turn.replies.append(reply)
                case .commit(let terms):
                    do {
                        let request = try store.createRequest(accepting: terms, account: account, at: clock(), by: actor)
                        turn.committed.append(request)
                        events.append(.committed(request))
                    } catch .rule(.refused(let refusal)) {
                        snapshot = try store.snapshot(for: account)
                        snapshotVersion = try store.changeCounter()
                        events.append(.refreshed(snapshot, now: clock()))
                        events.append(.commitRefused(refusal))
                    }
                case .cancelRequest(let reference):
                    events += try change(reference, .cancel, into: &turn)
                case .changeMode(let reference, let mode):
                    events += try change(reference, .changeMode(mode), into: &turn)
                case .handOff(let handOff):
                    turn.handOff = handOff
                case .end:
                    turn.ended = true
                }
            }
        }
    }

    /// Who acts in this session: the customer in self-service, or the agent on the phone with them.
    public var actor: Actor?

    /// Writes a change of an existing request of this account; the events that answer it.
    private func change(_ reference: RequestReference, _ change: RequestChange, into turn: inout Turn) throws(StoreError) -> [Conversation.Event] {
        do {
            let request = try store.change(reference, change, account: account, by: actor ?? .customer(account), at: clock())
            turn.changed.append(request)
            return [.requestChanged(request)]
        } catch .rule(.illegalTransition), .rule(.unknownRequest) {
            snapshot = try store.snapshot(for: account)
            snapshotVersion = try store.changeCounter()
            return [.refreshed(snapshot, now: clock()), .requestChangeRefused(reference)]
        }
    }

    private func finish(_ turn: Turn) -> Turn {
        var turn = turn
        turn.language = conversation.language
        if let renderer = renderers[conversation.language] ?? renderers.values.first {
            turn.text = renderer.render(turn.replies)
        }
        turn.state = conversation.state.name
        return turn
    }
}
