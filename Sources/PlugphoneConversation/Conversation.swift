import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding

/// The dialogue manager: a pure state machine in the style of swift-nio's. The runtime feeds it events
/// and performs the effects it returns (say, write, hand off, end). No I/O happens here.
///
/// It asks only for what is missing (line, then model, then shipping mode), checks every value against
/// `Rules` as soon as it is given, and ends with one summary whose yes is both the acceptance of the
/// contract and the validation. Only that yes produces `.commit`; only `.committed` produces a confirmation.
public struct Conversation: Sendable {
    public enum State: Hashable, Sendable {
        /// Before `.started`.
        case notStarted
        /// A question is pending; `misses` counts the answers not understood in a row.
        case asking(Question, misses: Int)
        /// The customer said yes to the summary; the runtime is writing the request.
        case committing(Form)
        /// The customer said yes to a cancellation or change of an existing request; the runtime is writing it.
        case changing(RequestChangeDraft)
        /// Goodbye or hand-off: nothing more is said.
        case ended

        public var name: String {
            switch self {
            case .notStarted: "not_started"
            case .asking(let question, _): question.name
            case .committing: "committing"
            case .changing: "changing_request"
            case .ended: "ended"
            }
        }
    }

    public enum Event: Hashable, Sendable {
        case started
        case user(Interpretation)
        /// The account as stored now, and the clock: the runtime sends it whenever it may have changed.
        case refreshed(AccountSnapshot, now: Date)
        /// The store wrote the request asked by `.commit`.
        case committed(Request)
        /// The store refused it at the last moment (another session took the line, …): nothing was written.
        case commitRefused(Refusal)
        /// A session saved earlier takes up where it stopped (instead of `.started`): its pending question is asked
        /// again, checked against the account as it is now; a summary is shown again and needs a fresh yes.
        case resumed(Checkpoint)
        /// The store wrote the change asked by `.cancelRequest` or `.changeMode`.
        case requestChanged(Request)
        /// The lifecycle no longer allowed it (the back office moved the request meanwhile): nothing was written.
        case requestChangeRefused(RequestReference)
        /// The runtime put the hand-off in the agents' queue as case `number` (`Conversation+HandOff`).
        case caseOpened(Int)
    }

    public enum Effect: Hashable, Sendable {
        case say(Reply)
        /// Write this request, the contract being accepted: exactly the terms the summary showed, which the store
        /// checks again; answer with `.committed` or `.commitRefused`.
        case commit(RequestTerms)
        /// Cancel this request of the account; answer with `.requestChanged` or `.requestChangeRefused`.
        case cancelRequest(RequestReference)
        /// Switch this exchange to the mode; answer with `.requestChanged` or `.requestChangeRefused`.
        case changeMode(RequestReference, ShippingMode)
        case handOff(HandOff)
        case end
    }

    public internal(set) var state: State = .notStarted
    /// The session language: the default until the customer clearly writes in another one.
    public private(set) var language: Language
    public internal(set) var snapshot: AccountSnapshot
    /// The clock, for the return deadline in the summary.
    public private(set) var now: Date
    /// What an answer to a side question listed (the catalogue), for « le deuxième » on the next turn. What a pending
    /// question lists is known from the question itself (`listing(for:)`).
    public internal(set) var aside: Listing?
    /// The terms of the summary on screen, the only ones a yes can accept; forgotten once the yes is used or refused,
    /// or when another question replaces the summary. Never saved: a resumed session shows its summary again.
    public internal(set) var shownTerms: RequestTerms?
    /// Who reads the replies: in agent mode a caller asking for a human is guidance for the agent, not a hand-off.
    public var audience: Audience = .customer
    /// The request and the action behind an offer of an agent after a refused cancellation or change; nil otherwise.
    var agentOffer: (reference: RequestReference, wanted: RequestAction)?

    /// The session language chosen explicitly (`/langue en`).
    public mutating func use(_ language: Language) {
        self.language = language
    }

    public init(snapshot: AccountSnapshot, language: Language, now: Date) {
        self.snapshot = snapshot
        self.language = language
        self.now = now
    }

    public var account: AccountID { snapshot.account }
    var catalog: Catalog { snapshot.catalog }

