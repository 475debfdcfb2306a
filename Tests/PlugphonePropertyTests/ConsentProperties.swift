import Foundation
import GRDB
import PropertyBased
import Testing
import PlugphoneCLI
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneUnderstanding

/// Consent (docs/reference.md §5) under random conversations while the account changes beneath them (another session
/// takes a line, the back office moves a request on, which changes a line's phone) and sessions are stopped and
/// resumed: every request written carries exactly the terms of the summary displayed last, in the same session, and
/// after a refused commit (or a resume) nothing is written before a new summary is displayed.
struct ConsentProperties {
    /// What a random script does at one step.
    enum Step: Sendable, CustomStringConvertible {
        case say(String)
        /// Another session asks for this on the account's line (it may be refused).
        case otherSession(RequestDraft)
        /// The back office records this event on the newest unfinished request (it may not apply).
        case backOffice(RequestEvent)
        /// The back office changes a model's deposit.
        case deposit(PhoneModelID, cents: Int)
        /// The back office changes the phone on a line (nil: none).
        case phone(LineNumber, PhoneModelID?)
        /// The session stops and a new one resumes from its saved state.
        case resume

        var description: String {
            switch self {
            case .say(let text): "say «\(text)»"
            case .otherSession(let draft): "other session \(draft)"
            case .backOffice(let event): "back office \(event.rawValue)"
            case .deposit(let model, let cents): "deposit of \(model) now \(cents)"
            case .phone(let line, let model): "phone of \(line) now \(model?.rawValue ?? "none")"
            case .resume: "resume"
            }
        }
    }

    static let consentUtterances = [
        "oui", "oui", "oui je confirme", "ok", "d'accord", "j'accepte", "oui, mais en fait non", "oui mais c'est trop cher",
        "oui enfin attendez", "oui mais c'est combien déjà ?", "oui ?", "super", "y", "non", "oui mais en express",
        "yes", "yes but wait", "c'est combien la caution ?",
    ]

    static let drafts: [RequestDraft] = [
        .exchange(line: LineNumber(rawValue: "+33972101011"), newModel: "yealink.t54w", mode: .afterReturn), .return(line: LineNumber(rawValue: "+33972101011")),
        .order(line: LineNumber(rawValue: "+33972101010"), model: "gigaset.c530ip"), .return(line: LineNumber(rawValue: "+33972101012")),
    ]

    static let steps = Generator<[Step], Shrink.None<[Step]>> { rng in
        // Half the scripts aim at a summary, let the account change beneath it, then say yes: refusals happen.
        if Bool.random(using: &rng) {
            return (0..<Int.random(in: 1...4, using: &rng)).flatMap { _ -> [Step] in
                var block: [Step] = [.say(summaryOpenings.randomElement(using: &rng) ?? "")]
                block += (0..<Int.random(in: 0...1, using: &rng)).map { _ in .say(consentUtterances.randomElement(using: &rng) ?? "oui") }
                block.append(Bool.random(using: &rng) ? targetedChange(&rng) : randomStep(&rng, among: 15..<24))
                return block + [.say("oui"), .say("oui")]
            }
        }
        return (0..<Int.random(in: 4...30, using: &rng)).map { _ in randomStep(&rng) }
    }

    /// Requests stated whole, which go straight to their summary.
    static let summaryOpenings = [
        "échanger le 09 72 10 10 11 contre un T46S en express", "commander un W56P sur le 09 72 10 10 10",
        "je veux renvoyer le téléphone du 09 72 10 10 11", "I want to exchange the phone on 09 72 10 10 11 for a T54W, express",
    ]

    /// A change to what those summaries show: a deposit, the phone on their line, or their line taken.
    static func targetedChange(_ rng: inout some RandomNumberGenerator) -> Step {
        let line010 = LineNumber(rawValue: "+33972101010"), line011 = LineNumber(rawValue: "+33972101011")
        let changes: [Step] = [
            .deposit("yealink.t46s", cents: 100 * Int.random(in: 10...250, using: &rng)),
            .deposit("yealink.w56p", cents: 100 * Int.random(in: 10...250, using: &rng)),
            .deposit("yealink.t41s", cents: 100 * Int.random(in: 10...250, using: &rng)),
            .deposit("yealink.t54w", cents: 100 * Int.random(in: 10...250, using: &rng)),
            .phone(line011, "cisco.cp7841"), .phone(line010, "yealink.t41s"), .phone(line011, nil),
            .otherSession(.return(line: line011)), .otherSession(.order(line: line010, model: "gigaset.c530ip")),
        ]
        return changes.randomElement(using: &rng) ?? .resume
    }

