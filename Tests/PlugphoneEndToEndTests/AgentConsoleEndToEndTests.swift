import Foundation
import Testing

/// The agent console in a pseudo-terminal: `/suivant` takes the oldest hand-off case and the agent finishes the
/// customer's draft where it stopped.
@Suite(.serialized, .enabled(if: TerminalHarness.available, "tmux is needed to drive a terminal"))
struct AgentConsoleEndToEndTests {
    @Test func nextTakesTheOldestCaseAndTheAgentFinishesTheDraft() throws {
        let terminal = try TerminalHarness()
        // A customer stops half-way and asks for a human: a case is opened.
        let customer = try PlugphoneProcess.run(
            ["chat", "--db", terminal.database], stdin: "échanger mon téléphone contre un T46S\noui\nje veux parler à un conseiller\n"
        )
        #expect(customer.stdout.contains("dossier n° 1"))

        try terminal.launch(["chat", "--agent", "--agent-id", "agent-7", "--db", terminal.database])
        try terminal.waitFor("compte du client")
        try terminal.say("cd67890-ovh")
        try terminal.waitFor("Durand SARL")
        try terminal.say("/aide")
        let help = try terminal.waitFor("Ctrl-R")
        #expect(help.contains("/suivant"))
        try terminal.say("/suivant")
        let taken = try terminal.waitFor("Reprenez la demande")
        #expect(taken.contains("Dossier n° 1"))
        #expect(taken.contains("a demandé un conseiller"))
        #expect(taken.contains("Camille Martin"))
        #expect(taken.contains("client › je veux parler à un conseiller"))
        // The draft resumes at its pending question, phrased for the agent.
        try terminal.waitFor("Demandez-lui lequel il préfère")
        try terminal.say("en express")
        try terminal.waitFor("Lisez au client le récapitulatif")
        try terminal.say("oui")
        try terminal.waitFor("RMA-000002")
        try terminal.say("/suivant")
        try terminal.waitFor("Aucun dossier n'attend")
        try terminal.say("/quitter")
        #expect(try terminal.waitForExit() == 0)

        let queue = try PlugphoneProcess.run(["queue", "--json", "--db", terminal.database])
        #expect(queue.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let requests = try #require(try JSONSerialization.jsonObject(with: Data(PlugphoneProcess.run(["requests", "--json", "--db", terminal.database]).stdout.utf8)) as? [[String: Any]])
        let written = try #require(requests.first { $0["id"] as? String == "RMA-000002" })
        #expect(written["account"] as? String == "ab12345-ovh")
        #expect(written["shipping_mode"] as? String == "express_48h")
        #expect(written["actor"] as? String == "agent-7")
        #expect(written["channel"] as? String == "agent")
    }

