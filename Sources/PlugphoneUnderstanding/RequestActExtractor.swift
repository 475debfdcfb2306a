import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import Yams

/// A finer meaning inside an intent (docs/reference.md §2 `act`): an action on a request already recorded, or a
/// product or commercial question (`ProductActExtractor`, `Locales/<lang>/products.yaml`).
public enum RequestAct: String, Hashable, Sendable, CaseIterable {
    /// « je veux annuler ma demande RMA-000001 »: intent `cancel`, about an existing request.
    case cancelRequest = "cancel_request"
    /// « je ne peux pas attendre, envoyez-le tout de suite »: change the shipping mode (or the phone) of an existing request.
    case changeRequest = "change_request"
    /// « comparez le T46S et le W56P », « comparez-moi les Cisco et les Yealink »: intent `list_models`.
    case compareModels = "compare_models"
    /// « le sans-fil le moins cher ? »: intent `list_models`.
    case cheapest
    /// « c'est lequel le plus cher ? »: intent `list_models`.
    case mostExpensive = "most_expensive"
    /// « lesquels sont sans fil ? »: intent `list_models`.
    case listCordless = "list_cordless"
    /// « le T54W a le bluetooth ? » (the feature in slot `feature`): intent `list_models`.
    case askFeature = "ask_feature"
    /// « c'est HT ou TTC ? »: intent `ask_deposit`.
    case askVAT = "ask_vat"
    /// « comment je paie la caution ? »: intent `ask_deposit`.
    case depositPayment = "deposit_payment"
    /// « je peux lire le contrat ? »: intent `help`.
    case readContract = "read_contract"

    /// The intent a product question is asked under (`nil` for the acts on requests).
    public var productIntent: Intent? {
        switch self {
        case .cancelRequest, .changeRequest: nil
        case .compareModels, .cheapest, .mostExpensive, .listCordless, .askFeature: .listModels
        case .askVAT, .depositPayment: .askDeposit
        case .readContract: .help
        }
    }
}

/// How an utterance names a request already made, besides its line and model.
public enum RequestPointer: String, Hashable, Sendable, Codable {
    /// « celle que je viens de faire », "the one I just made".
    case latest
}

/// Finds what an utterance says about requests already made, from `Locales/<lang>/requests.yaml`: the act
/// (cancel one, change one), a status question worded unlike the classifier's examples, a reference (`RMA-000001`),
/// « la demande que je viens de faire », and a line named by its last digits (« la ligne 12 »).
///
/// The phrases are data; they override the classifier only where they are certain of the meaning: a cancellation
/// phrase about a request is `cancel` with `act` `cancel_request`, a status phrase is `request_status`.
public struct RequestActExtractor: Sendable {
    var cancelPhrases: [[String]] = []
    var changePhrases: [[String]] = []
    var statusPhrases: [[String]] = []
    var latestPhrases: [[String]] = []
    /// Words right before the last digits of a line: « ligne », `line`.
    var lineHeads: Set<String> = []
    /// Phrases right before the last digits of a line (« celle qui finit par », « the one ending in », « la »): issue 10,
    /// item 5.
    var lineEndingPhrases: [[String]] = []
    /// « ma commande », « mon échange », « mon retour »: a request named by its kind.
    var kindPhrases: [(RequestKind, [String])] = []

    public init() {}

    static let referencePattern: NSRegularExpression? = try? NSRegularExpression(pattern: "\\bRMA[\\s-]*([0-9]{1,6})\\b", options: [.caseInsensitive])

    /// `text` without its request references, which are read from the raw text.
    static func removingReferences(_ text: String) -> String {
        guard let regex = referencePattern else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
    }

    /// One language's `requests.yaml`, parsed and checked, not yet turned into words.
    struct Source: Sendable {
        let kinds: [String: [String]]
        let lists: [String: [String]]
    }

    static let listKeys = ["cancel_request", "change_request", "request_status", "latest_request", "line_ending_heads", "line_ending_phrases"]

