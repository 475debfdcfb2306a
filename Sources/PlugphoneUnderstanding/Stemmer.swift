import PlugphoneLocalization

/// One Snowball stemmer for one language: the project's own Swift implementations of the Snowball 2.2.0 French and
/// English algorithms (`FrenchStemmer`, `EnglishStemmer`), checked word for word against the reference
/// (`Tests/PlugphoneUnderstandingTests/Fixtures/stems-*.tsv`).
///
/// A value over pure functions: safe to share between threads, no lock, no cache to guard. The stems of known words
/// (the training vocabulary, `remembering(_:)`) are worked out once into a read-only table, since a conversation or a
/// `parse` stream repeats the same few hundred words.
struct SnowballStemmer: Sendable {
    private let stemmer: (@Sendable (String) -> String)?
    private var known: [String: String] = [:]

    /// `algorithm` is a Snowball name: `french`, `english`. With an unknown name the stemmer returns words unchanged.
    init(algorithm: String) {
        switch algorithm {
        case "french": stemmer = FrenchStemmer.stem
        case "english": stemmer = EnglishStemmer.stem
        default: stemmer = nil
        }
    }

    init(language: Language) {
        switch language {
        case .fr: self.init(algorithm: "french")
        case .en: self.init(algorithm: "english")
        }
    }

    /// This stemmer, with the stems of `words` worked out now and looked up afterwards.
    func remembering(_ words: some Sequence<String>) -> SnowballStemmer {
        var copy = self
        for word in words where copy.known[word] == nil { copy.known[word] = stem(word) }
        return copy
    }

    func stem(_ word: String) -> String {
        guard let stemmer, !word.isEmpty else { return word }
        return known[word] ?? stemmer(word)
    }
}
