import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneUnderstanding

/// The package root, found from this file, so the tests run from any directory.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let locales: LocalesDirectory = {
    // The folder is part of the repository: failing to find it is a broken checkout.
    (try? LocalesDirectory.resolve(explicit: packageRoot.appendingPathComponent("Locales").path)) ?? LocalesDirectory(url: packageRoot.appendingPathComponent("Locales"))
}()

let packs: [Language: LanguagePack] = {
    var packs: [Language: LanguagePack] = [:]
    for language in Language.allCases { packs[language] = try? LanguagePack.load(language, from: locales) }
    return packs
}()

/// 28 November 2026, 10:00 UTC: the clock of the unit tests.
let testNow = Date(timeIntervalSince1970: 1_795_860_000)

let line010 = LineNumber(rawValue: "+33972101010")
let line011 = LineNumber(rawValue: "+33972101011")
let line012 = LineNumber(rawValue: "+33972101012")
let otherAccountLine = LineNumber(rawValue: "+33183640000")
let unknownLine = LineNumber(rawValue: "+33999999999")

/// The demo account of docs/reference.md §4 with its blocking request RMA-000001, without a database:
/// the state machine is pure, so its unit tests need none.
func demoSnapshot(catalog: Catalog = .demo) -> AccountSnapshot {
    let lines = DemoData.lines.filter { $0.account == DemoData.defaultAccount }
    let blocking = Request(
        reference: RequestReference(sequence: 1), kind: .exchange, account: DemoData.defaultAccount, line: line012,
        oldModel: "gigaset.c530ip", newModel: "yealink.w56p", shippingMode: .afterReturn, status: .awaitingReturn,
        contractAccepted: true, dueNow: .euros(30), refundOnReturn: .zero, createdAt: testNow.addingTimeInterval(-86_400 * 3)
    )
    return AccountSnapshot(account: DemoData.defaultAccount, lines: lines, requests: [blocking], catalog: catalog)
}

/// An interpretation as the understanding would give it.
func heard(
    _ intent: Intent, _ text: String = "…", line: LineNumber? = nil, model: PhoneModelID? = nil,
    candidates: [PhoneModelID] = [], mode: ShippingMode? = nil, lineReference: LineReference? = nil, ordinal: Ordinal? = nil,
    language: Language = .fr, confidence: Double = 0.95, bestGuess: Intent? = nil, assent: Assent? = nil
) -> Conversation.Event {
    // A yes is unconditional unless the test says otherwise, as the understanding reads a plain « oui ».
    .user(Interpretation(
        text: text, language: language, intent: intent, confidence: confidence,
        slots: Slots(line: line, model: model, modelCandidates: candidates, shippingMode: mode, lineReference: lineReference, ordinal: ordinal),
        bestGuess: bestGuess, assent: assent ?? (intent == .affirm ? .unconditional : nil)
    ))
}

extension Array where Element == Conversation.Effect {
    /// The message keys said, in order.
    var keys: [String] {
        compactMap { if case .say(let reply) = $0 { reply.key } else { nil } }
    }

    var replies: [Reply] {
        compactMap { if case .say(let reply) = $0 { reply } else { nil } }
    }

    var commits: [RequestTerms] {
        compactMap { if case .commit(let terms) = $0 { terms } else { nil } }
    }
}

/// Renders replies the way the runtime does.
func render(_ effects: [Conversation.Effect], _ language: Language = .fr, catalog: Catalog = .demo) -> String {
    guard let pack = packs[language] else { return "" }
    return Renderer(pack: pack, catalog: catalog).render(effects.replies)
}
