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
        let folder = directory.folder(for: language)
        let nluURL = folder.appendingPathComponent("nlu.yml")
        var resources = LanguageResources(language: language, nlu: try RasaNLU.load(nluURL))

        if let map = try yaml(folder.appendingPathComponent("normalization.yaml")) {
            resources.characters = strings(map["characters"])
            resources.sms = strings(map["sms"])
            resources.stopWords = list(map["stop_words"])
            resources.fillers = list(map["fillers"])
            resources.negations = list(map["negations"])
            resources.questionWords = list(map["question_words"])
        }
        if let map = try yaml(folder.appendingPathComponent("references.yaml")) {
            resources.otherLine = list(map["other_line"])
            if let ordinals = map["ordinals"] as? [String: Any] {
                for (position, phrases) in ordinals { resources.ordinals["\(position)"] = list(phrases) }
            }
            resources.ordinalHeads = list(map["ordinal_heads"])
        }
        if let map = try yaml(folder.appendingPathComponent("numbers.yaml")) {
            resources.numbers = NumberWords(
                units: ints(map["units"]), teens: ints(map["teens"]), tens: ints(map["tens"]),
                tensTakingTeens: list(map["tens_taking_teens"]), multipliedTens: ints(map["multiplied_tens"]),
                hundreds: ints(map["hundreds"]), conjunctions: list(map["conjunctions"]),
                repeaters: ints(map["repeaters"]), ambiguous: list(map["ambiguous"])
            )
        }
        if let map = try yaml(folder.appendingPathComponent("models.yaml")) {
            if let descriptions = map["descriptions"] as? [String: Any] {
                for (meaning, phrases) in descriptions { resources.descriptions[meaning] = list(phrases) }
            }
            resources.currency = list(map["currency"])
            resources.priceAtMost = list(map["price_at_most"])
            resources.pricePointers = list(map["price_pointers"])
            resources.currentPhoneMarkers = list(map["current_phone_markers"])
            if let aliases = map["aliases"] as? [String: Any] {
                for (id, phrases) in aliases { resources.aliases[id] = list(phrases) }
            }
        }
        // Without its words of acceptance nothing could ever be accepted: a missing or empty list is an error here.
        let consentURL = folder.appendingPathComponent("consent.yaml")
        guard let consent = try yaml(consentURL), !list(consent["acceptance"]).isEmpty else {
            throw LoadError(file: consentURL.path, reason: "missing, or without an acceptance list")
        }
        resources.consent = ConsentWords(
            acceptance: list(consent["acceptance"]), neutral: list(consent["neutral"]), contrast: list(consent["contrast"]),
            hesitation: list(consent["hesitation"]), questionMarks: list(consent["question_marks"])
        )
        return resources
    }

    private static func yaml(_ url: URL) throws -> [String: Any]? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            return try Yams.load(yaml: text) as? [String: Any]
        } catch {
            throw LoadError(file: url.path, reason: "\(error)")
        }
    }

    private static func list(_ node: Any?) -> [String] {
        (node as? [Any])?.map { "\($0)" } ?? []
    }

    private static func strings(_ node: Any?) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in (node as? [String: Any]) ?? [:] { out[key] = "\(value)" }
        return out
    }

    private static func ints(_ node: Any?) -> [String: Int] {
        var out: [String: Int] = [:]
        for (key, value) in (node as? [String: Any]) ?? [:] {
            if let number = value as? Int { out[key] = number } else if let number = Int("\(value)") { out[key] = number }
        }
        return out
    }
}
