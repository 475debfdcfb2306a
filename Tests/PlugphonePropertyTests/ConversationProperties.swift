import Foundation
import PropertyBased
import Testing
import PlugphoneCLI
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneUnderstanding

/// Shared, loaded once: the locales, the understanding and both languages.
enum Fixture {
    static let locales = LocalesDirectory(url: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Locales"))
    static let understander: Understander = {
        do { return try Understander(locales: locales, catalog: .demo) } catch { fatalError("cannot load the understanding: \(error)") }
    }()
    static let packs: [Language: LanguagePack] = {
        var packs: [Language: LanguagePack] = [:]
        for language in Language.allCases { packs[language] = try? LanguagePack.load(language, from: locales) }
        return packs
    }()
    static let now = Date(timeIntervalSince1970: 1_795_860_000)

    static func session(_ store: Store, language: Language = .fr) throws -> ConversationRuntime {
        try ConversationRuntime(
            store: store, account: DemoData.defaultAccount, language: language, packs: packs, clock: { now },
            interpret: { text, language in understander.interpret(text, defaultLanguage: language) }
        )
    }

    /// Pieces of real conversations: intents, every demo line (the other account's too), every model (the one
    /// no longer sold too), both shipping modes, answers, side questions, and noise.
    static let utterances = [
        "je veux commander un téléphone", "je veux changer mon téléphone", "je voudrais renvoyer mon poste", "où en est ma demande",
        "c'est combien la caution ?", "comment se passe l'envoi ?", "quels modèles avez-vous ?", "bonjour", "au revoir", "aide",
        "je veux parler à un conseiller", "annuler", "oui", "non", "ok", "oui j'accepte", "non merci", "finalement non",
        "le 09 72 10 10 10", "le 09 72 10 10 11", "0972101012", "+33 1 83 64 00 00", "01 83 64 00 01", "09 99 99 99 99",
        "un T46S", "le yealink t41s", "le cisco spa504g", "le moins cher", "le sans-fil", "un gigaset", "le T54W", "cisco cp7841",
        "en express", "après réception de l'ancien", "sous 48 h", "je paierai juste la différence",
        "non, plutôt le T54W", "échanger le 09 72 10 10 11 contre un T46S en express", "commander un W56P sur le 09 72 10 10 10",
        "I want to return my phone", "yes", "no", "the cheapest one", "express please", "blabla", "🙂", "", "???",
        // Requests already made.
        "annuler ma demande RMA-000001", "oups, annulez la demande que je viens de faire", "annuler l'échange de la ligne 12",
        "je ne peux pas attendre, envoyez-le tout de suite", "finalement je préfère attendre le retour", "où en est mon échange ?",
        "annuler RMA-000002", "la deuxième", "cancel the request I just made",
    ]

    /// Openings that ask for a request, some with slots.
    static let intents = [
        "je veux commander un téléphone", "je veux changer mon téléphone", "je voudrais renvoyer mon poste",
        "échanger le 09 72 10 10 11 contre un T46S en express", "commander un W56P sur le 09 72 10 10 10",
        "renvoyer le téléphone du 09 72 10 10 12", "commander un téléphone pour le 01 83 64 00 01", "I want to return my phone",
    ]
}

struct ConversationProperties {
    /// Random Unicode never crashes the understanding or the conversation, and always gets a reply.
    @Test func randomUnicodeAlwaysGetsAReplyAndWritesNothing() async throws {
        let scalars = Gen<UnicodeScalar>.unicodeScalar(in: "\u{0}"..."\u{D7FF}").map(Character.init)
        await propertyCheck(count: 150, input: scalars.string(of: 0...120)) { text in
            let interpretation = Fixture.understander.interpret(text, defaultLanguage: .fr)
            #expect((0...1).contains(interpretation.confidence))
            let store = try Store.inMemory(demo: true, now: Fixture.now)
            let session = try Fixture.session(store)
            _ = try session.start()
            let turn = try session.hear(text)
            #expect(!turn.text.isEmpty)
            #expect(turn.committed.isEmpty)
            #expect(try store.requests().count == 1)
        }
    }

