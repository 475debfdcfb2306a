import Testing
@testable import PlugphoneUnderstanding

@Suite("Number words, French and English, from Locales/<lang>/numbers.yaml")
struct NumberWordsTests {
    /// The numbers the normaliser reads, as written digits separated by spaces.
    static func numbers(_ text: String) -> String {
        Fixture.understander.normalizer.tokens(text).filter(\.isNumber).map(\.text).joined(separator: " ")
    }

    static let expressions: [(String, String)] = [
        ("zéro", "0"), ("un deux", "1 2"), ("sept", "7"), ("dix", "10"), ("onze", "11"), ("seize", "16"),
        ("dix-sept", "17"), ("dix-neuf", "19"), ("vingt", "20"), ("vingt et un", "21"), ("vingt-deux", "22"),
        ("trente-cinq", "35"), ("quarante-huit", "48"), ("cinquante", "50"), ("soixante", "60"),
        ("soixante-dix", "70"), ("soixante et onze", "71"), ("soixante-douze", "72"), ("soixante-dix-neuf", "79"),
        ("quatre-vingts", "80"), ("quatre-vingt-un", "81"), ("quatre-vingt-trois", "83"), ("quatre-vingt-dix", "90"),
        ("quatre-vingt-onze", "91"), ("quatre-vingt-dix-neuf", "99"), ("cent", "100"), ("cent vingt", "120"),
        ("deux cents", "200"), ("cent cinquante", "150"), ("septante", "70"), ("nonante-neuf", "99"),
        ("Quatre Vingt Dix", "90"), ("quatre vingt dix neuf", "99"), ("dix dix onze", "10 10 11"),
        ("zero neuf", "0 9"),
        ("twenty", "20"), ("twenty-one", "21"), ("ninety-nine", "99"), ("forty eight", "48"), ("eleven", "11"),
        ("one hundred twenty", "120"), ("a hundred and fifty", "150"), ("double one", "1 1"), ("triple zero", "0 0 0"),
        ("oh nine", "0 9"), ("seventy two", "72"),
        ("48", "48"), ("09 72", "09 72"),
    ]

    @Test("number expressions", arguments: expressions)
    func reads(_ text: String, _ expected: String) {
        #expect(Self.numbers(text) == expected, "\(text)")
    }

    /// Words that are numbers only next to another number.
    static let words: [String] = ["un téléphone", "je veux un t46s", "un tel neuf", "the cheapest one", "oh hello", "une ligne"]

    @Test("articles and adjectives stay words", arguments: words)
    func notNumbers(_ text: String) {
        #expect(Self.numbers(text).allSatisfy { $0 != "1" && $0 != "9" && $0 != "0" }, "\(text) → \(Self.numbers(text))")
    }
}