    /// Reads and checks every language's `requests.yaml` (a missing file adds nothing; a malformed one is an error
    /// naming the file and line).
    static func sources(_ locales: LocalesSource) throws -> [Source] {
        try Language.allCases.compactMap { language in
            let name = "requests.yaml"
            guard let text = locales.text(language, name) else { return nil }
            let doc = try LocaleYAML(text, file: locales.displayPath(language, name))
            guard let map = try doc.topMapping() else { return nil }
            var lists: [String: [String]] = [:]
            for key in listKeys { lists[key] = try doc.strings(map[key], what: key) ?? [] }
            let kinds = try doc.listMap(map["request_kind"], what: "request_kind") ?? [:]
            return Source(kinds: kinds, lists: lists)
        }
    }

    /// Turns the phrases of every language into words, with the normaliser of the understanding.
    static func load(_ sources: [Source], words: (String) -> [String]) throws -> RequestActExtractor {
        var extractor = RequestActExtractor()
        for source in sources {
            func phrases(_ key: String) -> [[String]] {
                (source.lists[key] ?? []).map { words($0) }.filter { !$0.isEmpty }
            }
            extractor.cancelPhrases += phrases("cancel_request")
            extractor.changePhrases += phrases("change_request")
            extractor.statusPhrases += phrases("request_status")
            extractor.latestPhrases += phrases("latest_request")
            extractor.lineHeads.formUnion(phrases("line_ending_heads").flatMap { $0 })
            extractor.lineEndingPhrases += phrases("line_ending_phrases")
            for kind in RequestKind.allCases {
                for phrase in (source.kinds[kind.rawValue] ?? []).map({ words($0) }) where !phrase.isEmpty {
                    extractor.kindPhrases.append((kind, phrase))
                }
            }
        }
        return extractor
    }
    /// Adds what `text` says about existing requests to `interpretation`.
    func apply(to interpretation: inout Interpretation, text: String, words: [String]) {
        if let regex = Self.referencePattern,
           let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
           let range = Range(match.range(at: 1), in: text), let n = Int(text[range]), n > 0 {
            interpretation.slots.reference = RequestReference(sequence: n)
        }
        if Self.contains(latestPhrases, in: words) { interpretation.slots.requestPointer = .latest }
        let kinds = Set(kindPhrases.filter { Self.contains([$0.1], in: words) }.map(\.0))
        if kinds.count == 1 { interpretation.slots.requestKind = kinds.first }
        for (k, word) in words.enumerated() where lineHeads.contains(word) && k + 1 < words.count {
            let next = words[k + 1]
            if (2...4).contains(next.count), next.allSatisfy(\.isASCII), next.allSatisfy(\.isNumber), interpretation.slots.line == nil {
                interpretation.slots.lineEnding = next
            }
        }
        if interpretation.slots.lineEnding == nil, interpretation.slots.line == nil {
            outer: for phrase in lineEndingPhrases where phrase.count < words.count {
                for start in 0..<(words.count - phrase.count) where Array(words[start..<(start + phrase.count)]) == phrase {
                    let next = words[start + phrase.count]
                    if (2...4).contains(next.count), next.allSatisfy(\.isASCII), next.allSatisfy(\.isNumber) {
                        interpretation.slots.lineEnding = next
                        break outer
                    }
                }
            }
        }
        let namesRequest = interpretation.slots.reference != nil || interpretation.slots.requestPointer != nil
        if Self.contains(cancelPhrases, in: words) || (interpretation.intent == .cancel && namesRequest) {
            interpretation.act = .cancelRequest
            interpretation.intent = .cancel
            interpretation.confidence = max(interpretation.confidence, 0.9)
            interpretation.bestGuess = nil
        } else if Self.contains(changePhrases, in: words) {
            // Changing an exchange already made is still about changing phones.
            interpretation.act = .changeRequest
            interpretation.intent = .changePhone
            interpretation.confidence = max(interpretation.confidence, 0.9)
            interpretation.bestGuess = nil
        } else if Self.contains(statusPhrases, in: words)
            || (interpretation.slots.reference != nil && [.outOfScope, .inform].contains(interpretation.intent)) {
            // A reference with nothing else asked about it: where it stands.
            interpretation.intent = .requestStatus
            interpretation.confidence = max(interpretation.confidence, 0.9)
            interpretation.bestGuess = nil
        }
    }

    static func contains(_ phrases: [[String]], in words: [String]) -> Bool {
        phrases.contains { phrase in
            guard phrase.count <= words.count else { return false }
            return (0...(words.count - phrase.count)).contains { start in Array(words[start..<(start + phrase.count)]) == phrase }
        }
    }
}
