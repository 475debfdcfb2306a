import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

@Suite("References to what was just said: the other line, a position in a list")
struct ReferenceTests {
    static let otherLine: [(String, Language, LineReference?)] = [
        ("en fait c'est l'autre ligne", .fr, .other), ("non, l'autre numéro", .fr, .other), ("l autre numero", .fr, .other),
        ("c'est pour mon autre ligne", .fr, .other), ("the other line", .en, .other), ("no, the other number", .en, .other),
        ("actually it's my other line", .en, .other),
        ("je veux une ligne", .fr, nil), ("le 09 72 10 10 11", .fr, nil), ("another phone", .en, nil),
    ]

    @Test("the other line", arguments: otherLine)
    func lineReference(_ text: String, _ language: Language, _ expected: LineReference?) {
        let result = Fixture.interpret(text, language)
        #expect(result.slots.lineReference == expected, "\(text) → \(result.summaryLine)")
        if expected != nil { #expect(result.slots.line == nil) }
    }

    static let ordinals: [(String, Language, Ordinal?)] = [
        ("le premier", .fr, .position(1)), ("la première", .fr, .position(1)), ("le deuxième", .fr, .position(2)),
        ("le 2", .fr, .position(2)), ("le deux", .fr, .position(2)), ("le 2 svp", .fr, .position(2)), ("le 2ème", .fr, .position(2)),
        ("le second", .fr, .position(2)), ("je prends le troisième", .fr, .position(3)), ("le dernier", .fr, .last),
        ("la dernière", .fr, .last), ("numéro 3", .fr, .position(3)),
        ("the first one", .en, .position(1)), ("the second one", .en, .position(2)), ("the 2nd", .en, .position(2)),
        ("number 2", .en, .position(2)), ("the last one", .en, .last),
        // Not a position: no head word, a larger number, a number followed by more than fillers, a description.
        ("ma facture du mois dernier est fausse", .fr, nil), ("last week", .en, nil), ("le 12", .fr, nil),
        ("the 2 lines", .en, nil), ("le premier prix", .fr, nil), ("le 09 72 10 10 11", .fr, nil),
    ]

    @Test("positions in a list", arguments: ordinals)
    func ordinal(_ text: String, _ language: Language, _ expected: Ordinal?) {
        let result = Fixture.interpret(text, language)
        #expect(result.slots.ordinal == expected, "\(text) → \(result.summaryLine)")
    }

    @Test("a position alone is an answer")
    func ordinalAloneIsInform() {
        for (text, language) in [("le deuxième", Language.fr), ("le 2", .fr), ("the second one", .en)] {
            #expect(Fixture.interpret(text, language).intent == .inform, "\(text)")
        }
    }

    static let pricePointers: [(String, Language, PhoneModelID?)] = [
        ("celui à 90", .fr, "yealink.t46s"), ("celui à 90 €", .fr, "yealink.t46s"), ("celle à 50 euros", .fr, "gigaset.c530ip"),
        ("le modèle à 120", .fr, "yealink.t54w"), ("the one at 90", .en, "yealink.t46s"), ("the one for 150", .en, "gigaset.n670.packed.r650h"),
    ]

    @Test("« celui à 90 »: the model of that deposit", arguments: pricePointers)
    func pricePointer(_ text: String, _ language: Language, _ expected: PhoneModelID?) {
        let result = Fixture.interpret(text, language)
        #expect(result.slots.model == expected, "\(text) → \(result.summaryLine)")
        #expect(result.intent == .inform, "\(text) → \(result.summaryLine)")
    }

    @Test("parse --json adds line_ref and ordinal only when stated")
    func json() {
        #expect(Fixture.interpret("non, l'autre numéro").jsonLine.contains("\"line_ref\":\"other\""))
        #expect(Fixture.interpret("le deuxième").jsonLine.contains("\"slots\":{\"ordinal\":\"2\"}"))
        #expect(Fixture.interpret("the last one", .en).jsonLine.contains("\"ordinal\":\"last\""))
        let plain = Fixture.interpret("je veux échanger mon téléphone").jsonLine
        #expect(!plain.contains("line_ref") && !plain.contains("ordinal"))
    }
}

@Suite("Changing one's mind mid-flow is the new request, withdrawing is cancel")
struct ChangeOfMindTests {
    static let phrasings: [(String, Language, Intent)] = [
        ("finalement je veux juste le renvoyer", .fr, .returnPhone), ("en fait je préfère le rendre", .fr, .returnPhone),
        ("non finalement une commande", .fr, .orderPhone), ("finalement je préfère l'échanger", .fr, .changePhone),
        ("actually I just want to send it back", .en, .returnPhone), ("actually I'd rather exchange it", .en, .changePhone),
        ("actually I'd rather order one", .en, .orderPhone),
        ("je ne veux plus rien", .fr, .cancel), ("laisse tomber", .fr, .cancel), ("finalement non, j'annule", .fr, .cancel),
        ("never mind", .en, .cancel),
    ]

    @Test("change of mind", arguments: phrasings)
    func intent(_ text: String, _ language: Language, _ expected: Intent) {
        let result = Fixture.interpret(text, language)
        #expect(result.intent == expected, "\(text) → \(result.summaryLine)")
    }

    @Test("« finalement non » withdraws")
    func withdrawal() {
        #expect([Intent.cancel, .deny].contains(Fixture.interpret("finalement non").intent))
    }
}