    public mutating func handle(_ event: Event) -> [Effect] {
        switch event {
        case .started:
            guard case .notStarted = state else { return [] }
            return ask(.whatToDo(pending: Slots()), saying: [Reply("conv.greeting")])

        case .resumed(let checkpoint):
            guard case .notStarted = state else { return [] }
            return resume(checkpoint)

        case .refreshed(let snapshot, let now):
            self.snapshot = snapshot
            self.now = now
            return []

        case .user(let interpretation):
            guard case .asking(let question, let misses) = state else { return [] }
            adoptLanguage(of: interpretation)
            let listed = aside ?? listing(for: question.underlying)
            aside = nil
            var heard = interpretation
            switch resolve(&heard, question: question, listed: listed) {
            case .resolved(let noted): return hear(heard, question: question, misses: misses, noted: noted)
            case .answered(let effects): return effects
            }

        case .committed(let request):
            guard case .committing = state else { return [] }
            shownTerms = nil
            if !snapshot.requests.contains(where: { $0.reference == request.reference }) { snapshot.requests.append(request) }
            return ask(.whatToDo(pending: Slots()), saying: confirmation(of: request) + [Reply("conv.ask.anything_else")], prompting: false)

        case .commitRefused(let refusal):
            guard case .committing(var form) = state else { return [] }
            shownTerms = nil
            switch refusal {
            case .lineNotOnAccount, .lineAlreadyHasPhone, .lineHasNoPhone, .requestInProgress, .lineBusy: form.line = nil
            case .sameModel, .unknownModel, .modelNotOrderable: form.model = nil
            // The same request, re-checked against the account as it is now: a new summary to accept.
            case .contractNotAccepted, .termsChanged: break
            }
            return proceed(form, saying: [Reply("conv.commit.refused"), phrase(refusal), Reply("conv.nothing_written")])

        case .requestChanged(let request):
            guard case .changing = state else { return [] }
            return changed(request)

        case .requestChangeRefused(let reference):
            guard case .changing = state else { return [] }
            return changeRefused(reference)

        case .caseOpened(let number):
            return caseOpened(number)
        }
    }

    // MARK: - One user turn

    mutating func hear(_ heard: Interpretation, question: Question, misses: Int, noted: [Field] = []) -> [Effect] {
        // « un T48S »: a model of no catalogue is said so, with the closest ones, and nothing is chosen for it.
        if let digits = heard.slots.incompleteLine, heard.slots.line == nil {
            return digitMissing(digits, heard: heard, question: question, misses: misses, noted: noted)
        }
        if let code = heard.slots.unknownModel, heard.slots.model == nil {
            return notInCatalogue(code, heard: heard, question: question, misses: misses, noted: noted)
        }
        let slots = heard.slots
        // At the summary only an unconditional yes is consent; a yes with a reservation is answered here.
        if case .confirmation(let form) = question, let effects = considerConsent(heard, form: form) { return effects }
        // The same holds for the summary of a change to a request already made.
        if case .requestChangeConfirmation(let change) = question, let effects = considerConsent(heard, change: change) {
            return effects
        }
        // Requests already made: their status, cancelling one, changing one (`Conversation+ExistingRequests`).
        if let effects = existingRequests(heard, question: question) { return effects }
        // Product and commercial questions (`Conversation+Products`): answered, nothing chosen, the question again.
        if let said = productAnswer(heard, question: question) { return askAgain(question, saying: said) }
        // Dropping the request in progress on a hunch would lose the customer's work: ask first.
        if Self.dropsTheRequest.contains(heard.intent), heard.confidence < Self.sureEnoughToDrop, question.form != nil {
            return ask(.guess(heard.intent, slots, then: question.underlying))
        }
        switch heard.intent {
        case .cancel: return cancel(question)
        case .goodbye: return goodbye(question)
        case .humanAgent: return handOff(question, reason: .asked)
        case .help, .askDeposit, .askShipping, .listModels, .requestStatus:
            return answer(heard.intent, slots: slots, then: question)
        case .greet:
            if !slots.isEmpty { return inform(slots, question: question, misses: misses, noted: noted) }
            return askAgain(question, saying: [Reply("conv.hello")])
        case .orderPhone: return answering(heard) { $0.request(.order, slots: slots, question: question, noted: noted) }
        case .changePhone: return answering(heard) { $0.request(.exchange, slots: slots, question: question, noted: noted) }
        case .returnPhone: return answering(heard) { $0.request(.return, slots: slots, question: question, noted: noted) }
        case .inform: return answering(heard) { $0.inform(slots, question: question, misses: misses, noted: noted) }
        case .affirm: return affirm(slots, question: question, misses: misses, noted: noted)
        case .deny: return deny(slots, question: question, misses: misses, noted: noted)
        case .outOfScope:
            if let guess = heard.bestGuess, Self.guessable.contains(guess), heard.confidence >= Self.worthGuessing {
                return ask(.guess(guess, slots, then: question.underlying))
            }
            // Surely about something else (the box, the bill, call forwarding…): say what plugphone does and where
            // else to go, take none of its values, and ask the pending question again.
            // It counts as a miss: the third in a row offers an agent, as « not understood » does.
            if heard.bestGuess == nil, heard.confidence >= Self.sureOutOfScope {
                if misses >= 2 { return notUnderstood(question, misses: misses) }
                let effects = askAgain(question, saying: [Reply("conv.out_of_scope")])
                if case .asking(let asked, _) = state { state = .asking(asked, misses: misses + 1) }
                return effects
            }
            if !slots.isEmpty { return inform(slots, question: question, misses: misses, noted: noted) }
            return notUnderstood(question, misses: misses)
        }
    }

