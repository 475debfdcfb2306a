import Foundation
import PlugphoneDomain
import PlugphoneStore

/// Where conversations succeed and fail, computed from the conversation log (`plugphone report`).
///
/// Pure: sessions and turns in, figures out. A request *attempt* begins with the first turn after which a request
/// is being filled in and ends when it is written, dropped, or the session stops; its kind is the last one it had
/// (an order turned into an exchange counts as an exchange).
public struct ConversationReport: Sendable {
    /// A session with no end recorded and no activity for this long counts as abandoned (killed, closed terminal).
    public static let abandonAfter: TimeInterval = 30 * 60

    public enum FunnelStep: String, CaseIterable, Sendable {
        case started
        case lineKnown = "line_known"
        case modelKnown = "model_known"
        case modeKnown = "mode_known"
        case summaryShown = "summary_shown"
        case confirmed

        /// The steps a request of this kind goes through: no model for a return, no shipping mode but for an exchange.
        public static func steps(for kind: RequestKind) -> [FunnelStep] {
            allCases.filter { step in
                switch step {
                case .modelKnown: kind != .return
                case .modeKnown: kind == .exchange
                default: true
                }
            }
        }
    }

    public struct Funnel: Sendable, Hashable {
        public var kind: RequestKind
        /// Attempts that reached each step, every earlier step included.
        public var counts: [FunnelStep: Int]
        public var steps: [FunnelStep] { FunnelStep.steps(for: kind) }
        public func count(_ step: FunnelStep) -> Int { counts[step] ?? 0 }
        /// Attempts lost between the step before and this one (0 for the first).
        public func drop(_ step: FunnelStep) -> Int {
            guard let index = steps.firstIndex(of: step), index > 0 else { return 0 }
            return count(steps[index - 1]) - count(step)
        }
    }

    /// How a group of sessions ended.
    public struct Outcomes: Sendable, Hashable {
        public var sessions = 0
        public var written = 0
        public var cancelled = 0
        public var handedOffAsked = 0
        public var handedOffNotUnderstood = 0
        public var abandoned = 0
        public var goodbye = 0
        /// No end recorded, active within `abandonAfter`.
        public var inProgress = 0
        /// Per request written: user turns and seconds from the session's start (or the previous request written in it).
        public var turnsToWritten: [Int] = []
        public var secondsToWritten: [Double] = []

        public var handedOff: Int { handedOffAsked + handedOffNotUnderstood }
        public var medianTurnsToWritten: Double? { ConversationReport.median(turnsToWritten.map(Double.init)) }
        public var medianSecondsToWritten: Double? { ConversationReport.median(secondsToWritten) }

        public func count(_ outcome: SessionOutcome) -> Int {
            switch outcome {
            case .written: written
            case .cancelled: cancelled
            case .handedOff: handedOff
            case .abandoned: abandoned
            case .goodbye: goodbye
            }
        }
    }

    /// An utterance not understood, as logged.
    public struct Utterance: Sendable, Hashable {
        public var text: String
        public var language: String
        /// What the classifier guessed: its `best_guess`, or the intent it gave when the conversation could not use it.
        public var guess: String?
        public var count: Int
    }

    /// The answers not understood at one step of the conversation.
    public struct Misunderstanding: Sendable, Hashable {
        public var step: String
        public var count: Int
        /// Most frequent first.
        public var utterances: [Utterance]
    }

    /// Side questions asked while a given question was pending.
    public struct SideQuestions: Sendable, Hashable {
        public var step: String
        public var deposit = 0
        public var shipping = 0
        public var catalogue = 0
        public var total: Int { deposit + shipping + catalogue }
    }

    public var since: Date?
    public var until: Date?
    public var generatedAt: Date
    public var sessions = 0
    public var turns = 0
    /// Order, exchange, return.
    public var funnels: [Funnel] = []
    public var outcomes = Outcomes()
    public var byLanguage: [(String, Outcomes)] = []
    public var byChannel: [(String, Outcomes)] = []
    /// Most frequent first.
    public var notUnderstood: [Misunderstanding] = []
    public var sideQuestions: [SideQuestions] = []

