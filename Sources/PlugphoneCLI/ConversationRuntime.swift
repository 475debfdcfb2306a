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
        return finish(turn)
    }

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
                case .commit(let draft):
                    do {
                        let request = try store.createRequest(draft, account: account, contractAccepted: true, at: clock())
                        turn.committed.append(request)
                        events.append(.committed(request))
                    } catch .rule(.refused(let refusal)) {
                        snapshot = try store.snapshot(for: account)
                        snapshotVersion = try store.changeCounter()
                        events.append(.refreshed(snapshot, now: clock()))
                        events.append(.commitRefused(refusal))
                    }
                case .handOff(let handOff):
                    turn.handOff = handOff
                case .end:
                    turn.ended = true
                }
            }
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