    /// From this confidence, an `out_of_scope` the classifier chose itself is redirected rather than « not understood ».
    static let sureOutOfScope = 0.5
    /// Below this, a best guess is noise ("le chat est sur la table"), not worth offering.
    static let worthGuessing = 0.15
    /// Below this, cancel, goodbye or an agent is confirmed before the request in progress is dropped.
    static let sureEnoughToDrop = 0.5
    static let dropsTheRequest: Set<Intent> = [.cancel, .goodbye, .humanAgent]

    /// Intents worth offering back when the classifier was unsure.
    static let guessable: Set<Intent> = [
        .orderPhone, .changePhone, .returnPhone, .requestStatus, .askDeposit, .askShipping, .listModels,
        .cancel, .goodbye, .help, .humanAgent,
    ]

    /// The customer says what they want: start it, or switch the request in progress keeping what still applies.
    mutating func request(_ kind: RequestKind, slots: Slots, question: Question, noted: [Field]) -> [Effect] {
        if let current = question.form {
            if current.kind == kind { return fill(current, with: slots, noting: noted + early(slots, answering: question)) }
            return fill(current.switched(to: kind), with: slots, saying: [Reply("conv.ack.switch.\(kind.rawValue)")], noting: noted)
        }
        var given = slots
        if case .whatToDo(let pending) = question.underlying { given = pending.merged(with: slots) }
        return fill(Form(kind: kind), with: given)
    }

    /// Slot values alone: an answer, a correction, or something said before it was asked.
    mutating func inform(_ slots: Slots, question: Question, misses: Int, noted: [Field] = []) -> [Effect] {
        guard !slots.isEmpty else { return notUnderstood(question, misses: misses) }
        switch question.underlying {
        case .whatToDo(let pending):
            let given = pending.merged(with: slots)
            // A shipping mode only exists for an exchange.
            if given.shippingMode != nil { return fill(Form(kind: .exchange), with: given) }
            state = .asking(.whatToDo(pending: given), misses: 0)
            if noted.contains(.model), let model = given.model {
                return say([Reply("conv.ack.noted.model", ["model": .model(model)]), Reply("conv.ask.what_to_do_kinds")])
            }
            return say([Reply("conv.ask.what_to_do_noted")])
        case .switchKind(let form, _):
            return fill(form, with: slots, noting: noted)
        default:
            guard let form = question.form else { return notUnderstood(question, misses: misses) }
            return fill(form, with: slots, noting: noted + early(slots, answering: question))
        }
    }

    /// The slots of a turn that answer something else than the pending question ("un T46S" while the line is asked):
    /// they are taken and said, so that the same question does not come back as if nothing was heard.
    private func early(_ slots: Slots, answering question: Question) -> [Field] {
        let asked: Field
        switch question.underlying {
        case .line: asked = .line
        case .model: asked = .model
        case .shippingMode: asked = .mode
        default: return []
        }
        var given: [Field] = []
        if slots.line != nil { given.append(.line) }
        if slots.model != nil { given.append(.model) }
        if slots.shippingMode != nil { given.append(.mode) }
        if given.contains(asked) || (asked == .model && !slots.modelCandidates.isEmpty) { return [] }
        return given
    }