    public init(sessions logged: [LoggedSession], turns loggedTurns: [LoggedTurn], since: Date?, until: Date?, now: Date) {
        self.since = since
        self.until = until
        generatedAt = now
        sessions = logged.count
        turns = loggedTurns.count
        let bySession = Dictionary(grouping: loggedTurns, by: \.session)

        var attempts: [RequestKind: [FunnelStep: Int]] = [:]
        var languages: [String: Outcomes] = [:], channels: [String: Outcomes] = [:]
        var missed: [String: [LoggedTurn]] = [:]
        var sides: [String: SideQuestions] = [:]

        for session in logged {
            let turns = (bySession[session.id] ?? []).sorted { $0.position < $1.position }
            for (kind, reached) in Self.attempts(in: turns) {
                for step in reached { attempts[kind, default: [:]][step, default: 0] += 1 }
            }
            var figures = Outcomes()
            figures.sessions = 1
            switch Self.outcome(of: session, turns: turns, now: now) {
            case .written?: figures.written = 1
            case .cancelled?: figures.cancelled = 1
            case .handedOff?:
                if session.handOffReason == "asked" { figures.handedOffAsked = 1 } else { figures.handedOffNotUnderstood = 1 }
            case .abandoned?: figures.abandoned = 1
            case .goodbye?: figures.goodbye = 1
            case nil: figures.inProgress = 1
            }
            var from = (position: 0, at: session.startedAt)
            for turn in turns where turn.writtenReference != nil {
                figures.turnsToWritten.append(turn.position - from.position)
                figures.secondsToWritten.append(turn.at.timeIntervalSince(from.at))
                from = (turn.position, turn.at)
            }
            for turn in turns {
                if !turn.understood { missed[turn.step, default: []].append(turn) }
                switch turn.intent {
                case "ask_deposit": sides[turn.step, default: SideQuestions(step: turn.step)].deposit += 1
                case "ask_shipping": sides[turn.step, default: SideQuestions(step: turn.step)].shipping += 1
                case "list_models": sides[turn.step, default: SideQuestions(step: turn.step)].catalogue += 1
                default: break
                }
            }
            outcomes.add(figures)
            let language = session.endedAt == nil ? (turns.last?.language ?? session.language) : session.language
            languages[language, default: Outcomes()].add(figures)
            channels[session.channel, default: Outcomes()].add(figures)
        }

        funnels = RequestKind.allCases.map { Funnel(kind: $0, counts: attempts[$0] ?? [:]) }
        byLanguage = Self.ordered(languages, first: ["fr", "en"])
        byChannel = Self.ordered(channels, first: ["customer", "agent"])
        notUnderstood = missed.map { step, turns in
            var counted: [Utterance] = []
            var index: [String: Int] = [:]
            for turn in turns {
                guard let text = turn.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
                if let i = index[text] { counted[i].count += 1; continue }
                index[text] = counted.count
                let guess = turn.bestGuess ?? (turn.intent == "out_of_scope" ? nil : turn.intent)
                counted.append(Utterance(text: text, language: turn.language, guess: guess, count: 1))
            }
            counted.sort { ($0.count, $1.text) > ($1.count, $0.text) }
            return Misunderstanding(step: step, count: turns.count, utterances: counted)
        }.sorted { ($0.count, $1.step) > ($1.count, $0.step) }
        sideQuestions = sides.values.sorted { ($0.total, $1.step) > ($1.total, $0.step) }
    }

    /// How a session ended; nil while it may still be running.
    static func outcome(of session: LoggedSession, turns: [LoggedTurn], now: Date) -> SessionOutcome? {
        if let outcome = session.outcome { return outcome }
        let lastActivity = turns.last?.at ?? session.startedAt
        return now.timeIntervalSince(lastActivity) > abandonAfter ? .abandoned : nil
    }

    /// Each request attempt of a session: its kind and the funnel steps it reached, in order.
    static let requestKinds: [String: RequestKind] = ["order_phone": .order, "change_phone": .exchange, "return_phone": .return]

    static func attempts(in turns: [LoggedTurn]) -> [(RequestKind, [FunnelStep])] {
        struct Attempt {
            var kind: RequestKind
            var known: Set<FunnelStep> = [.started]
        }
        var done: [(RequestKind, [FunnelStep])] = []
        var current: Attempt?
        func finish(_ attempt: Attempt) {
            // Only the steps reached one after the other: a funnel never grows.
            var reached: [FunnelStep] = []
            for step in FunnelStep.steps(for: attempt.kind) {
                guard attempt.known.contains(step) else { break }
                reached.append(step)
            }
            done.append((attempt.kind, reached))
        }
        for turn in turns {
            if let written = turn.writtenKind.flatMap(RequestKind.init(rawValue:)) {
                var attempt = current ?? Attempt(kind: written)
                attempt.kind = written
                attempt.known = Set(FunnelStep.allCases)
                finish(attempt)
                current = nil
            } else if let kind = turn.requestKind.flatMap(RequestKind.init(rawValue:)) {
                var attempt = current ?? Attempt(kind: kind)
                attempt.kind = kind
                if turn.lineKnown { attempt.known.insert(.lineKnown) }
                if turn.modelKnown { attempt.known.insert(.modelKnown) }
                if turn.modeKnown { attempt.known.insert(.modeKnown) }
                if turn.stateAfter == "awaiting_confirmation" { attempt.known.insert(.summaryShown) }
                current = attempt
            } else if let attempt = current {
                finish(attempt)
                current = nil
            } else if turn.act == nil, let asked = requestKinds[turn.intent] {
                // Asked for, then refused at once (no line of the account suits it): started, and lost there. With an
                // `act`, the turn was about a request already made (a change, a cancellation), not a new one.
                finish(Attempt(kind: asked))
            }
        }
        if let current { finish(current) }
        return done
    }

    static func ordered(_ groups: [String: Outcomes], first: [String]) -> [(String, Outcomes)] {
        let names = first + groups.keys.filter { !first.contains($0) }.sorted()
        return names.map { ($0, groups[$0] ?? Outcomes()) }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Every utterance not understood, for `--unrecognised`.
    public var unrecognised: [Utterance] { notUnderstood.flatMap(\.utterances) }
}

extension ConversationReport.Outcomes {
    mutating func add(_ other: Self) {
        sessions += other.sessions
        written += other.written
        cancelled += other.cancelled
        handedOffAsked += other.handedOffAsked
        handedOffNotUnderstood += other.handedOffNotUnderstood
        abandoned += other.abandoned
        goodbye += other.goodbye
        inProgress += other.inProgress
        turnsToWritten += other.turnsToWritten
        secondsToWritten += other.secondsToWritten
    }
}

extension ConversationReport {
    /// Reads the log of `[since, until)` and computes the report.
    public static func load(from store: any ConversationLogging, since: Date?, until: Date?, now: Date) throws(StoreError) -> ConversationReport {
        try store.flushConversationLog()
        let sessions = try store.loggedSessions(since: since, until: until)
        let turns = try store.loggedTurns(of: sessions.map(\.id))
        return ConversationReport(sessions: sessions, turns: turns, since: since, until: until, now: now)
    }
}