    /// Random sequences of real utterances: a reply every turn; a request is written only right after a yes to
    /// its summary; every request written keeps every rule of docs/reference.md §5 and the deposit table.
    @Test func randomSequencesOfRealUtterancesKeepEveryRule() async throws {
        // Half the scripts are pure noise; the other half lean towards a request (an opening, noise, then yeses),
        // so that writes actually happen and are checked.
        let sequences = Generator<[String], Shrink.None<[String]>> { rng in
            let utterances = Fixture.utterances, intents = Fixture.intents
            func noise(_ count: ClosedRange<Int>) -> [String] {
                (0..<Int.random(in: count, using: &rng)).map { _ in utterances.randomElement(using: &rng) ?? "" }
            }
            guard Bool.random(using: &rng) else { return noise(1...24) }
            return (0..<Int.random(in: 1...3, using: &rng)).flatMap { _ in
                [intents.randomElement(using: &rng) ?? ""] + noise(0...6) + ["oui", "oui"]
            }
        }
        var written = 0
        await propertyCheck(count: 250, input: sequences) { script in
            let store = try Store.inMemory(demo: true, now: Fixture.now)
            let session = try Fixture.session(store)
            #expect(try !session.start().text.isEmpty)
            for utterance in script where !session.hasEnded {
                let stateBefore = session.conversation.state.name
                let turn = try session.hear(utterance)
                #expect(!turn.text.isEmpty, "no reply to «\(utterance)» in \(stateBefore)")
                for request in turn.changed {
                    #expect(stateBefore == "awaiting_request_change_confirmation", "\(request.reference) changed from \(stateBefore) on «\(utterance)»")
                    #expect(turn.interpretation?.intent == .affirm, "\(request.reference) changed on «\(utterance)»")
                }
                for request in turn.committed {
                    #expect(stateBefore == "awaiting_confirmation", "\(request.reference) written from \(stateBefore) on «\(utterance)»")
                    #expect(turn.interpretation?.intent == .affirm, "\(request.reference) written on «\(utterance)»")
                    #expect(turn.text.contains(request.reference.rawValue))
                    written += 1
                }
            }
            try Self.checkEveryRule(in: store)
        }
        // The property was exercised on real writes, not only on refusals.
        #expect(written >= 10, "only \(written) requests written")
    }

    /// What the store holds after any conversation: requests the rules and the deposit table allow, and nothing else.
    static func checkEveryRule(in store: Store) throws {
        let requests = try store.requests()
        let demoLines = Dictionary(uniqueKeysWithValues: DemoData.lines.map { ($0.number, $0) })
        var unfinishedByLine: [LineNumber: Int] = [:]
        for request in requests {
            let line = try #require(demoLines[request.line])
            #expect(line.account == request.account, "\(request.reference) on a line of another account")
            #expect(request.contractAccepted)
            if !request.status.isFinished { unfinishedByLine[request.line, default: 0] += 1 }
            #expect(request.oldModel == line.phone, "\(request.reference): old phone \(String(describing: request.oldModel))")
            let catalog = Catalog.demo
            switch request.kind {
            case .order:
                let new = try #require(request.newModel.flatMap { catalog[$0] })
                #expect(line.phone == nil && new.orderable && request.shippingMode == nil)
                #expect(Quote(dueNow: request.dueNow, refundOnReturn: request.refundOnReturn) == .order(of: new))
            case .exchange:
                let old = try #require(request.oldModel.flatMap { catalog[$0] })
                let new = try #require(request.newModel.flatMap { catalog[$0] })
                let mode = try #require(request.shippingMode)
                #expect(new.orderable && new.id != old.id)
                #expect(Quote(dueNow: request.dueNow, refundOnReturn: request.refundOnReturn) == .exchange(from: old, to: new, mode: mode))
            case .return:
                let old = try #require(request.oldModel.flatMap { catalog[$0] })
                #expect(request.newModel == nil && request.shippingMode == nil)
                #expect(Quote(dueNow: request.dueNow, refundOnReturn: request.refundOnReturn) == .return(of: old))
            }
        }
        #expect(unfinishedByLine.values.allSatisfy { $0 <= 1 }, "\(unfinishedByLine)")
    }
}