    private mutating func affirm(_ slots: Slots, question: Question, misses: Int, noted: [Field]) -> [Effect] {
        if case .requestChangeConfirmation(let change) = question { return accept(change, slots: slots) }
        if !slots.isEmpty { return inform(slots, question: question, misses: misses, noted: noted) }
        switch question {
        case .line(var form, let proposed?):
            form.line = proposed
            return proceed(form)
        case .switchKind(let form, let kind):
            return proceed(form.switched(to: kind))
        case .guess(let intent, let guessedSlots, let then):
            state = .asking(then, misses: 0)
            return hear(Interpretation(text: "", language: language, intent: intent, confidence: 1, slots: guessedSlots), question: then, misses: 0)
        case .human(let then):
            // An agent offered because a recorded request cannot be changed here: the customer accepts the offer.
            if let offer = agentOffer {
                let handOff = HandOff(account: account, language: language, reason: .asked, form: nil, step: question.name,
                                      request: offer.reference, wanted: offer.wanted)
                state = .ended
                return say([Reply("conv.handoff.intro")] + handOffLines(handOff)) + [.handOff(handOff), .end]
            }
            return handOff(then, reason: .notUnderstood)
        case .whatToDo:
            // "Oui" to "anything else?": then what?
            return ask(question)
        case .amendment(let form):
            // A yes to "what would you like to change?": the summary again, which a fresh yes accepts.
            return proceed(form)
        case .line, .model, .shippingMode, .confirmation, .whichRequest, .requestChangeConfirmation:
            return notUnderstood(question, misses: misses)
        }
    }

    private mutating func deny(_ slots: Slots, question: Question, misses: Int, noted: [Field]) -> [Effect] {
        // « non, plutôt le T46S »: a correction.
        if !slots.isEmpty { return inform(slots, question: question, misses: misses, noted: noted) }
        switch question {
        case .whatToDo:
            return goodbye(question)
        case .line(let form, _?):
            state = .asking(.line(form, proposed: nil), misses: 0)
            return say([Reply("conv.line.declined_only_one.\(form.kind.rawValue)")])
        case .confirmation(let form):
            return ask(.amendment(form))
        case .amendment:
            return cancel(question)
        case .switchKind(var form, _):
            form.line = nil
            return proceed(form, saying: [Reply("conv.ack.ok")])
        case .guess(_, _, let then), .human(let then):
            return ask(then, saying: [Reply("conv.ack.ok")])
        case .whichRequest(.status, _):
            return ask(.whatToDo(pending: Slots()), saying: [Reply("conv.ack.ok"), Reply("conv.ask.anything_else")], prompting: false)
        case .whichRequest, .requestChangeConfirmation:
            return ask(.whatToDo(pending: Slots()), saying: [Reply("conv.req.nothing_changed"), Reply("conv.ask.anything_else")], prompting: false)
        case .line, .model, .shippingMode:
            return notUnderstood(question, misses: misses)
        }
    }

    // MARK: - Filling and checking

    /// Takes every slot of one turn, then checks and asks for what is missing.
    mutating func fill(_ form: Form, with slots: Slots, saying said: [Reply] = [], noting noted: [Field] = []) -> [Effect] {
        var form = form
        if let line = slots.line { form.line = line }
        if let model = slots.model {
            form.model = model
            form.candidates = []
        } else if !slots.modelCandidates.isEmpty, form.kind != .return {
            form.model = nil
            form.candidates = slots.modelCandidates
        }
        if let mode = slots.shippingMode { form.mode = mode }
        return proceed(form, saying: said, noting: noted)
    }

