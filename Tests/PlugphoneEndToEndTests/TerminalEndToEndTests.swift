import Foundation
import Testing

/// Shell integration: completion scripts come from swift-argument-parser.
@Suite struct ShellIntegrationTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let outcome = try PlugphoneProcess.run(["--generate-completion-script", shell])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("plugphone"))
        for subcommand in ["chat", "requests", "catalog", "advance"] {
            #expect(outcome.stdout.contains(subcommand), "\(shell) script lacks \(subcommand)")
        }
    }

    @Test func bashScriptIsValidBash() throws {
        let scratch = try Scratch()
        let script = try PlugphoneProcess.run(["--generate-completion-script", "bash"]).stdout
        let file = scratch.path("plugphone.bash")
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/bash")
        check.arguments = ["-n", file]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
    }
}

/// `plugphone chat` driven as a person would, in a pseudo-terminal.
@Suite(.serialized, .enabled(if: TerminalHarness.available, "tmux is needed to drive a terminal"))
struct TerminalChatTests {
    static let prompt = "vous ›"

    @Test func welcomeNamesTheAccountTheLanguageAndHelp() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        let screen = try terminal.waitFor(Self.prompt)
        #expect(screen.contains("Camille Martin"))
        #expect(screen.contains("ab12345-ovh"))
        #expect(screen.contains("français"))
        #expect(screen.contains("/aide"))
        try terminal.say("/aide")
        let help = try terminal.waitFor("Ctrl-R")
        for command in ["/langue", "/annuler", "/recommencer", "/demandes", "/debug", "/quitter"] { #expect(help.contains(command)) }
        #expect(!help.contains("/reçu"), "agent-only commands stay out of the customer's help")
        try terminal.say("/quitter")
        #expect(try terminal.waitForExit() == 0)
        #expect(try terminal.screen().contains("Au revoir"))
    }

