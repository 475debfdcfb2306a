import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

@Suite("Lines in every French form, written and spoken")
struct LineExtractionTests {
    static let forms: [(String, String)] = [
        ("09 72 10 10 11", "+33972101011"),
        ("09.72.10.10.11", "+33972101011"),
        ("09-72-10-10-11", "+33972101011"),
        ("0972101011", "+33972101011"),
        ("+33 9 72 10 10 11", "+33972101011"),
        ("+33972101011", "+33972101011"),
        ("0033972101011", "+33972101011"),
        ("0033 9 72 10 10 11", "+33972101011"),
        ("+33 (0)9 72 10 10 11", "+33972101011"),
        ("33972101011", "+33972101011"),
        ("0 9 7 2 1 0 1 0 1 1", "+33972101011"),
        ("097 210 1011", "+33972101011"),
        ("09 72 10 10 10", "+33972101010"),
        ("01 83 64 00 00", "+33183640000"),
        ("01.83.64.00.01", "+33183640001"),
        ("le 09 72 10 10 12 svp", "+33972101012"),
        ("ma ligne c'est le 09.72.10.10.11", "+33972101011"),
        ("sur la ligne 0972101011 merci", "+33972101011"),
        ("ligne:0972101011", "+33972101011"),
        ("(09) 72 10 10 11", "+33972101011"),
        ("zéro neuf soixante-douze dix dix onze", "+33972101011"),
        ("zero neuf soixante douze dix dix onze", "+33972101011"),
        ("Zéro Neuf Soixante-Douze Dix Dix Dix", "+33972101010"),
        ("zéro un quatre-vingt-trois soixante-quatre zéro zéro zéro zéro", "+33183640000"),
        ("zero un quatre vingt trois soixante quatre zero zero zero un", "+33183640001"),
        ("zéro neuf, soixante-douze, dix, dix, douze", "+33972101012"),
        ("09 soixante-douze 10 10 11", "+33972101011"),
        ("zéro six quatre-vingt-dix-neuf soixante et onze dix-sept vingt et un", "+33699711721"),
        ("zéro sept nonante-neuf septante et un dix-sept vingt-deux", "+33799711722"),
        ("oh nine seven two one oh one oh one one", "+33972101011"),
        ("zero nine seven two one zero one zero double one", "+33972101011"),
        ("my line is 09 72 10 10 11", "+33972101011"),
        ("plus thirty three nine seven two one oh one oh one one", "+33972101011"),
        ("it's +33 9 72 10 10 11 thanks", "+33972101011"),
        ("oh nine, seventy-two, ten, ten, eleven", "+33972101011"),
        ("＋33 9 72 10 10 11", "+33972101011"),
    ]

    @Test("line forms", arguments: forms)
    func line(_ text: String, _ expected: String) {
        let result = Fixture.interpret(text)
        #expect(result.slots.line?.rawValue ?? "" == expected, "\(text) → \(result.summaryLine)")
    }

    static let notLines = ["le 12", "48 h", "celui à 90 euros", "09 72 10", "RMA-000002", "t46s", "1234567"]

    @Test("numbers that are not lines", arguments: notLines)
    func notALine(_ text: String) {
        #expect(Fixture.interpret(text).slots.line == nil)
    }
}
