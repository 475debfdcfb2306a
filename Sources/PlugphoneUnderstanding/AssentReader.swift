import Foundation
import PlugphoneLocalization

/// How far the yes of an utterance goes. Accepting a summary takes an unconditional yes: « oui », « je confirme »,
/// "yes please"; « oui mais c'est trop cher », « oui ? » or "sure, wait" are not consent (docs/reference.md §5).
public enum Assent: Hashable, Sendable {
    /// Words of acceptance only, with politeness (`Locales/<lang>/consent.yaml`).
    case unconditional
    /// A word of acceptance, and something that holds it back.
    case qualified(Set<Reservation>)
}

/// What keeps a yes from being consent.
public enum Reservation: String, Hashable, Sendable, CaseIterable, Codable {
    /// « oui, mais en fait non », "yes, no wait".
    case negation
    /// « oui mais … », "yes but …", « sauf que … ».
    case contrast
    /// « oui enfin attendez », "sure, wait", « euh ».
    case hesitation
    /// « oui ? », « oui mais c'est combien déjà ? ».
    case question
    /// Anything else beside the yes: another wish, a new value (« envoyez-le à mon bureau »).
    case otherWords = "other_words"
}

/// Reads the assent of an utterance from the word lists of `consent.yaml` (acceptance, neutral, contrast,
/// hesitation) and of `normalization.yaml` (negations, question words). No word is written in Swift.
struct AssentReader: Sendable {
    enum Category: Sendable, Hashable {
        case acceptance, neutral, contrast, hesitation, negation, question
    }

    private var matcher = PhraseMatcher<Category>()
    /// Characters that make the utterance a question (`?`, `？`, `¿`).
    private var questionMarks: Set<Character> = []
    /// The scalars of the approving symbols (`👍`, `✅`); other symbols beside a yes hold it back.
    private var approvingSymbols: Set<Unicode.Scalar> = []
    /// The acceptance phrases of every language, as written: a neutral match written as one ("sure", which folds
    /// like « sur ») accepts; « sur » itself stays neutral.
    private var accepting: Set<[String]> = []

    var isEmpty: Bool { matcher.isEmpty }

    mutating func add(_ resources: LanguageResources, words: (String) -> [String]) {
        let consent = resources.consent
        // Longest phrases win in the matcher, so « pas de souci » (acceptance) is not read as a negation.
        for phrase in consent.acceptance {
            matcher.add(words(phrase), .acceptance)
            accepting.insert(words(phrase))
        }
        for phrase in consent.neutral { matcher.add(words(phrase), .neutral) }
        for phrase in consent.contrast { matcher.add(words(phrase), .contrast) }
        for phrase in consent.hesitation { matcher.add(words(phrase), .hesitation) }
        for phrase in resources.negations { matcher.add(words(phrase), .negation) }
        for phrase in resources.questionWords { matcher.add(words(phrase), .question) }
        questionMarks.formUnion(consent.questionMarks.compactMap(\.first))
        for symbol in consent.approvingSymbols { approvingSymbols.formUnion(symbol.unicodeScalars) }
    }

    /// nil when the utterance holds no word of acceptance.
    func read(_ text: String, _ analysis: Analysis) -> Assent? {
        let matches = matcher.matches(analysis.folded, claimed: analysis.claimedMask).map { match in
            guard match.payload == .neutral, accepting.contains(analysis.tokens[match.start..<(match.start + match.length)].map(\.text)) else { return match }
            var accepted = match
            accepted.payload = .acceptance
            return accepted
        }
        guard matches.contains(where: { $0.payload == .acceptance }) else { return nil }
        var reservations: Set<Reservation> = []
        // A restated line, model or shipping mode is covered (the conversation checks it agrees with the summary);
        // an amount, a number or a pointer (« oui, pour 10 € », « oui, le deuxième ») restates something else.
        var covered = analysis.claims.map { claim -> Bool in
            switch claim {
            case .line?, .model?, .shipping?: return true
            case .price?, .reference?, nil: return false
            }
        }
        for match in matches {
            for k in match.start..<(match.start + match.length) { covered[k] = true }
            switch match.payload {
            case .acceptance, .neutral: break
            case .contrast: reservations.insert(.contrast)
            case .hesitation: reservations.insert(.hesitation)
            case .negation: reservations.insert(.negation)
            case .question: reservations.insert(.question)
            }
        }
        if text.contains(where: questionMarks.contains) { reservations.insert(.question) }
        if covered.contains(false) { reservations.insert(.otherWords) }
        // Emoji and other symbols are dropped by the tokenizer: one that does not approve (« oui 🤔 ») holds the yes back.
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .otherSymbol && !approvingSymbols.contains($0) }) {
            reservations.insert(.otherWords)
        }
        return reservations.isEmpty ? .unconditional : .qualified(reservations)
    }

    /// The utterance without its words of acceptance (« oui mais c'est combien déjà ? » → « mais c'est combien déjà »),
    /// for what else it says; nil when nothing is left.
    func remainder(of analysis: Analysis) -> Analysis? {
        var accepting = Array(repeating: false, count: analysis.tokens.count)
        for match in matcher.matches(analysis.folded, claimed: analysis.claimedMask) where match.payload == .acceptance {
            for k in match.start..<(match.start + match.length) { accepting[k] = true }
        }
        let kept = analysis.tokens.indices.filter { !accepting[$0] }
        guard !kept.isEmpty, kept.count < analysis.tokens.count else { return nil }
        var rest = Analysis(tokens: kept.map { analysis.tokens[$0] })
        rest.claims = kept.map { analysis.claims[$0] }
        rest.slots = analysis.slots
        return rest
    }
}

/// The lists of `consent.yaml`.
struct ConsentWords: Sendable {
    /// Phrases that accept: « oui », « je confirme », "I agree".
    var acceptance: [String] = []
    /// Words that neither add to a yes nor take from it: politeness, articles before a restated value.
    var neutral: [String] = []
    /// « mais », "but", « sauf ».
    var contrast: [String] = []
    /// « attendez », « euh », "wait", "hold on".
    var hesitation: [String] = []
    var questionMarks: [String] = []
    /// Symbols that approve (« oui 👍 »); any other symbol beside a yes (« oui 🤔 ») is a reservation.
    var approvingSymbols: [String] = []
}
