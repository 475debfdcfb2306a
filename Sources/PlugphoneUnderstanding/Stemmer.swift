import PlugphoneLocalization

/// One Snowball stemmer for one language: the project's own Swift implementations of the Snowball 2.2.0 French and
/// English algorithms (`FrenchStemmer`, `EnglishStemmer`), checked word for word against the reference
/// (`Tests/PlugphoneUnderstandingTests/Fixtures/stems-*.tsv`).
///
/// A value over pure functions: safe to share between threads, no lock, no cache to guard.
struct SnowballStemmer: Sendable {
    private let stemmer: (@Sendable (String) -> String)?

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

    func stem(_ word: String) -> String {
        guard let stemmer, !word.isEmpty else { return word }
        return stemmer(word)
    }
}