    @Test func aCallerAskingForASupervisorDoesNotEndTheAgentsSession() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--agent", "--db", terminal.database])
        try terminal.waitFor("compte du client")
        try terminal.say("ab12345-ovh")
        try terminal.waitFor("Demandez au client")
        try terminal.say("il veut parler à un responsable")
        try terminal.waitFor("transférez l'appel")
        try terminal.say("il veut renvoyer son téléphone")
        try terminal.waitFor("09 72 10 10 11")
        #expect(try terminal.exitStatus() == nil, "the session goes on")
        try terminal.say("/quitter")
        #expect(try terminal.waitForExit() == 0)
        #expect(try PlugphoneProcess.run(["queue", "--json", "--db", terminal.database]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func theCallerIsFoundByNumberOrNameAndAccountTakesTheNextCaller() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--agent", "--db", terminal.database], height: 200)
        try terminal.waitFor("compte du client")
        try terminal.say("/suivant")
        try terminal.waitFor("Aucun dossier n'attend dans la file.")
        try terminal.say("/aide")
        try terminal.waitFor("Saisissez d'abord qui appelle")
        try terminal.say("Dupont")
        try terminal.waitFor("Aucun client ne correspond")
        try terminal.say("ar")
        let several = try terminal.waitFor("Plusieurs clients correspondent")
        #expect(several.contains("ab12345-ovh") && several.contains("Camille Martin") && several.contains("cd67890-ovh"))
        try terminal.say("+33 9 72 10 10 11")
        try terminal.waitFor("Compte ab12345-ovh")
        try terminal.waitFor("Demandez au client")
        try terminal.say("/compte")
        try terminal.waitFor("Qui appelle", count: 2)
        try terminal.say("DURAND")
        try terminal.waitFor("Compte cd67890-ovh")
        try terminal.say("/compte")
        try terminal.waitFor("Qui appelle", count: 3)
        try terminal.say("CD67890")
        try terminal.waitFor("Compte cd67890-ovh", count: 2)
        try terminal.say("/quitter")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func eventsAreConfirmedWithWhatTheyTriggerAndRefusedInFrench() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--agent", "--agent-id", "agent-7", "--db", terminal.database], width: 200, height: 200)
        try terminal.waitFor("compte du client")
        try terminal.say("ab12345-ovh")
        let overview = try terminal.waitFor("Demandez au client").plain
        #expect(overview.contains("RMA-000001 · échange · en attente du retour · créée le 28 novembre 2026 · retour attendu avant le"))
        try terminal.say("/expédié RMA-000001")
        let refused = try terminal.waitFor("ne s'applique pas").plain
        #expect(refused.contains("« nouveau téléphone expédié » ne s'applique pas à ce stade. Possible maintenant : /reçu, /délai-dépassé, /annulé."))
        #expect(!refused.contains("shipped"), "no English event name in a French session")
        try terminal.say("/reçu RMA-000001")
        let asked = try terminal.waitFor("Confirmez-vous").plain
        #expect(asked.contains("Cela déclenche l'expédition du Yealink W56P au client."))
        try terminal.say("non")
        try terminal.waitFor("rien n'est enregistré")
        #expect(try PlugphoneProcess.run(["requests", "--json", "--db", terminal.database]).stdout.contains(#""status":"awaiting_return""#))
        try terminal.say("/reçu RMA-000001")
        try terminal.waitFor("Confirmez-vous", count: 2)
        try terminal.say("oui")
        try terminal.waitFor("ancien téléphone reçu\u{202F}» enregistré")
        try terminal.say("/note RMA-000001 colis arrivé abîmé")
        try terminal.waitFor("Note ajoutée à la demande RMA-000001.")
        try terminal.say("/note rappeler le client vendredi")
        try terminal.waitFor("Note ajoutée au compte du client.")
        try terminal.say("/historique RMA-000001")
        let history = try terminal.waitFor("colis arrivé abîmé", count: 2).plain
        #expect(history.contains("demande créée par ab12345-ovh (libre-service)"))
        #expect(history.contains("ancien téléphone reçu → ancien téléphone reçu, par agent-7 (conseiller)"))
        #expect(history.contains("agent-7 (conseiller), sur RMA-000001 : colis arrivé abîmé"))
        try terminal.say("/compte")
        try terminal.waitFor("Qui appelle", count: 2)
        try terminal.say("0972101010")
        let again = try terminal.waitFor("rappeler le client vendredi", count: 1).plain
        #expect(again.contains("Notes :"))
        try terminal.say("/quitter")
        #expect(try terminal.waitForExit() == 0)
        let requests = try #require(try JSONSerialization.jsonObject(with: Data(PlugphoneProcess.run(["requests", "--json", "--db", terminal.database]).stdout.utf8)) as? [[String: Any]])
        let events = try #require(requests.first?["events"] as? [[String: Any]])
        #expect(events.last?["actor"] as? String == "agent-7")
        #expect(events.last?["channel"] as? String == "agent")
    }
}

extension String {
    /// The screen with French typography's narrow no-break spaces read as plain spaces, for readable expectations.
    var plain: String { replacingOccurrences(of: "\u{202F}", with: " ") }
}
