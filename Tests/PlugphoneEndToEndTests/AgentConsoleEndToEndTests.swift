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
}