    /// A step of any kind; `among` 15..<24 for a change beneath the session only.
    static func randomStep(_ rng: inout some RandomNumberGenerator, among kinds: Range<Int> = 0..<24) -> Step {
        let models = Catalog.demo.models.map(\.id)
        switch Int.random(in: kinds, using: &rng) {
        case 0..<6: return .say(Fixture.intents.randomElement(using: &rng) ?? "")
        case 6..<13: return .say(consentUtterances.randomElement(using: &rng) ?? "oui")
        case 13..<15: return .say(Fixture.utterances.randomElement(using: &rng) ?? "")
        case 15..<17: return .otherSession(drafts.randomElement(using: &rng) ?? .return(line: LineNumber(rawValue: "+33972101011")))
        case 17..<19: return .backOffice(RequestEvent.allCases.randomElement(using: &rng) ?? .cancelled)
        case 19..<21: return .deposit(models.randomElement(using: &rng) ?? "yealink.t46s", cents: 100 * Int.random(in: 10...250, using: &rng))
        case 21..<23:
            let line = [LineNumber(rawValue: "+33972101010"), LineNumber(rawValue: "+33972101011")].randomElement(using: &rng) ?? LineNumber(rawValue: "+33972101011")
            return .phone(line, Bool.random(using: &rng) ? nil : models.randomElement(using: &rng))
        default: return .resume
        }
    }

    @Test func everyWriteCarriesTheTermsOfTheSummaryDisplayedLastAndNothingIsWrittenAfterARefusalWithoutANewSummary() async throws {
        var written = 0, refused = 0
        await propertyCheck(count: 100, input: Self.steps) { steps in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("consent-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("db.sqlite").path
            let store = try Store.open(path: path, mode: .createWithDemoDataIfMissing(now: Fixture.now))
            let other = try Store.open(path: path)
            let backOffice = try DatabaseQueue(path: path)
            var session = try Fixture.session(store)
            /// The terms of the summary displayed last in this session, until a yes uses it or a refusal voids it.
            var displayed: RequestTerms?
            func watch(_ turn: ConversationRuntime.Turn) {
                for reply in turn.replies {
                    if reply.key == "conv.commit.refused" { displayed = nil; refused += 1 }
                    if reply.key == "conv.summary.header" { displayed = Self.terms(displayedBy: reply) }
                }
            }
            watch(try session.start())
            for step in steps where !session.hasEnded {
                switch step {
                case .say(let text):
                    let turn = try session.hear(text)
                    for request in turn.committed {
                        #expect(displayed != nil, "\(request.reference) written with no summary displayed since the last refusal or resume")
                        #expect(request.terms == displayed, "\(request.reference) recorded \(request.terms), displayed \(String(describing: displayed))")
                        written += 1
                    }
                    // A yes is used once.
                    if !turn.committed.isEmpty { displayed = nil }
                    watch(turn)
                case .otherSession(let draft):
                    _ = try? other.createRequest(draft, account: DemoData.defaultAccount, contractAccepted: true, at: Fixture.now)
                case .backOffice(let event):
                    if let latest = try other.requests().last(where: { !$0.status.isFinished }) {
                        _ = try? other.apply(event, to: latest.reference, at: Fixture.now)
                    }
                case .deposit(let model, let cents):
                    try backOffice.write { db in
                        try db.execute(sql: "UPDATE phone_model SET deposit_cents = ? WHERE id = ?", arguments: [cents, model.rawValue])
                    }
                case .phone(let line, let model):
                    try backOffice.write { db in
                        try db.execute(sql: "UPDATE line SET phone_model_id = ? WHERE number = ?", arguments: [model?.rawValue, line.rawValue])
                    }
                case .resume:
                    let saved = try session.conversation.checkpoint.map { try JSONEncoder().encode($0) }
                    session = try Fixture.session(store)
                    displayed = nil
                    if let saved {
                        watch(try session.resume(try JSONDecoder().decode(Conversation.Checkpoint.self, from: saved)))
                    } else {
                        watch(try session.start())
                    }
                }
            }
        }
        // Exercised on real writes and real refusals, not only on quiet paths.
        #expect(written >= 10, "only \(written) requests written")
        #expect(refused >= 5, "only \(refused) commits refused")
    }

    /// The terms a summary displays, read from its rows as they are rendered: independent of what the conversation
    /// remembers of it.
    static func terms(displayedBy header: Reply) -> RequestTerms? {
        guard case .lines(let rows)? = header.arguments["rows"] else { return nil }
        var kind: RequestKind?, line: LineNumber?, old: PhoneModelID?, new: PhoneModelID?, mode: ShippingMode?
        var due: Money?, refund = Money.zero
        for row in rows {
            switch row.key {
            case "conv.summary.kind":
                if case .message(let name)? = row.arguments["kind"] { kind = RequestKind(rawValue: String(name.key.dropFirst("conv.kind.".count))) }
            case "conv.summary.line":
                if case .line(let number)? = row.arguments["line"] { line = number }
            case "conv.summary.current_phone":
                if case .model(let id)? = row.arguments["model"] { old = id }
            case "conv.summary.new_phone":
                if case .model(let id)? = row.arguments["model"] { new = id }
            case "conv.summary.due_now":
                if case .money(let amount)? = row.arguments["amount"] { due = amount }
            case "conv.summary.refund":
                if case .money(let amount)? = row.arguments["amount"] { refund = amount }
            default:
                if row.key.hasPrefix("conv.summary.mode.") { mode = ShippingMode(rawValue: String(row.key.dropFirst("conv.summary.mode.".count))) }
            }
        }
        guard let kind, let line, let due else { return nil }
        return RequestTerms(kind: kind, line: line, oldModel: old, newModel: new, shippingMode: mode, dueNow: due, refundOnReturn: refund)
    }
}
