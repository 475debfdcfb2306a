import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

/// How far a yes goes, read from `Locales/<lang>/consent.yaml`: only acceptance and neutral words make it unconditional.
@Suite struct AssentTests {
    @Test(arguments: [
        "oui", "Oui !", "ok", "d'accord", "je confirme", "j'accepte", "oui, je confirme", "oui merci", "oui s'il vous plaît",
        "yes", "yes please", "I agree", "yes, I agree", "OK.", "oui, le T46S",
    ])
    func plainYesesAreUnconditional(text: String) {
        #expect(Fixture.interpret(text).assent == .unconditional, "«\(text)»")
    }

    @Test(arguments: [
        ("oui, mais en fait non", Reservation.negation), ("oui mais c'est trop cher", .contrast), ("oui enfin attendez", .hesitation),
        ("oui mais c'est combien déjà ?", .question), ("oui stp mais envoyez-le à mon bureau", .otherWords), ("oui ?", .question),
        ("yes but wait", .contrast), ("sure, wait", .hesitation), ("yes?", .question), ("yes, no", .negation),
    ])
    func aYesWithAReservationIsQualified(text: String, reservation: Reservation) {
        guard case .qualified(let found)? = Fixture.interpret(text).assent else {
            Issue.record("«\(text)» read as \(String(describing: Fixture.interpret(text).assent))")
            return
        }
        #expect(found.contains(reservation), "«\(text)»: \(found)")
    }

    @Test(arguments: ["super", "y", "non", "je veux changer mon téléphone", "", "🙂"])
    func noYesNoAssent(text: String) {
        #expect(Fixture.interpret(text).assent == nil, "«\(text)»")
    }

    @Test(arguments: [
        ("oui mais c'est combien déjà ?", Intent.askDeposit), ("oui, mais c'est quoi la caution exactement ?", .askDeposit),
        ("oui mais quels autres modèles avez-vous ?", .listModels), ("yes but how much is it?", .askDeposit),
    ])
    func aYesWithASideQuestionIsThatQuestion(text: String, intent: Intent) {
        let heard = Fixture.interpret(text)
        #expect(heard.intent == intent, "«\(text)» → \(heard.intent)")
        #expect(heard.assent != .unconditional)
    }

    @Test func localesWithoutConsentWordsAreAnErrorNamingTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assent-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for language in Language.allCases {
            let source = Fixture.locales.folder(for: language), target = folder.appendingPathComponent(language.rawValue)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name != "consent.yaml" {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
            }
        }
        let error = #expect(throws: LocaleDataError.self) {
            try Understander(locales: LocalesDirectory(url: folder), catalog: .demo)
        }
        #expect(error?.file.hasSuffix("consent.yaml") == true)
    }
}