    /// Checks what is known against the rules, says why a value is refused (dropping it), then asks for
    /// the first thing missing: line, model, shipping mode; or shows the summary.
    /// `noted` values are acknowledged once they have passed the rules (« C'est noté pour le Yealink T46S. »).
    mutating func proceed(_ form: Form, saying said: [Reply] = [], noting noted: [Field] = []) -> [Effect] {
        var form = form
        var said = said
        var line: Line?
        if let number = form.line {
            switch Rules.checkLine(number, for: form.kind, in: snapshot) {
            case .success(let checked):
                line = checked
            case .failure(let refusal):
                said.append(phrase(refusal))
                switch (refusal, form.kind) {
                case (.lineAlreadyHasPhone, .order):
                    return ask(.switchKind(form, to: .exchange), saying: said)
                case (.lineHasNoPhone, .exchange):
                    return ask(.switchKind(form, to: .order), saying: said)
                default:
                    form.line = nil
                }
            }
        }
        if form.kind == .return { form.model = nil }
        if form.kind != .exchange { form.mode = nil }
        if let id = form.model {
            let check = line.map { Rules.checkNewModel(id, on: $0, in: catalog) } ?? checkModel(id)
            if case .failure(let refusal) = check {
                said.append(phrase(refusal))
                form.model = nil
            }
        }

        for field in Field.allCases where noted.contains(field) {
            switch field {
            case .line: if let number = line?.number { said.append(Reply("conv.ack.noted.line", ["line": .line(number)])) }
            case .model: if let model = form.model { said.append(Reply("conv.ack.noted.model", ["model": .model(model)])) }
            case .mode: if let mode = form.mode { said.append(Reply("conv.ack.noted.mode", ["mode": .message(Reply("conv.mode.name.\(mode.rawValue)"))])) }
            }
        }

        guard let line else { return askLine(form, saying: said) }
        if form.kind != .return, form.model == nil {
            let offered = form.candidates.filter { id in catalog[id]?.orderable == true && id != line.phone }
            form.candidates = []
            if offered.count == 1, let only = offered.first {
                form.model = only
                return proceed(form, saying: said)
            }
            return ask(.model(form, among: offered.count > 1 ? offered : []), saying: said)
        }
        if form.kind == .exchange, form.mode == nil { return ask(.shippingMode(form), saying: said) }
        return ask(.confirmation(form), saying: said)
    }

    /// A model checked before its line is known: it must exist and still be sold.
    private func checkModel(_ id: PhoneModelID) -> Result<PhoneModel, Refusal> {
        guard let model = catalog[id] else { return .failure(.unknownModel(id)) }
        guard model.orderable else { return .failure(.modelNotOrderable(id)) }
        return .success(model)
    }

    private mutating func askLine(_ form: Form, saying said: [Reply]) -> [Effect] {
        let eligible = Rules.eligibleLines(for: form.kind, in: snapshot)
        guard !eligible.isEmpty else {
            return ask(.whatToDo(pending: Slots()), saying: said + [Reply("conv.line.none_eligible.\(form.kind.rawValue)"), Reply("conv.ask.anything_else")], prompting: false)
        }
        return ask(.line(form, proposed: eligible.count == 1 ? eligible[0].number : nil), saying: said)
    }

    // MARK: - Asking

    /// Sets the pending question and says it (after whatever comes first).
    mutating func ask(_ question: Question, saying said: [Reply] = [], prompting: Bool = true) -> [Effect] {
        state = .asking(question, misses: 0)
        agentOffer = nil
        noteSummary(of: question, shown: prompting)
        return say(said + (prompting ? prompt(question) : []))
    }

    func say(_ replies: [Reply]) -> [Effect] { replies.map(Effect.say) }

    /// Not understood: a clearer reprompt, then one with examples, then the offer of an agent.
    private mutating func notUnderstood(_ question: Question, misses: Int) -> [Effect] {
        let key = question.key
        switch misses {
        case 0:
            state = .asking(question, misses: 1)
            return say([Reply("conv.reprompt.\(key)", repromptArguments(question))])
        case 1:
            state = .asking(question, misses: 2)
            return say([Reply("conv.examples.\(key)", repromptArguments(question))])
        default:
            if case .human(let then) = question { return handOff(then, reason: .notUnderstood) }
            return ask(.human(then: question.underlying))
        }
    }

    // MARK: - Side questions, cancel, goodbye, agent

    private mutating func answer(_ intent: Intent, slots: Slots, then question: Question) -> [Effect] {
        askAgain(question, saying: sideAnswer(intent, slots: slots, question: question))
    }

    /// The answer to a side question (help, deposits, shipping, the catalogue, the requests).
    mutating func sideAnswer(_ intent: Intent, slots: Slots, question: Question) -> [Reply] {
        var said: [Reply] = []
        switch intent {
        case .help:
            said.append(Reply("conv.help"))
        case .askDeposit:
            said.append(contentsOf: depositAnswer(slots: slots, form: question.form))
        case .askShipping:
            said.append(Reply("conv.info.shipping", ["days": .verbatim(String(ReturnDeadline.days))]))
        case .listModels:
            // « le T54W a le bluetooth ? », « j'hésite entre le T46S et le W56P »: those models, side by side.
            let named = slots.model.map { [$0] } ?? slots.modelCandidates
            if !named.isEmpty {
                said.append(contentsOf: namedModelsAnswer(named))
                aside = .models(named)
            } else if case .model = question.underlying {} else {
                said.append(contentsOf: catalogAnswer())
                aside = .models(catalog.orderable.map(\.id))
            }
        case .requestStatus:
            said.append(contentsOf: statusAnswer())
        default:
            break
        }
        return said
    }