    @Test func aFullRequestTypedAtThePrompt() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.say("je veux échanger le téléphone du 09 72 10 10 11 contre un yealink t46s")
        try terminal.waitFor("express")
        try terminal.say("en express")
        try terminal.waitFor("contrat")
        try terminal.say("oui")
        let done = try terminal.waitFor("RMA-000002")
        #expect(done.contains("90,00"))
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
        let requests = try PlugphoneProcess.run(["requests", "--db", terminal.database, "--json"])
        #expect(requests.stdout.contains(#""id":"RMA-000002","kind":"exchange""#))
        #expect(requests.stdout.contains(#""shipping_mode":"express_48h""#))
    }

    @Test func tabCompletesLinesModelsAndCommands() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.type("je veux échanger le 09 72")
        try terminal.press("Tab")
        try terminal.waitFor("le 09 72 10 10 1")
        try terminal.press("Tab")
        let listed = try terminal.waitFor("09 72 10 10 12")
        #expect(listed.contains("09 72 10 10 10"))
        try terminal.type("1 contre un t46")
        try terminal.press("Tab")
        try terminal.waitFor("le 09 72 10 10 11 contre un Yealink T46S")
        try terminal.interrupt(prompt: Self.prompt)
        try terminal.type("/aid")
        try terminal.press("Tab")
        try terminal.press("Enter")
        try terminal.waitFor("Ctrl-R")
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func ctrlCClearsTheLineAndTheSessionGoesOn() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.type("une phrase à oublier")
        try terminal.waitFor("à oublier")
        try terminal.interrupt(prompt: Self.prompt)
        #expect(try terminal.screen().contains("à oublier^C"))
        #expect(try terminal.exitStatus() == nil, "Ctrl-C must not end the session")
        try terminal.say("/demandes")
        try terminal.waitFor("RMA-000001")
        try terminal.say("/quitter")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func ctrlDLeavesWithAGoodbye() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
        #expect(try terminal.screen().contains("Au revoir"))
    }

    @Test func sigtermLeavesCleanlyWithoutTakingTheHalfTypedLine() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.type("je veux commander")
        try terminal.waitFor("commander")
        try terminal.send(SIGTERM)
        #expect(try terminal.waitForExit() == 0)
        let screen = try terminal.screen()
        #expect(screen.contains("Au revoir"))
        #expect(!screen.contains("09 72 10 10 10"), "a half-typed line is not sent (an order would offer the line without a phone)")
    }

    @Test func sayingGoodbyeEndsTheSessionWithOneGoodbye() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.say("au revoir")
        #expect(try terminal.waitForExit() == 0)
        let screen = try terminal.screen()
        #expect(screen.components(separatedBy: "Au revoir").count == 2, "one goodbye: \(screen)")
        #expect(!screen.contains("à bientôt"), "the conversation said goodbye: the terminal adds none")
    }

    @Test func historyIsKeptAcrossTwoRuns() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.say("quels modèles avez-vous ?")
        try terminal.waitFor(Self.prompt, count: 2)
        try terminal.say("/quitter")
        _ = try terminal.waitForExit()
        let history = try String(contentsOfFile: terminal.historyFile, encoding: .utf8)
        #expect(history.contains("quels modèles avez-vous ?"))
        let attributes = try FileManager.default.attributesOfItem(atPath: terminal.historyFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.press("Up", "Up")
        try terminal.waitFor("\(Self.prompt) quels modèles avez-vous ?")
        try terminal.interrupt(prompt: Self.prompt)
        // Reverse search finds it too.
        try terminal.press("C-r")
        try terminal.type("modèles")
        try terminal.waitFor("reverse-i-search")
        try terminal.press("Enter")
        try terminal.waitFor(Self.prompt, count: 3)
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func resumesARequestAfterKill9() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.say("je veux échanger le téléphone du 09 72 10 10 11")
        try terminal.waitFor("Yealink T46S")
        try terminal.killHard()

        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor("reprendre")
        try terminal.say("oui")
        let resumed = try terminal.waitFor("Yealink T46S")
        #expect(resumed.contains("Reprenons"))
        try terminal.say("le t46s en express")
        try terminal.waitFor("contrat")
        try terminal.say("oui")
        try terminal.waitFor("RMA-000002")
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)

        // Recorded: nothing is left to resume.
        try terminal.launch(["chat", "--db", terminal.database])
        let fresh = try terminal.waitFor(Self.prompt)
        #expect(!fresh.contains("reprendre"))
        try terminal.press("C-d")
        _ = try terminal.waitForExit()
    }

    @Test func agentModeGuidesTheAgentAndKeepsNoHistory() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--agent", "--db", terminal.database])
        try terminal.waitFor("compte du client")
        try terminal.say("zz99999-ovh")
        try terminal.waitFor("Aucun client ne correspond")
        try terminal.say("ab12345-ovh")
        let account = try terminal.waitFor("Camille Martin")
        #expect(account.contains("09 72 10 10 12 (Gigaset C530 IP)"))
        try terminal.waitFor("Demandez au client")
        try terminal.say("il veut échanger le téléphone du 09 72 10 10 11")
        let guidance = try terminal.waitFor("Téléphonie › 09 72 10 10 11 › Téléphone › Changer de téléphone")
        #expect(guidance.contains("Demandez au client quel nouveau téléphone"))
        try terminal.say("/reçu RMA-000001")
        try terminal.waitFor("Confirmez-vous")
        try terminal.say("oui")
        try terminal.waitFor("ancien téléphone reçu\u{202F}» enregistré")
        try terminal.say("/quitter")
        #expect(try terminal.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: terminal.historyFile), "agent mode keeps no history file")
        let requests = try PlugphoneProcess.run(["requests", "--db", terminal.database, "--json"])
        #expect(requests.stdout.contains(#""status":"received""#))
    }

    @Test func coloursOnATerminalAndNoneWithNoColor() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        #expect(try terminal.screenWithColours().contains("\u{1B}["))
        try terminal.press("C-d")
        _ = try terminal.waitForExit()

        try terminal.launch(["chat", "--db", terminal.database], environment: ["NO_COLOR": "1"])
        try terminal.waitFor(Self.prompt)
        let plain = try terminal.screenWithColours()
        #expect(!plain.contains("\u{1B}[36m"))
        try terminal.press("C-d")
        _ = try terminal.waitForExit()
    }

    @Test func longRepliesWrapAtSpacesToTheTerminalWidth() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database], width: 50)
        try terminal.waitFor(Self.prompt)
        try terminal.say("/aide")
        try terminal.waitFor("Ctrl-R")
        // Had plugphone not wrapped, the terminal would have, in the middle of words: joining its own
        // wrapped lines back would then change the screen.
        func trimmed(_ screen: String) -> [String] {
            screen.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.reversed().drop { $0 == " " }.reversed()) }
        }
        let rows = try terminal.rows()
        #expect(trimmed(rows) == trimmed(try terminal.joinedRows()))
        for row in rows.split(separator: "\n") { #expect(row.count <= 50, "too wide: \(row)") }
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func languageSwitchAndDebugLines() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.say("/debug")
        try terminal.waitFor("debug")
        try terminal.say("je veux commander un téléphone")
        let debug = try terminal.waitFor("[debug] intention")
        #expect(debug.contains("order_phone"))
        try terminal.say("/langue en")
        try terminal.waitFor("you ›")
        try terminal.say("/nonsense")
        try terminal.waitFor("Type /help")
        try terminal.say("/quit")
        #expect(try terminal.waitForExit() == 0)
        #expect(try terminal.screen().contains("Goodbye"))
    }

    @Test func theResumeQuestionCanBeLeftOrAnsweredWithAnotherRequest() throws {
        let terminal = try TerminalHarness()
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor(Self.prompt)
        try terminal.say("je veux renvoyer mon téléphone")
        try terminal.waitFor("09 72 10 10 11")
        try terminal.killHard()

        // Ctrl-D at the question: nothing is decided, the request stays for next time.
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor("reprendre")
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)

        // Another request instead of yes or no: that one starts.
        try terminal.launch(["chat", "--db", terminal.database])
        try terminal.waitFor("reprendre")
        try terminal.say("je voudrais commander un téléphone")
        let screen = try terminal.waitFor("09 72 10 10 10")
        #expect(screen.contains("repart de zéro"))
        try terminal.press("C-d")
        #expect(try terminal.waitForExit() == 0)
    }
}
