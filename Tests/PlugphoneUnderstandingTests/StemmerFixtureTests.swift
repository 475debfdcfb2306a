import Foundation
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

/// The Swift stemmers against the reference: every word of `Fixtures/stems-<lang>.tsv` (made once by
/// `Fixtures/make-stem-fixture.py` with snowballstemmer 2.2.0) must get exactly the reference's stem.
@Suite("Snowball stemmers against the 2.2.0 reference")
struct StemmerFixtureTests {
    static func pairs(_ name: String) throws -> [(word: String, stem: String)] {
        let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Fixtures")
            ?? Fixture.packageRoot.appendingPathComponent("Tests/PlugphoneUnderstandingTests/Fixtures/\(name).tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else { return nil }
            return (String(fields[0]), String(fields[1]))
        }
    }

    @Test("every word of the fixture", arguments: [("french", "stems-fr"), ("english", "stems-en")])
    func fixture(_ algorithm: String, _ name: String) throws {
        let pairs = try Self.pairs(name)
        #expect(pairs.count >= 5_000, "\(name): \(pairs.count) words")
        let stemmer = SnowballStemmer(algorithm: algorithm)
        let wrong = pairs.filter { stemmer.stem($0.word).unicodeScalars.elementsEqual($0.stem.unicodeScalars) == false }
        for pair in wrong.prefix(30) {
            print("\(name): \(pair.word) → \(stemmer.stem(pair.word)), reference \(pair.stem)")
        }
        #expect(wrong.isEmpty, "\(name): \(wrong.count) of \(pairs.count) words stemmed unlike the reference")
    }

    @Test("words the rules single out", arguments: [
        // French: y between vowels, ë/ï marks, -ement after -iv/-at, -issement, -amment, the par/col/tap exception.
        ("french", "payer", "pai"), ("french", "aiguë", "aigu"), ("french", "naïves", "naïv"),
        ("french", "continuellement", "continuel"), ("french", "finissement", "fin"),
        ("french", "abondamment", "abond"),
        ("french", "parlerions", "parl"), ("french", "colis", "colis"), ("french", "reçu", "reçu"),
        // English: exceptions, gener-/commun-, y after a vowel, short words getting their e back.
        ("english", "skies", "sky"), ("english", "generously", "generous"), ("english", "communism", "communism"),
        ("english", "enjoying", "enjoy"), ("english", "hoped", "hope"), ("english", "hopping", "hop"),
        ("english", "succeeds", "succeed"), ("english", "the's", "the"), ("english", "by", "by"),
    ])
    func singled(_ algorithm: String, _ word: String, _ stem: String) {
        #expect(SnowballStemmer(algorithm: algorithm).stem(word) == stem)
    }

    @Test("shared between threads without a lock")
    func concurrent() async {
        let stemmer = SnowballStemmer(language: .fr)
        let words = ["téléphones", "changerions", "continuellement", "rapidement", "livraisons"]
        let expected = words.map(stemmer.stem)
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).allSatisfy { _ in words.map(stemmer.stem) == expected } }
            }
            for await same in group { #expect(same) }
        }
    }
}
