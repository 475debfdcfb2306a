import PlugphoneDomain
import PlugphoneLocalization

/// What a customer means by one utterance (docs/reference.md §2).
public enum Intent: String, Sendable, Codable, CaseIterable, Hashable {
    case orderPhone = "order_phone"
    case changePhone = "change_phone"
    case returnPhone = "return_phone"
    case requestStatus = "request_status"
    case askDeposit = "ask_deposit"
    case askShipping = "ask_shipping"
    case listModels = "list_models"
    /// The utterance only gives slot values: "le 09 72 10 10 11", "un yealink t46s", "en express".
    case inform
    case affirm
    case deny
    case cancel
    case help
    case greet
    case goodbye
    case humanAgent = "human_agent"
    case outOfScope = "out_of_scope"
}

/// A line named by its relation to the one under discussion ("l'autre ligne", "the other line"): the conversation
/// resolves it against the account's lines.
public enum LineReference: String, Hashable, Sendable, Codable {
    case other
}

/// A pointer into what the assistant just listed (« le deuxième », "le 2", "the last one"): the conversation resolves it.
public enum Ordinal: Hashable, Sendable, Codable {
    /// 1-based.
    case position(Int)
    case last

    /// `2`, `last`: the value of `parse --json`'s `ordinal` key.
    public var jsonValue: String {
        switch self {
        case .position(let n): String(n)
        case .last: "last"
        }
    }

    /// `"2"` → `.position(2)`, `"last"` → `.last`: how data and annotations write it.
    public init?(jsonValue: String) {
        if jsonValue == "last" { self = .last } else if let n = Int(jsonValue), n > 0 { self = .position(n) } else { return nil }
    }
}

/// The slot values an utterance states, normalised. Only what the utterance says.
public struct Slots: Hashable, Sendable, Codable {
    /// E.164.
    public var line: LineNumber?
    /// Set when exactly one catalog model fits.
    public var model: PhoneModelID?
    /// Set when several models fit ("le Yealink", "le sans-fil"): the conversation asks which one.
    public var modelCandidates: [PhoneModelID]
    public var shippingMode: ShippingMode?
    /// "L'autre ligne": a line relative to the one under discussion.
    public var lineReference: LineReference?
    /// « Le deuxième »: a position in what was just listed.
    public var ordinal: Ordinal?
    /// A request named by its reference, `RMA-000001`.
    public var reference: RequestReference?
    /// A request named by when it was made (« celle que je viens de faire »).
    public var requestPointer: RequestPointer?
    /// A line named by its last digits (« la ligne 12 »): the conversation matches it against the account's lines.
    public var lineEnding: String?
    /// A request named by its kind (« ma commande », « mon échange »).
    public var requestKind: RequestKind?
    /// A model code as written that is not in the catalogue (« un T48S » → `T48S`): never replaced by a close one.
    public var unknownModel: String?
    /// Models the utterance rules out (« pas le W56P »), in catalogue order. Not a value to fill: never chosen.
    public var excludedModels: [PhoneModelID] = []
    /// The digits of a French number one digit short (« 09 72 10 10 1 » → `097210101`): never a line.
    public var incompleteLine: String?
    /// What a product question asks about (« le T54W a le bluetooth ? » → `bluetooth`): a catalogue feature key, or
    /// `dect` for the kind. Not a value to fill.
    public var feature: String?

    public init(
        line: LineNumber? = nil, model: PhoneModelID? = nil, modelCandidates: [PhoneModelID] = [], shippingMode: ShippingMode? = nil,
        lineReference: LineReference? = nil, ordinal: Ordinal? = nil
    ) {
        self.line = line
        self.model = model
        self.modelCandidates = modelCandidates
        self.shippingMode = shippingMode
        self.lineReference = lineReference
        self.ordinal = ordinal
    }

    public var isEmpty: Bool {
        line == nil && model == nil && modelCandidates.isEmpty && shippingMode == nil && lineReference == nil && ordinal == nil
            && unknownModel == nil && incompleteLine == nil
    }
}

/// The result of understanding one utterance.
public struct Interpretation: Hashable, Sendable {
    public var text: String
    /// The language detected for this utterance.
    public var language: Language
    public var intent: Intent
    /// 0…1. Below the classifier's threshold the intent is `outOfScope` and `bestGuess` holds what it would have been.
    public var confidence: Double
    public var slots: Slots
    /// The most likely intent when confidence was too low to assert it, so the conversation can offer it.
    public var bestGuess: Intent?
    /// How far the utterance's yes goes, when it holds one: only an unconditional yes accepts a summary.
    public var assent: Assent?
    /// A finer meaning inside `intent`: an action on a request already made.
    public var act: RequestAct?
    /// Questions a request asks on the way (« …, c'est combien ? et ça prend combien de temps ? »): answered in the same
    /// reply as the request goes on (`ask_deposit`, `ask_shipping`), in the order of `Intent`'s cases.
    public var alsoAsks: [Intent] = []

    public init(
        text: String, language: Language, intent: Intent, confidence: Double, slots: Slots = Slots(), bestGuess: Intent? = nil,
        assent: Assent? = nil
    ) {
        self.text = text
        self.language = language
        self.intent = intent
        self.confidence = confidence
        self.slots = slots
        self.bestGuess = bestGuess
        self.assent = assent
    }
}
