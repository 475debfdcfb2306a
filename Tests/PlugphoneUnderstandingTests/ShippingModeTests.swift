import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

@Suite("Shipping modes from many phrasings")
struct ShippingModeTests {
    static let phrasings: [(String, ShippingMode?)] = [
        ("en express", .express48h), ("express", .express48h), ("sous 48 h", .express48h), ("sous 48h", .express48h),
        ("quarante-huit heures", .express48h), ("en quarante huit heures svp", .express48h), ("sans attendre", .express48h),
        ("le plus vite possible", .express48h), ("par DHL", .express48h), ("tout de suite", .express48h),
        ("je paierai toute la caution", .express48h), ("en urgence", .express48h), ("dès que possible", .express48h),
        ("après réception de l'ancien", .afterReturn), ("apres reception de l ancien", .afterReturn),
        ("je paierai juste la différence", .afterReturn), ("juste la diff", .afterReturn),
        ("une fois l'ancien reçu", .afterReturn), ("quand vous aurez reçu l’ancien", .afterReturn),
        ("je ne suis pas pressé", .afterReturn), ("après le retour", .afterReturn),
        ("within 48 hours", .express48h), ("right away", .express48h), ("asap", .express48h), ("by express", .express48h),
        ("after you get the old one", .afterReturn), ("i'll just pay the difference", .afterReturn), ("no rush", .afterReturn),
        ("pas en express", nil), ("not express", nil), ("je veux changer de téléphone", nil),
        ("c'est quoi la différence entre express et après réception", nil),
        // A question about a mode does not choose it.
        ("l'envoi express ça marche comment ?", nil), ("c'est quoi l'option après réception", nil),
        ("combien de temps pour l'express", nil), ("how does express work?", nil), ("what is after return exactly", nil),
        ("express please", .express48h), ("48 hours is better", .express48h),
    ]

    @Test("shipping phrasings", arguments: phrasings)
    func mode(_ text: String, _ expected: ShippingMode?) {
        let result = Fixture.interpret(text)
        #expect(result.slots.shippingMode == expected, "\(text) → \(result.summaryLine)")
    }

    @Test("a question about a mode is ask_shipping")
    func questionIsAskShipping() {
        for (text, language) in [("l'envoi express ça marche comment ?", Language.fr), ("how does express work?", .en)] {
            let result = Fixture.interpret(text, language)
            #expect(result.intent == .askShipping && result.slots.isEmpty, "\(text) → \(result.summaryLine)")
        }
    }
}
