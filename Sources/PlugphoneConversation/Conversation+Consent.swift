import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding

// Consent (docs/reference.md §5): a request is written only after an unconditional yes to the summary displayed just
// before it, in the same session, and it carries exactly the terms that summary showed.
//
// The rule at the summary, in one place:
// - an `affirm` whose yes is unconditional (`Assent.unconditional`: acceptance words and politeness only, from
//   `Locales/<lang>/consent.yaml`), sure enough, restating nothing different, while a summary is on screen:
//   `.commit` with the terms shown;
// - any other turn holding a yes is not consent: a new value is applied, a question answered, a negation taken as
//   a no; then the summary is shown again and asked again;
// - a turn without a yes goes the usual way (a no, a cancel, a side question, a correction).
extension Conversation {
    /// Below this, even a plain yes to the summary is asked again.
    static let sureEnoughToConsent = 0.5

    /// The side questions a yes may carry (« oui mais c'est combien déjà ? »): answered before the summary again.
    static let sideQuestions: Set<Intent> = [.help, .askDeposit, .askShipping, .listModels, .requestStatus]
    /// Intents that never accept and are handled as usual even with a yes-word in them (« oui, enfin non, annulez »).
    static let refusingIntents: Set<Intent> = [.deny, .cancel, .goodbye, .humanAgent]

    /// What a turn at the summary does when it holds a yes; nil when it holds none (handled the usual way).
    mutating func considerConsent(_ heard: Interpretation, form: Form) -> [Effect]? {
        guard heard.intent == .affirm || heard.assent != nil else { return nil }
        if Self.isConsent(heard, to: form) {
            // The yes accepts the summary on screen, once: without one (never shown, or already used), show it.
            guard let terms = shownTerms, terms.draft == form.draft else { return proceed(form) }
            state = .committing(form)
            shownTerms = nil
            return [.commit(terms)]
        }
        if Self.refusingIntents.contains(heard.intent) { return nil }
        // A new value (« oui, mais en express »): applied, and its own summary to accept.
        if !heard.slots.agrees(with: form) { return fill(form, with: heard.slots) }
        if Self.sideQuestions.contains(heard.intent) {
            let answer = sideAnswer(heard.intent, slots: heard.slots, question: .confirmation(form))
            return proceed(form, saying: [Self.withheldReason(heard)] + answer)
        }
        // « oui, mais en fait non »: a no, whose question says that nothing is recorded.
        if Self.reservations(of: heard).contains(.negation) { return ask(.amendment(form)) }
        return proceed(form, saying: [Self.withheldReason(heard)])
    }

    /// What a turn at the summary of a change to a recorded request (a cancellation, a new shipping mode) does when it
    /// holds a yes that is not consent: nothing is recorded, the reason is said and the summary shown again. Nil for
    /// an unconditional, confident yes (recorded by `accept`) and for a turn without a yes (handled the usual way).
    mutating func considerConsent(_ heard: Interpretation, change: RequestChangeDraft) -> [Effect]? {
        guard heard.intent == .affirm || heard.assent != nil else { return nil }
        if Self.isUnconditionalYes(heard) { return nil }
        if Self.refusingIntents.contains(heard.intent) { return nil }
        state = .asking(.requestChangeConfirmation(change), misses: 0)
        return say([Self.withheldReason(heard)] + changeSummary(change))
    }

    /// The reservations the yes of `heard` came with; none for an unconditional yes or no yes at all.
    static func reservations(of heard: Interpretation) -> Set<Reservation> {
        if case .qualified(let held)? = heard.assent { return held }
        return []
    }

    /// Why a yes that is not consent records nothing: it carries a question, a reservation, or is just unclear
    /// (a yes-word alone but unsure, or an approving word that is not a yes: « super », "y").
    static func withheldReason(_ heard: Interpretation) -> Reply {
        let reservations = reservations(of: heard)
        if sideQuestions.contains(heard.intent) || reservations.contains(.question) { return Reply("conv.consent.withheld.question") }
        return Reply(reservations.isEmpty ? "conv.consent.withheld.unclear" : "conv.consent.withheld.reservation")
    }

    /// A plain yes, sure enough, with nothing attached: what accepts any summary.
    static func isUnconditionalYes(_ heard: Interpretation) -> Bool {
        heard.intent == .affirm && heard.assent == .unconditional && heard.confidence >= sureEnoughToConsent
    }

    /// An unconditional, confident yes that restates nothing different from the summary.
    /// « oui, le T46S » at a T46S summary is consent too, though the classifier may take it for `inform`: a yes
    /// made only of acceptance words and the summary's own values (line, model, shipping mode).
    static func isConsent(_ heard: Interpretation, to form: Form) -> Bool {
        guard heard.assent == .unconditional, heard.slots.agrees(with: form) else { return false }
        if heard.intent == .affirm { return isUnconditionalYes(heard) }
        let restates = heard.slots.line != nil || heard.slots.model != nil || heard.slots.shippingMode != nil
        return heard.intent == .inform && restates
    }

    /// Remembers the terms of a summary when it is displayed, and forgets them when another question replaces it.
    /// An offer on top of the summary ("did you mean…?") leaves it on screen.
    mutating func noteSummary(of question: Question, shown: Bool) {
        guard case .confirmation(let form) = question.underlying else {
            shownTerms = nil
            return
        }
        guard shown, case .confirmation = question else { return }
        shownTerms = terms(of: form)
    }

    /// The terms the rules give for a complete form on the account as last read: what its summary displays.
    func terms(of form: Form) -> RequestTerms? {
        guard let draft = form.draft, case .success(let approved) = Rules.approve(draft, contractAccepted: true, in: snapshot) else {
            return nil
        }
        return approved.terms
    }
}

// MARK: - Saving and resuming a session

extension Conversation {
    /// What a session saves to be resumed later: the pending question with the request being filled in, and the
    /// language. Never a yes, never the terms on screen: a resumed session shows its summary again.
    public struct Checkpoint: Hashable, Sendable, Codable {
        /// The format of this value; a saved checkpoint of another version is not resumed.
        public static let currentVersion = 1
        public var version: Int
        public var question: Question
        public var language: Language

        public init(question: Question, language: Language) {
            version = Self.currentVersion
            self.question = question
            self.language = language
        }
    }

    /// The dialogue to save, while a request is being filled in; nil otherwise (nothing to resume).
    public var checkpoint: Checkpoint? {
        guard case .asking(let question, _) = state, question.form != nil else { return nil }
        return Checkpoint(question: question, language: language)
    }

    /// Takes up a saved dialogue: the request is checked again against the account as it is now, then the first
    /// thing missing is asked, or the summary shown again for a fresh yes.
    mutating func resume(_ checkpoint: Checkpoint) -> [Effect] {
        use(checkpoint.language)
        shownTerms = nil
        guard checkpoint.version == Checkpoint.currentVersion, let form = checkpoint.question.form else {
            return ask(.whatToDo(pending: Slots()), saying: [Reply("conv.greeting")])
        }
        return proceed(form)
    }
}