    /// The pending question again after an aside. At the summary, the whole summary is shown again: the yes that
    /// follows accepts the summary displayed just before it, never one hidden above another request's status.
    mutating func askAgain(_ question: Question, saying said: [Reply]) -> [Effect] {
        ask(question, saying: said)
    }

    private mutating func cancel(_ question: Question) -> [Effect] {
        let said = question.form == nil ? Reply("conv.cancelled.nothing") : Reply("conv.cancelled.request")
        return ask(.whatToDo(pending: Slots()), saying: [said, Reply("conv.ask.anything_else")], prompting: false)
    }

    private mutating func goodbye(_ question: Question) -> [Effect] {
        state = .ended
        let said = question.form == nil ? [Reply("conv.goodbye")] : [Reply("conv.nothing_written"), Reply("conv.goodbye")]
        return say(said) + [.end]
    }

    private mutating func handOff(_ question: Question, reason: HandOff.Reason) -> [Effect] {
        if audience == .agent { return transferGuidance(question, reason: reason) }
        var handOff = HandOff(account: account, language: language, reason: reason, form: question.form, step: question.underlying.name)
        if question.underlying.form != nil { handOff.draft = question.underlying }
        state = .ended
        return say([Reply("conv.handoff.intro")] + handOffLines(handOff)) + [.handOff(handOff), .end]
    }

    // MARK: - Language

    /// Follows the customer's language when the utterance says it clearly: two words or more, or a greeting.
    private mutating func adoptLanguage(of heard: Interpretation) {
        guard heard.language != language else { return }
        let words = heard.text.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains(where: \.isLetter) }
        if words.count >= 2 || (words.count == 1 && (heard.intent == .greet || heard.intent == .goodbye)) {
            language = heard.language
        }
    }
}

/// What an agent needs to take over: who, what was asked so far, where it stopped, and why.
public struct HandOff: Hashable, Sendable {
    public enum Reason: String, Hashable, Sendable {
        /// The customer asked for a human.
        case asked
        /// Three answers in a row were not understood.
        case notUnderstood = "not_understood"
    }

    public var account: AccountID
    public var language: Language
    public var reason: Reason
    public var form: Form?
    /// The pending question, by name.
    public var step: String
    /// The question pending beneath the hand-off, with the request drafted so far: an agent resumes from it.
    public var draft: Question?
    /// A recorded request the customer wanted to act on when the agent was offered (a refused cancellation).
    public var request: RequestReference?
    /// What the customer wanted to do with `request`.
    public var wanted: RequestAction?

    public init(account: AccountID, language: Language, reason: Reason, form: Form?, step: String,
                request: RequestReference? = nil, wanted: RequestAction? = nil) {
        self.account = account
        self.language = language
        self.reason = reason
        self.form = form
        self.step = step
        self.request = request
        self.wanted = wanted
    }
}

extension Slots {
    /// These slots, with `newer` taking precedence.
    func merged(with newer: Slots) -> Slots {
        Slots(
            line: newer.line ?? line,
            model: newer.model ?? (newer.modelCandidates.isEmpty ? model : nil),
            modelCandidates: newer.model != nil ? [] : (newer.modelCandidates.isEmpty ? modelCandidates : newer.modelCandidates),
            shippingMode: newer.shippingMode ?? shippingMode
        )
    }

    /// True when nothing here contradicts the form ("oui, le T46S" to a summary about the T46S).
    func agrees(with form: Form) -> Bool {
        (line == nil || line == form.line) && (model == nil || model == form.model)
            && modelCandidates.isEmpty && (shippingMode == nil || shippingMode == form.mode)
    }
}

// MARK: - References: "l'autre ligne", « le deuxième »

extension Conversation {
    /// What a turn's references came to.
    enum Resolution {
        /// The references became plain slots (or were dropped); go on with the turn, acknowledging `noted`.
        case resolved(noted: [Field])
        /// The references needed an answer of their own (several other lines, a position past the end of the list).
        case answered([Effect])
    }

