import PlugphoneDomain
import PlugphoneUnderstanding

/// A request being filled in: what the customer wants and the slots known so far.
/// Only values that passed the rules are kept; a refused value is said and dropped.
public struct Form: Hashable, Sendable, Codable {
    public var kind: RequestKind
    public var line: LineNumber?
    /// The new phone: orders and exchanges only.
    public var model: PhoneModelID?
    /// Exchanges only.
    public var mode: ShippingMode?
    /// Models the customer named at once ("un Gigaset"), kept until the model is asked.
    public var candidates: [PhoneModelID]

    public init(kind: RequestKind, line: LineNumber? = nil, model: PhoneModelID? = nil, mode: ShippingMode? = nil, candidates: [PhoneModelID] = []) {
        self.kind = kind
        self.line = line
        self.model = model
        self.mode = mode
        self.candidates = candidates
    }

    /// The same request as another kind, keeping only what still applies.
    public func switched(to kind: RequestKind) -> Form {
        Form(
            kind: kind, line: line,
            model: kind == .return ? nil : model,
            mode: kind == .exchange ? mode : nil,
            candidates: kind == .return ? [] : candidates
        )
    }

    /// The draft to write, once every slot the kind needs is known.
    public var draft: RequestDraft? {
        switch kind {
        case .order:
            guard let line, let model else { return nil }
            return .order(line: line, model: model)
        case .exchange:
            guard let line, let model, let mode else { return nil }
            return .exchange(line: line, newModel: model, mode: mode)
        case .return:
            guard let line else { return nil }
            return .return(line: line)
        }
    }
}

/// What the assistant is waiting for. Each case carries the request being filled in, so that a side
/// question, a correction or a reprompt can resume exactly where the conversation was.
public indirect enum Question: Hashable, Sendable, Codable {
    /// Nothing requested yet. Slots said before the request are kept for it.
    case whatToDo(pending: Slots)
    /// Which line. `proposed` is the only eligible line, which a yes accepts.
    case line(Form, proposed: LineNumber?)
    /// Which new phone; `among` narrows the choice when the customer named several models at once.
    case model(Form, among: [PhoneModelID])
    case shippingMode(Form)
    /// The summary was shown: a yes accepts the contract and writes the request.
    case confirmation(Form)
    /// The summary was declined: what to change, or cancel.
    case amendment(Form)
    /// The line does not suit the request but suits another kind (an order on a line with a phone): offer it.
    case switchKind(Form, to: RequestKind)
    /// Low confidence: "did you mean …?", then back to `then`.
    case guess(Intent, Slots, then: Question)
    /// After three misunderstandings: "shall I pass you to an agent?", then back to `then`.
    case human(then: Question)
    /// Several requests fit what the customer said about an existing one: which one (`Conversation+ExistingRequests`).
    case whichRequest(RequestTask, among: [RequestReference])
    /// What a cancellation or a change of an existing request does was shown: a yes records it.
    case requestChangeConfirmation(RequestChangeDraft)

    /// The request being filled in, if any.
    public var form: Form? {
        switch self {
        case .whatToDo: nil
        case .line(let form, _), .model(let form, _), .shippingMode(let form), .confirmation(let form),
             .amendment(let form), .switchKind(let form, _):
            form
        case .guess(_, _, let then), .human(let then): then.form
        case .whichRequest, .requestChangeConfirmation: nil
        }
    }

    /// A short name for logs, `--json` and hand-offs.
    public var name: String {
        switch self {
        case .whatToDo: "what_to_do"
        case .line: "awaiting_line"
        case .model: "awaiting_model"
        case .shippingMode: "awaiting_shipping_mode"
        case .confirmation: "awaiting_confirmation"
        case .amendment: "amending"
        case .switchKind: "offering_other_request"
        case .guess: "confirming_guess"
        case .human: "offering_agent"
        case .whichRequest: "awaiting_request_choice"
        case .requestChangeConfirmation: "awaiting_request_change_confirmation"
        }
    }

    /// The question beneath an offer (guess, agent), which is what the customer was really being asked.
    var underlying: Question {
        switch self {
        case .guess(_, _, let then), .human(let then): then.underlying
        default: self
        }
    }
}
