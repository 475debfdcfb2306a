import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import Yams

/// Finds product and commercial questions (issue 10, item 8) from `Locales/<lang>/products.yaml`: a comparison, the
/// cheapest or dearest model, the cordless ones, a feature of a named model, HT or TTC, how the deposit is paid, the
/// contract's text. The finding is an `act` inside one of the 16 intents (`list_models`, `ask_deposit`, `help`).
///
/// Phrases are data. A superlative, « sans fil » or a feature is a question only when the utterance asks (a question
/// mark or a question word): « le moins cher » alone answers « quel modèle ? ». A request (order, exchange, return),
/// a cancellation, a status question or a sure out-of-scope keep their intent and get no act.
public struct ProductActExtractor: Sendable {
    /// In the order they are tried: the first act whose phrase is in the utterance wins.
    var plain: [(RequestAct, [[String]])] = []
    /// Acts that need the utterance to ask something.
    var asked: [(RequestAct, [[String]])] = []
    var questionWords: [[String]] = []
    /// Feature key (`bluetooth`, `colour_screen`, `dect`, …) → phrases.
    var features: [(String, [[String]])] = []
    /// Questions a request may ask on the way (`also_asks`): the intent answered → phrases.
    var alsoAsks: [(Intent, [[String]])] = []

    public init() {}

    struct Source: Sendable {
        let lists: [String: [String]]
        let features: [String: [String]]
        let alsoAsks: [String: [String]]
    }

    static let plainKeys: [(String, RequestAct)] = [
        ("read_contract", .readContract), ("deposit_payment", .depositPayment), ("ask_vat", .askVAT), ("compare_models", .compareModels),
    ]
    static let askedKeys: [(String, RequestAct)] = [("cheapest", .cheapest), ("most_expensive", .mostExpensive), ("list_cordless", .listCordless)]

    /// Reads and checks every language's `products.yaml` (a missing file adds nothing; a malformed one is an error
    /// naming the file and line).
    static func sources(_ locales: LocalesSource) throws -> [Source] {
        try Language.allCases.compactMap { language in
            let name = "products.yaml"
            guard let text = locales.text(language, name) else { return nil }
            let doc = try LocaleYAML(text, file: locales.displayPath(language, name))
            guard let map = try doc.topMapping() else { return nil }
            var lists: [String: [String]] = [:]
            for key in (plainKeys + askedKeys).map(\.0) + ["question_words"] { lists[key] = try doc.strings(map[key], what: key) ?? [] }
            let features = try doc.listMap(map["features"], what: "features") ?? [:]
            let alsoAsks = try doc.listMap(map["also_asks"], what: "also_asks") ?? [:]
            for key in alsoAsks.keys where Intent(rawValue: key) == nil {
                throw LocaleDataError(file: locales.displayPath(language, name), reason: "also_asks: \(key) is not an intent")
            }
            return Source(lists: lists, features: features, alsoAsks: alsoAsks)
        }
    }

    static func load(_ sources: [Source], words: (String) -> [String]) -> ProductActExtractor {
        var extractor = ProductActExtractor()
        func phrases(_ list: [String]) -> [[String]] { list.map { words($0) }.filter { !$0.isEmpty } }
        for (key, act) in plainKeys {
            extractor.plain.append((act, sources.flatMap { phrases($0.lists[key] ?? []) }))
        }
        for (key, act) in askedKeys {
            extractor.asked.append((act, sources.flatMap { phrases($0.lists[key] ?? []) }))
        }
        extractor.questionWords = sources.flatMap { phrases($0.lists["question_words"] ?? []) }
        let keys = Set(sources.flatMap(\.features.keys)).sorted()
        for key in keys {
            extractor.features.append((key, sources.flatMap { phrases($0.features[key] ?? []) }))
        }
        for intent in Intent.allCases {
            let list = sources.flatMap { phrases($0.alsoAsks[intent.rawValue] ?? []) }
            if !list.isEmpty { extractor.alsoAsks.append((intent, list)) }
        }
        return extractor
    }

    /// Intents whose turn may carry side questions answered on the way.
    static let requests: Set<Intent> = [.orderPhone, .changePhone, .returnPhone, .inform]

    /// The side questions of a request (« je voudrais un sans-fil, c'est combien ? »), asked with a question mark.
    func applyAlsoAsks(to interpretation: inout Interpretation, text: String, words: [String]) {
        guard Self.requests.contains(interpretation.intent), Understander.asksSomething(text) else { return }
        interpretation.alsoAsks = alsoAsks.filter { RequestActExtractor.contains($0.1, in: words) }.map(\.0)
    }

    /// Intents that stay as they are: the customer asks for something, not about the catalogue.
    static let kept: Set<Intent> = [
        .orderPhone, .changePhone, .returnPhone, .cancel, .goodbye, .humanAgent, .requestStatus, .affirm, .deny,
    ]

    /// Adds the product question of `words` to `interpretation`, if it asks one.
    func apply(to interpretation: inout Interpretation, text: String, words: [String]) {
        guard interpretation.act == nil, !Self.kept.contains(interpretation.intent) else { return }
        // « un sans-fil si possible, c'est combien ? »: values with a question asked on the way are a request's, not a
        // question about the catalogue (`also_asks`).
        let asksOnTheWay = alsoAsks.contains { RequestActExtractor.contains($0.1, in: words) }
        if interpretation.intent == .inform, asksOnTheWay { return }
        let sureOutOfScope = interpretation.intent == .outOfScope && interpretation.bestGuess == nil && interpretation.confidence >= 0.5
        // With a price or delay asked on the way, « sans fil » or « le moins cher » describe the phone wanted.
        let asks = !asksOnTheWay && (Understander.asksSomething(text) || RequestActExtractor.contains(questionWords, in: words))
        let named = interpretation.slots.model != nil || !interpretation.slots.modelCandidates.isEmpty
        var found: RequestAct?
        if let act = plain.first(where: { ($0.0 != .compareModels || named) && RequestActExtractor.contains($0.1, in: words) })?.0 {
            // A comparison needs models to compare (« la différence entre les deux modes d'envoi » is about shipping).
            found = act
        }
        // Only the contract's text is surely ours when the classifier thought otherwise; a sure out-of-scope keeps
        // its meaning for everything else (« le prix des appels TTC »).
        if sureOutOfScope, found != .readContract { return }
        if found != nil {
            // The phrase said it.
        } else if asks, let act = asked.first(where: { $0.0 != .listCordless && RequestActExtractor.contains($0.1, in: words) })?.0 {
            // « le sans-fil le moins cher ? »: a superlative before a feature (the kind is the pool, not the question).
            found = act
        } else if asks, interpretation.slots.model != nil,
                  let feature = features.first(where: { RequestActExtractor.contains($0.1, in: words) })?.0 {
            found = .askFeature
            interpretation.slots.feature = feature
        } else if asks, interpretation.intent != .inform, let act = asked.first(where: { RequestActExtractor.contains($0.1, in: words) })?.0 {
            // « un sans-fil ? » answering « quel modèle ? » is a value; « lesquels sont sans fil ? » a question.
            found = act
        }
        guard let act = found, let intent = act.productIntent else { return }
        interpretation.act = act
        interpretation.intent = intent
        interpretation.confidence = max(interpretation.confidence, 0.9)
        interpretation.bestGuess = nil
    }
}
