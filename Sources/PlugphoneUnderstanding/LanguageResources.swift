import Foundation
import PlugphoneLocalization
import Yams

/// Everything language-specific the understanding needs, read from `Locales/<lang>/`:
/// `nlu.yml` (Rasa layout: intents, synonyms, lookups, regexes), `normalization.yaml`, `numbers.yaml`, `models.yaml`,
/// `references.yaml`.
struct LanguageResources: Sendable {
    var language: Language
    var nlu: RasaNLU
    /// Single characters to replace before anything else (ligatures, currency symbols).
    var characters: [String: String] = [:]
    /// SMS and chat spellings → what they stand for (`jveux` → `je veux`).
    var sms: [String: String] = [:]
    /// Frequent grammatical words, for language detection.
    var stopWords: [String] = []
    /// Words that carry no intent by themselves (`le`, `svp`): an utterance of slot values and fillers is `inform`.
    var fillers: [String] = []
    /// Words that negate what follows (`pas`, `not`).
    var negations: [String] = []
    /// Words that make an utterance a question about what it names (`comment`, `how`).
    var questionWords: [String] = []
    /// Phrases for "the other line" (`references.yaml`).
    var otherLine: [String] = []
    /// Position (`1`, `2`, …, `last`) → words that point at it in a list (`deuxième`).
    var ordinals: [String: [String]] = [:]
    /// Words before a bare digit that make it a position (`le 2`).
    var ordinalHeads: [String] = []
    var numbers = NumberWords()
    /// Meaning (`cheapest`, `most_expensive`, `kind.dect`, `feature.bluetooth`) → phrases.
    var descriptions: [String: [String]] = [:]
    var currency: [String] = []
    /// Phrases before a price that make it a ceiling (`moins de 80 euros`).
    var priceAtMost: [String] = []
    /// Phrases right before a price that point at the model with that deposit (`celui à 90`).
    var pricePointers: [String] = []
    /// Words before a model that mean the customer's current phone (`mon T41S`), not the one wanted.
    var currentPhoneMarkers: [String] = []
    /// Before a model, one the customer rules out: « pas le W56P », « sauf le Gigaset » (issue 10, item 2).
    var exclusionMarkers: [String] = []
    /// Between two models, what separates the phone the customer has from the one wanted: « le cisco contre un
    /// sans-fil », « du W56P au T46S » (issue 10, item 4).
    var newPhoneMarkers: [String] = []
    /// Model id → extra names.
    var aliases: [String: [String]] = [:]
    /// What makes a yes consent or not (`consent.yaml`).
    var consent = ConsentWords()

    struct LoadError: Error, CustomStringConvertible, Sendable {
        var file: String
        var reason: String
        var description: String { "Cannot read \(file): \(reason)" }
    }

    static func load(_ language: Language, from directory: LocalesDirectory) throws -> LanguageResources {
        try load(language, from: LocalesSource(directory))
    }

