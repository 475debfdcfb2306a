import PlugphoneLocalization
import Testing
@testable import PlugphoneTerminal

@Suite struct SlashCommandTests {
    let french: SlashCommandParser
    let english: SlashCommandParser

    init() throws {
        french = SlashCommandParser(messages: [try packMessages(.fr)])
        english = SlashCommandParser(messages: [try packMessages(.en)])
    }

    @Test func ordinaryTextIsNoCommand() {
        #expect(french.parse("je veux un téléphone") == nil)
        #expect(french.parse("") == nil)
    }

    @Test func frenchNamesAndEnglishAliases() {
        for parser in [french, english] {
            #expect(parser.parse("/aide") == .help)
            #expect(parser.parse("/help") == .help)
            #expect(parser.parse("  /AIDE  ") == .help)
            #expect(parser.parse("/annuler") == .cancel)
            #expect(parser.parse("/cancel") == .cancel)
            #expect(parser.parse("/recommencer") == .restart)
            #expect(parser.parse("/restart") == .restart)
            #expect(parser.parse("/demandes") == .requests)
            #expect(parser.parse("/requests") == .requests)
            #expect(parser.parse("/debug") == .debug)
            #expect(parser.parse("/quitter") == .quit)
            #expect(parser.parse("/quit") == .quit)
        }
    }

    @Test func languageTakesAnArgument() {
        #expect(french.parse("/langue en") == .language(.en, argument: "en"))
        #expect(french.parse("/lang fr") == .language(.fr, argument: "fr"))
        #expect(french.parse("/langue Français") == .language(.fr, argument: "Français"))
        #expect(english.parse("/lang english") == .language(.en, argument: "english"))
        #expect(french.parse("/langue") == .language(nil, argument: ""))
        #expect(french.parse("/langue de") == .language(nil, argument: "de"))
    }

    @Test func agentCommandsRecordBackOfficeEvents() {
        #expect(french.parse("/reçu RMA-000003") == .backOffice(event: "received", reference: "RMA-000003"))
        #expect(french.parse("/recu RMA-000003") == .backOffice(event: "received", reference: "RMA-000003"))
        #expect(english.parse("/shipped RMA-000004") == .backOffice(event: "shipped", reference: "RMA-000004"))
        #expect(french.parse("/expédié") == .backOffice(event: "shipped", reference: ""))
        #expect(Set(french.commandWords(agent: true)).isSuperset(of: ["/reçu", "/expédié", "/remboursé", "/terminé", "/délai-dépassé", "/annulé"]))
        #expect(french.parse("/délai-dépassé RMA-000003") == .backOffice(event: "deadline-passed", reference: "RMA-000003"))
        #expect(english.parse("/cancelled RMA-000003") == .backOffice(event: "cancelled", reference: "RMA-000003"))
        #expect(french.parse("/suivant") == .next && english.parse("/next") == .next)
        #expect(french.parse("/compte") == .account && english.parse("/account") == .account)
        #expect(french.parse("/historique RMA-000001") == .history(reference: "RMA-000001"))
        #expect(french.parse("/note RMA-000001 colis abîmé") == .note("RMA-000001 colis abîmé"))
        #expect(!french.allCommandWords().contains("/suivant"))
        #expect(!french.allCommandWords().contains("/reçu"))
    }

    @Test func unknownCommandsAreNamed() {
        #expect(french.parse("/bonjour") == .unknown("bonjour"))
        #expect(french.parse("/") == .unknown(""))
    }

    @Test func shownNamesFollowTheSessionLanguage() {
        #expect(french.commandWords() == ["/aide", "/langue", "/annuler", "/recommencer", "/demandes", "/debug", "/quitter"])
        #expect(english.commandWords() == ["/help", "/lang", "/cancel", "/restart", "/requests", "/debug", "/quit"])
    }
}

@Suite struct CompletionTests {
    let candidates: CompletionCandidates

    init() throws {
        let parser = SlashCommandParser(messages: [try packMessages(.fr)])
        candidates = CompletionCandidates(
            parser: parser,
            models: ["Yealink T41S", "Yealink T46S", "Yealink T54W", "Gigaset C530 IP", "Cisco CP7841"],
            lines: ["09 72 10 10 10", "09 72 10 10 11", "09 72 10 10 12"]
        )
    }