    /// What the pending question lists, for « le deuxième »: the lines or models it shows.
    func listing(for question: Question) -> Listing? {
        switch question {
        case .line(let form, nil):
            return .lines(Rules.eligibleLines(for: form.kind, in: snapshot).map(\.number))
        case .line(_, let proposed?):
            return .lines([proposed])
        case .model(let form, let among):
            return .models(among.isEmpty ? offeredModels(form).map(\.id) : among)
        case .whichRequest(_, let among):
            return .requests(among)
        default:
            return nil
        }
    }

    /// Turns "l'autre ligne" into a line of the account, and « le deuxième » into what was listed in that place.
    /// A reference with nothing to point at is dropped: the turn goes on with what else it said.
    mutating func resolve(_ heard: inout Interpretation, question: Question, listed: Listing?) -> Resolution {
        var noted: [Field] = []
        resolveLineEnding(&heard)
        if let ordinal = heard.slots.ordinal {
            heard.slots.ordinal = nil
            let named = heard.slots.line != nil || heard.slots.model != nil || !heard.slots.modelCandidates.isEmpty
            if !named, let listed {
                let count: Int
                switch listed {
                case .lines(let lines): count = lines.count
                case .requests(let references): count = references.count
                case .models(let models): count = models.count
                }
                let index: Int
                switch ordinal {
                case .position(let n): index = n - 1
                case .last: index = count - 1
                }
                guard index >= 0, index < count else {
                    return .answered(askAgain(question, saying: [Reply("conv.choice.out_of_range", ["count": .verbatim(String(count))])]))
                }
                switch listed {
                case .lines(let lines): heard.slots.line = lines[index]
                case .requests(let references): heard.slots.reference = references[index]
                case .models(let models): heard.slots.model = models[index]
                }
                // Pointing into an aside's list (the catalogue) answers no question: say what was taken.
                if listing(for: question.underlying) != listed, let field = listed.field { noted.append(field) }
            }
        }
        if heard.slots.lineReference == .other {
            heard.slots.lineReference = nil
            guard heard.slots.line == nil, let form = question.form else { return .resolved(noted: noted) }
            let kind = Self.requestKind(of: heard.intent) ?? form.kind
            var reference = form.line
            if case .line(_, let proposed?) = question.underlying { reference = reference ?? proposed }
            if case .switchKind(let offered, _) = question.underlying { reference = offered.line }
            let others = Rules.eligibleLines(for: kind, in: snapshot).filter { $0.number != reference }
            switch others.count {
            case 1:
                heard.slots.line = others[0].number
                noted.append(.line)
            case 0:
                var said = [whyNoOtherLine(for: kind, besides: reference)]
                if let kept = form.line { said.append(Reply("conv.line_ref.kept", ["line": .line(kept)])) }
                return .answered(askAgain(question, saying: said))
            default:
                var asked = form.switched(to: kind)
                asked.line = nil
                return .answered(ask(.line(asked, proposed: nil), saying: [Reply("conv.line_ref.several")]))
            }
        }
        return .resolved(noted: noted)
    }

    /// Why no other line of the account suits the request: each one's refusal.
    private func whyNoOtherLine(for kind: RequestKind, besides reference: LineNumber?) -> Reply {
        let reasons = snapshot.lines.filter { $0.account == account && $0.number != reference }.compactMap { line -> Reply? in
            guard case .failure(let refusal) = Rules.checkLine(line.number, for: kind, in: snapshot) else { return nil }
            return Reply("conv.line_ref.reason", ["reason": .message(phrase(refusal))])
        }
        if reasons.isEmpty { return Reply("conv.line_ref.no_other_line") }
        return Reply("conv.line_ref.none.\(kind.rawValue)", ["reasons": .lines(reasons)])
    }

    static func requestKind(of intent: Intent) -> RequestKind? {
        switch intent {
        case .orderPhone: .order
        case .changePhone: .exchange
        case .returnPhone: .return
        default: nil
        }
    }
}

/// A value of the request, for acknowledging those given before they were asked.
enum Field: CaseIterable, Hashable, Sendable {
    case line, model, mode
}

/// What a reply listed, in the order shown, so that « le deuxième » can point into it.
public enum Listing: Hashable, Sendable {
    case lines([LineNumber])
    case models([PhoneModelID])
    /// Requests already made (« laquelle ? »).
    case requests([RequestReference])

    var field: Field? {
        switch self {
        case .lines: .line
        case .models: .model
        case .requests: nil
        }
    }
}