    /// Reads and checks one language's data: a file that is not valid YAML, a value of the wrong shape, a key the
    /// program does not know (a misspelt `stop_word:` would otherwise be ignored) or an intent that is not one of the
    /// 16 is an error naming the file and the line.
    static func load(_ language: Language, from source: LocalesSource) throws -> LanguageResources {
        let nluName = "nlu.yml"
        guard let nluText = source.text(language, nluName) else {
            throw LocaleDataError(file: source.displayPath(language, nluName), reason: "missing: every language needs its intent examples")
        }
        let nlu = try RasaNLU.parse(nluText, file: source.displayPath(language, nluName))
        try nlu.checkIntents(file: source.displayPath(language, nluName))
        var resources = LanguageResources(language: language, nlu: nlu)

        if let (doc, map) = try document("normalization.yaml", language, source,
                                         keys: ["characters", "sms", "stop_words", "fillers", "negations", "question_words"]) {
            resources.characters = try doc.stringMap(map["characters"], what: "characters") ?? [:]
            resources.sms = try doc.stringMap(map["sms"], what: "sms") ?? [:]
            resources.stopWords = try doc.strings(map["stop_words"], what: "stop_words") ?? []
            resources.fillers = try doc.strings(map["fillers"], what: "fillers") ?? []
            resources.negations = try doc.strings(map["negations"], what: "negations") ?? []
            resources.questionWords = try doc.strings(map["question_words"], what: "question_words") ?? []
        }
        if let (doc, map) = try document("references.yaml", language, source, keys: ["other_line", "ordinals", "ordinal_heads"]) {
            resources.otherLine = try doc.strings(map["other_line"], what: "other_line") ?? []
            resources.ordinals = try doc.listMap(map["ordinals"], what: "ordinals") ?? [:]
            resources.ordinalHeads = try doc.strings(map["ordinal_heads"], what: "ordinal_heads") ?? []
        }
        if let (doc, map) = try document("numbers.yaml", language, source, keys: [
            "units", "teens", "tens", "tens_taking_teens", "multiplied_tens", "hundreds", "conjunctions", "repeaters", "ambiguous",
            "units_joining_tens",
        ]) {
            resources.numbers = NumberWords(
                units: try doc.intMap(map["units"], what: "units") ?? [:],
                teens: try doc.intMap(map["teens"], what: "teens") ?? [:],
                tens: try doc.intMap(map["tens"], what: "tens") ?? [:],
                tensTakingTeens: try doc.strings(map["tens_taking_teens"], what: "tens_taking_teens") ?? [],
                multipliedTens: try doc.intMap(map["multiplied_tens"], what: "multiplied_tens") ?? [:],
                hundreds: try doc.intMap(map["hundreds"], what: "hundreds") ?? [:],
                conjunctions: try doc.strings(map["conjunctions"], what: "conjunctions") ?? [],
                repeaters: try doc.intMap(map["repeaters"], what: "repeaters") ?? [:],
                ambiguous: try doc.strings(map["ambiguous"], what: "ambiguous") ?? []
            )
            resources.numbers.unitsJoiningTens = try doc.intMap(map["units_joining_tens"], what: "units_joining_tens") ?? [:]
        }
        if let (doc, map) = try document("models.yaml", language, source, keys: [
            "descriptions", "currency", "price_at_most", "price_pointers", "current_phone_markers", "exclusion_markers", "new_phone_markers", "aliases",
        ]) {
            resources.descriptions = try doc.listMap(map["descriptions"], what: "descriptions") ?? [:]
            resources.currency = try doc.strings(map["currency"], what: "currency") ?? []
            resources.priceAtMost = try doc.strings(map["price_at_most"], what: "price_at_most") ?? []
            resources.pricePointers = try doc.strings(map["price_pointers"], what: "price_pointers") ?? []
            resources.currentPhoneMarkers = try doc.strings(map["current_phone_markers"], what: "current_phone_markers") ?? []
            resources.exclusionMarkers = try doc.strings(map["exclusion_markers"], what: "exclusion_markers") ?? []
            resources.newPhoneMarkers = try doc.strings(map["new_phone_markers"], what: "new_phone_markers") ?? []
            resources.aliases = try doc.listMap(map["aliases"], what: "aliases") ?? [:]
        }
        // Without its words of acceptance nothing could ever be accepted: a missing or empty list is an error here.
        let consentName = "consent.yaml"
        let consentDocument = try document(consentName, language, source, keys: ["acceptance", "neutral", "contrast", "hesitation", "question_marks", "approving_symbols"])
        guard let (doc, map) = consentDocument, let acceptance = try doc.strings(map["acceptance"], what: "acceptance"), !acceptance.isEmpty else {
            throw LocaleDataError(file: source.displayPath(language, consentName), reason: "missing, or without an acceptance list")
        }
        resources.consent = ConsentWords(
            acceptance: acceptance, neutral: try doc.strings(map["neutral"], what: "neutral") ?? [],
            contrast: try doc.strings(map["contrast"], what: "contrast") ?? [],
            hesitation: try doc.strings(map["hesitation"], what: "hesitation") ?? [],
            questionMarks: try doc.strings(map["question_marks"], what: "question_marks") ?? [],
            approvingSymbols: try doc.strings(map["approving_symbols"], what: "approving_symbols") ?? []
        )
        return resources
    }

    /// One optional data file's top-level mapping, with every key checked against those the program reads.
    private static func document(
        _ name: String, _ language: Language, _ source: LocalesSource, keys: Set<String>
    ) throws -> (LocaleYAML, Node.Mapping)? {
        guard let text = source.text(language, name) else { return nil }
        let doc = try LocaleYAML(text, file: source.displayPath(language, name))
        guard let map = try doc.topMapping() else { return nil }
        for key in map.keys {
            guard let name = key.scalar?.string, keys.contains(name) else {
                throw doc.error("unknown key \(key.scalar?.string ?? "?"); the keys are \(keys.sorted().joined(separator: ", "))", at: key)
            }
        }
        return (doc, map)
    }
}