    @Test func slashCommands() {
        #expect(Completer.complete("/ai", candidates: candidates) == Completion(fragment: "/ai", replacement: "/aide ", choices: ["/aide"]))
        #expect(Completer.complete("/qu", candidates: candidates)?.replacement == "/quit")
        #expect(Completer.complete("/quitt", candidates: candidates)?.replacement == "/quitter ")
        #expect(Completer.complete("/he", candidates: candidates)?.replacement == "/help ")
        let ambiguous = Completer.complete("/re", candidates: candidates)
        #expect(ambiguous?.replacement == nil)
        #expect(ambiguous?.choices == ["/recommencer", "/requests", "/restart"])
        // Only as the first word.
        #expect(Completer.complete("je tape /ai", candidates: candidates) == nil)
    }

    @Test func languageArguments() {
        #expect(Completer.complete("/langue e", candidates: candidates)?.replacement == "en ")
        #expect(Completer.complete("/lang f", candidates: candidates)?.replacement == "fr ")
        #expect(Completer.complete("/aide e", candidates: candidates) == nil)
    }

    @Test func modelNamesWithSpaces() {
        #expect(Completer.complete("je veux un giga", candidates: candidates) == Completion(fragment: "giga", replacement: "Gigaset C530 IP ", choices: ["Gigaset C530 IP"]))
        let yealink = Completer.complete("je veux un yealink t4", candidates: candidates)
        #expect(yealink?.fragment == "yealink t4")
        #expect(yealink?.replacement == nil)
        #expect(yealink?.choices == ["Yealink T41S", "Yealink T46S"])
        #expect(Completer.complete("un yea", candidates: candidates)?.replacement == "Yealink T")
        #expect(Completer.complete("un yealink t46", candidates: candidates)?.replacement == "Yealink T46S ")
        // A later word of the name finds the model too.
        #expect(Completer.complete("contre un t46", candidates: candidates)?.replacement == "Yealink T46S ")
    }

    @Test func linesInTheirWrittenFrenchForm() {
        let partial = Completer.complete("échanger le 09 72", candidates: candidates)
        #expect(partial?.fragment == "09 72")
        #expect(partial?.replacement == "09 72 10 10 1")
        #expect(Completer.complete("le 09 72 10 10 1", candidates: candidates)?.choices.count == 3)
        #expect(Completer.complete("le 09 72 10 10 1", candidates: candidates)?.replacement == nil)
        #expect(Completer.complete("le 0972101011", candidates: candidates)?.replacement == "09 72 10 10 11 ")
        #expect(Completer.complete("le 09.72.10.10.12", candidates: candidates)?.replacement == "09 72 10 10 12 ")
    }

    @Test func nothingToComplete() {
        #expect(Completer.complete("", candidates: candidates) == nil)
        #expect(Completer.complete("bonjour ", candidates: candidates) == nil)
        #expect(Completer.complete("bonjour", candidates: candidates) == nil)
    }
}

@Suite struct PathTests {
    @Test func historyFollowsXDGStateHome() {
        #expect(TerminalPaths.historyFile(environment: ["XDG_STATE_HOME": "/tmp/state", "HOME": "/home/c"]) == "/tmp/state/plugphone/history")
        #expect(TerminalPaths.historyFile(environment: ["HOME": "/home/c"]) == "/home/c/.local/state/plugphone/history")
        #expect(TerminalPaths.historyFile(environment: ["XDG_STATE_HOME": "relative", "HOME": "/home/c"]) == "/home/c/.local/state/plugphone/history")
    }

    @Test func widthFallsBackToColumnsThenEighty() {
        #expect(TerminalSize.fallbackColumns(environment: ["COLUMNS": "120"]) == 120)
        #expect(TerminalSize.fallbackColumns(environment: ["COLUMNS": "x"]) == 80)
        #expect(TerminalSize.fallbackColumns(environment: [:]) == 80)
    }
}
