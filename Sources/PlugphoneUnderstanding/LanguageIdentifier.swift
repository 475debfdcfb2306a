import Foundation

import PlugphoneLocalization

/// Which language one utterance is in: first the words known in one language only (training examples, stop words),
/// then, for unknown words (typos, SMS), character-trigram likelihoods. When the evidence is thin the caller's default
/// (`--lang`) wins: "ok" is both French and English.
struct LanguageIdentifier: Sendable {
    /// Word → the languages whose data use it.
    private var vocabulary: [String: [Language]] = [:]
    private var trigrams: [Language: [UInt64: Float]] = [:]
    private var unseen: [Language: Float] = [:]
    /// Log-likelihood margin (nats per trigram) below which the trigram evidence is not trusted.
    static let trigramMargin: Float = 0.35

    init(words: [Language: [String]]) {
        for (language, list) in words {
            for word in Set(list) { vocabulary[word, default: []].append(language) }
            var counts: [UInt64: Float] = [:]
            var total: Float = 0
            for word in Set(list) {
                for gram in Self.grams(word) { counts[gram, default: 0] += 1; total += 1 }
            }
            // Add-one smoothing over an assumed space of 20,000 trigrams.
            let denominator = total + 20_000
            var table: [UInt64: Float] = [:]
            for (gram, count) in counts { table[gram] = logf((count + 1) / denominator) }
            trigrams[language] = table
            unseen[language] = logf(1 / denominator)
        }
    }

    func detect(_ words: [String], default fallback: Language) -> Language {
        var votes: [Language: Int] = [:]
        for word in words {
            if let languages = vocabulary[word], languages.count == 1 { votes[languages[0], default: 0] += 1 }
        }
        let ranked = Language.allCases.sorted { (votes[$0] ?? 0) > (votes[$1] ?? 0) }
        if let first = ranked.first, ranked.count > 1, (votes[first] ?? 0) > (votes[ranked[1]] ?? 0) { return first }
        if let first = ranked.first, ranked.count == 1, (votes[first] ?? 0) > 0 { return first }

        var scores: [Language: Float] = [:]
        var gramCount = 0
        for word in words {
            for gram in Self.grams(word) {
                gramCount += 1
                for language in Language.allCases {
                    scores[language, default: 0] += trigrams[language]?[gram] ?? unseen[language] ?? 0
                }
            }
        }
        guard gramCount > 0 else { return fallback }
        let byScore = Language.allCases.sorted { (scores[$0] ?? 0) > (scores[$1] ?? 0) }
        guard byScore.count > 1 else { return fallback }
        let margin = ((scores[byScore[0]] ?? 0) - (scores[byScore[1]] ?? 0)) / Float(gramCount)
        return margin > Self.trigramMargin ? byScore[0] : fallback
    }

    private static func grams(_ word: String) -> [UInt64] {
        let bytes: [UInt8] = [0x20] + Array(word.utf8) + [0x20]
        guard bytes.count >= 3 else { return [] }
        return (0...(bytes.count - 3)).map { UInt64(bytes[$0]) << 16 | UInt64(bytes[$0 + 1]) << 8 | UInt64(bytes[$0 + 2]) }
    }
}
