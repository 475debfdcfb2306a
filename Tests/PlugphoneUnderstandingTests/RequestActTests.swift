import PlugphoneDomain
import PlugphoneLocalization
import Testing
@testable import PlugphoneUnderstanding

/// Acts on requests already made, references and status questions (`Locales/<lang>/requests.yaml`).
struct RequestActTests {
    static let rma1 = RequestReference(sequence: 1)

    @Test(arguments: [
        ("je veux annuler ma demande RMA-000001", Language.fr, RequestReference?.some(RequestReference(sequence: 1)), RequestPointer?.none, String?.none),
        ("oups, annulez la demande que je viens de faire", .fr, nil, .latest, nil),
        ("annuler l'échange de la ligne 12", .fr, nil, nil, "12"),
        ("annuler rma 1", .fr, RequestReference(sequence: 1), nil, nil),
        ("I want to cancel my request RMA-000001", .en, RequestReference(sequence: 1), nil, nil),
        ("oops, cancel the request I just made", .en, nil, .latest, nil),
        ("cancel the exchange on line 12", .en, nil, nil, "12"),
    ])
    func cancellingAnExistingRequestStaysCancel(text: String, language: Language, reference: RequestReference?, pointer: RequestPointer?, ending: String?) {
        let heard = Fixture.interpret(text, language)
        #expect(heard.intent == .cancel)
        #expect(heard.act == .cancelRequest)
        #expect(heard.slots.reference == reference)
        #expect(heard.slots.requestPointer == pointer)
        #expect(heard.slots.lineEnding == ending)
        #expect(heard.slots.line == nil)
    }

    @Test(arguments: [
        ("où en est mon échange ?", Language.fr), ("quand est-ce que je reçois mon W56P ?", .fr), ("vous avez reçu mon téléphone ?", .fr),
        ("quand je récupère ma caution ?", .fr), ("RMA-000001 c'est quand que je le reçois", .fr), ("RMA-000001", .fr),
        ("where is my exchange?", .en), ("when do I get my W56P?", .en), ("did you receive my phone?", .en),
        ("when do I get my deposit back?", .en), ("where is RMA-000001?", .en),
    ])
    func statusQuestions(text: String, language: Language) {
        let heard = Fixture.interpret(text, language)
        #expect(heard.intent == .requestStatus)
        #expect(heard.act == nil)
        if text.contains("RMA") { #expect(heard.slots.reference == Self.rma1) }
        if text.contains("W56P") { #expect(heard.slots.model == "yealink.w56p") }
    }

    @Test(arguments: [("je ne peux pas attendre, envoyez-le tout de suite", Language.fr), ("I can't wait, send it right away", .en),
                      ("finalement je préfère attendre le retour", .fr), ("actually I will wait for the return", .en)])
    func changingAnExistingExchange(text: String, language: Language) {
        let heard = Fixture.interpret(text, language)
        #expect(heard.intent == .changePhone)
        #expect(heard.act == .changeRequest)
    }

    /// The digits of a reference are no line, no position, no price.
    @Test func aReferenceIsNotReadAsAnythingElse() {
        let heard = Fixture.interpret("annuler la demande RMA-000012 de la ligne 09 72 10 10 12")
        #expect(heard.slots.reference == RequestReference(sequence: 12))
        #expect(heard.slots.line == LineNumber(rawValue: "+33972101012"))
        #expect(heard.slots.ordinal == nil && heard.slots.model == nil)
        #expect(heard.json.serialized().contains(#""act":"cancel_request""#))
        #expect(heard.json.serialized().contains(#""reference":"RMA-000012""#))
    }

    @Test func aRequestNamedByItsKind() {
        #expect(Fixture.interpret("où en est ma commande ?").slots.requestKind == .order)
        #expect(Fixture.interpret("annuler mon retour").slots.requestKind == .return)
        #expect(Fixture.interpret("annuler mon retour").act == .cancelRequest)
        #expect(Fixture.interpret("where is my exchange?", .en).slots.requestKind == .exchange)
        #expect(Fixture.interpret("je veux commander un téléphone").slots.requestKind == nil)
    }

    /// New requests and a bare « annuler » keep their meaning.
    @Test func newRequestsAreUntouched() {
        #expect(Fixture.interpret("je veux échanger mon téléphone").act == nil)
        #expect(Fixture.interpret("annuler").act == nil)
        #expect(Fixture.interpret("annuler").intent == .cancel)
        #expect(Fixture.interpret("c'est quoi la caution ?").intent == .askDeposit)
    }
}
