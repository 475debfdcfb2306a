import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

@Suite("Bad input always gets a result")
struct BadInputTests {
    static let inputs: [String] = [
        "", " ", "   \t  ", "\n", "\u{0}", "\u{7}\u{8}\u{1B}", "\u{1B}[31m\u{1B}[0m", "\u{1B}]0;title\u{7}",
        "🙂🙂🙂", "📞📞", "!!!???...", "\u{FFFD}\u{FFFD}", String(decoding: [0xFF, 0xFE, 0x80, 0x41], as: UTF8.self),
        "\u{202E}evil", "日本語のテキスト", "Ωμέγα", "\u{301}\u{301}", String(repeating: "a", count: 100_000),
        String(repeating: "je veux un tel ", count: 7_000), String(repeating: "09 ", count: 40_000),
        String(repeating: "quatre-vingt ", count: 5_000), String(repeating: "t46s", count: 20_000),
    ]

    @Test("never crashes, JSON always parses", arguments: inputs.indices)
    func survives(_ index: Int) throws {
        let text = Self.inputs[index]
        let result = Fixture.interpret(text)
        let json = result.jsonLine
        #expect(!json.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["text"] as? String == text)
        #expect(Array(object.keys).count >= 5)
    }

    @Test("nothing to understand is out of scope", arguments: ["", "  ", "🙂", "\u{1B}[2J", "...", "\u{0}\u{0}"])
    func empty(_ text: String) {
        let result = Fixture.interpret(text)
        #expect(result.intent == .outOfScope)
        #expect(result.slots.isEmpty)
    }

    @Test("escape sequences, emoji and odd apostrophes do not hide the words")
    func cleaned() {
        #expect(Fixture.interpret("\u{1B}[1mbonjour\u{1B}[0m 👋").intent == .greet)
        #expect(Fixture.interpret("je veux rendre mon téléphone 📞!!!").intent == .returnPhone)
        #expect(Fixture.interpret("apres reception de l’ancien").slots.shippingMode == .afterReturn)
        #expect(Fixture.interpret("ÉCHANGER MON TÉLÉPHONE").intent == .changePhone)
        #expect(Fixture.interpret("e\u{301}changer mon te\u{301}le\u{301}phone").intent == .changePhone)
    }

    @Test("JSON keys in the contract's order, only stated slots")
    func jsonShape() {
        let json = Fixture.interpret("échanger mon poste du 0972101011 contre un yealink t46s").jsonLine
        #expect(json.hasPrefix("{\"text\":\"échanger mon poste du 0972101011 contre un yealink t46s\",\"lang\":\"fr\",\"intent\":\"change_phone\",\"confidence\":"))
        #expect(json.hasSuffix(",\"slots\":{\"line\":\"+33972101011\",\"model\":\"yealink.t46s\"}}"))
        let empty = Fixture.interpret("bonjour").jsonLine
        #expect(empty.contains("\"slots\":{}"))
        let quoted = Interpretation(text: "a\"b\\c\u{1}", language: .fr, intent: .outOfScope, confidence: 0.5).jsonLine
        #expect(quoted.hasPrefix("{\"text\":\"a\\\"b\\\\c\\u0001\""))
        #expect(Interpretation.twoDecimals(0.966) == "0.97" && Interpretation.twoDecimals(1) == "1.00" && Interpretation.twoDecimals(0.05) == "0.05")
    }
}
