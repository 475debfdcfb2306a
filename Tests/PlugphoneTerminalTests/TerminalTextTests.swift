import Foundation
import PlugphoneLocalization
import Testing
@testable import PlugphoneTerminal

/// The repository's own Locales folder, found from this file.
func packMessages(_ language: Language) throws -> Messages {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try Messages.load(language, from: LocalesDirectory(url: root.appendingPathComponent("Locales")))
}

@Suite struct SanitizerTests {
    @Test func keepsAccentsAndFrenchSpacing() {
        let text = "je veux échanger « mon » téléphone\u{202F}! 09\u{00A0}72\tok\nfin"
        #expect(TerminalSanitizer.clean(text) == text)
    }

    @Test func stripsCSISequences() {
        #expect(TerminalSanitizer.clean("a\u{1B}[31mrouge\u{1B}[0m b") == "arouge b")
        #expect(TerminalSanitizer.clean("\u{1B}[2J\u{1B}[Hclear") == "clear")
        #expect(TerminalSanitizer.clean("x\u{1B}[?1049hy") == "xy")
    }

    @Test func stripsOSCWithBellOrStringTerminator() {
        #expect(TerminalSanitizer.clean("\u{1B}]0;pwned\u{07}titre") == "titre")
        #expect(TerminalSanitizer.clean("\u{1B}]8;;http://x\u{1B}\\lien\u{1B}]8;;\u{1B}\\") == "lien")
    }

    @Test func stripsOtherEscapesAndControls() {
        #expect(TerminalSanitizer.clean("a\u{1B}Pdcs\u{1B}\\b") == "ab")
        #expect(TerminalSanitizer.clean("a\u{1B}(Bb\u{1B}=c\u{1B}7d") == "abcd")
        #expect(TerminalSanitizer.clean("a\u{07}b\u{08}c\rd\u{7F}e\u{00}f") == "abcdef")
        #expect(TerminalSanitizer.clean("a\u{9B}31mb\u{9D}0;t\u{9C}c\u{85}d") == "abcd")
        #expect(TerminalSanitizer.clean("abc\u{202E}def") == "abcdef")
    }

    @Test func brokenSequencesDoNotSwallowTheLine() {
        #expect(TerminalSanitizer.clean("a\u{1B}[12") == "a")
        #expect(TerminalSanitizer.clean("a\u{1B}[12\u{E9}t\u{E9}") == "a\u{E9}t\u{E9}")
        #expect(TerminalSanitizer.clean("fin\u{1B}") == "fin")
    }
}

@Suite struct WrapperTests {
    @Test func shortLinesStayAsTheyAre() {
        #expect(TextWrapper.wrap("Bonjour\u{202F}!", width: 80) == "Bonjour\u{202F}!")
        #expect(TextWrapper.wrap("a\n\nb", width: 20) == "a\n\nb")
    }

    @Test func wrapsAtSpacesWithinTheWidth() {
        let text = "Le nouveau téléphone part dès que nous recevons votre ancien poste."
        let wrapped = TextWrapper.wrap(text, width: 20)
        for line in wrapped.split(separator: "\n") { #expect(line.count <= 20) }
        #expect(wrapped.replacingOccurrences(of: "\n", with: " ") == text)
    }

    @Test func neverBreaksAtNoBreakSpaces() {
        let text = "Que souhaitez-vous faire\u{202F}? Montant\u{00A0}: 90,00\u{00A0}€"
        let wrapped = TextWrapper.wrap(text, width: 24)
        #expect(wrapped == "Que souhaitez-vous\nfaire\u{202F}? Montant\u{00A0}:\n90,00\u{00A0}€")
    }

    @Test func escapeSequencesTakeNoRoomAndAreNeverSplit() {
        let red = "\u{1B}[1;32m", reset = "\u{1B}[0m"
        let text = "aaaa \(red)bbbb\(reset) cccc dddd"
        let wrapped = TextWrapper.wrap(text, width: 14)
        #expect(wrapped == "aaaa \(red)bbbb\(reset) cccc\ndddd")
        #expect(TextWrapper.visibleWidth(wrapped.split(separator: "\n")[0]) == 14)
    }

    @Test func cutsWordsLongerThanTheLineBetweenCharacters() {
        let colour = "\u{1B}[36m"
        let wrapped = TextWrapper.wrap("\(colour)abcdefghijklmnopqrstuvwxyz", width: 10)
        #expect(wrapped == "\(colour)abcdefghij\nklmnopqrst\nuvwxyz")
    }

    @Test func continuationLinesHangUnderTheBullet() {
        let wrapped = TextWrapper.wrap("- Yealink T46S (poste de bureau, écran couleur)", width: 23)
        #expect(wrapped == "- Yealink T46S (poste\n  de bureau, écran\n  couleur)")
    }
}

@Suite struct StyleTests {
    @Test func coloursOnlyOnARealTerminal() {
        let term = ["TERM": "xterm-256color"]
        #expect(TerminalStyle.decide(environment: term, stdoutIsTerminal: true).colours)
        #expect(!TerminalStyle.decide(environment: term, stdoutIsTerminal: false).colours)
        #expect(!TerminalStyle.decide(environment: ["TERM": "dumb"], stdoutIsTerminal: true).colours)
        #expect(!TerminalStyle.decide(environment: [:], stdoutIsTerminal: true).colours)
        #expect(!TerminalStyle.decide(environment: ["TERM": "xterm", "NO_COLOR": "1"], stdoutIsTerminal: true).colours)
        // no-color.org: an empty NO_COLOR does not count.
        #expect(TerminalStyle.decide(environment: ["TERM": "xterm", "NO_COLOR": ""], stdoutIsTerminal: true).colours)
    }

    @Test func plainStyleChangesNothing() throws {
        let amounts = AmountMatcher(messages: try packMessages(.fr))
        let text = "Vous payez 30,00 € HT maintenant."
        #expect(TerminalStyle.plain.assistant(text, amounts: amounts) == text)
        #expect(TerminalStyle.plain.warning(text) == text)
        #expect(TerminalStyle.plain.prompt("vous › ") == "vous › ")
    }

    @Test func amountsStandOutInsideTheAssistantsColour() throws {
        let amounts = AmountMatcher(messages: try packMessages(.fr))
        let styled = TerminalStyle(colours: true).assistant("Caution : 90,00 € HT.", amounts: amounts)
        #expect(styled == "\u{1B}[36mCaution : \u{1B}[0m\u{1B}[1;32m90,00 € HT\u{1B}[0m\u{1B}[36m.\u{1B}[0m")
    }

    @Test func findsAmountsAsEachLanguageWritesThem() throws {
        let fr = AmountMatcher(messages: try packMessages(.fr))
        #expect(fr.amounts(in: "payez 30,00 € HT, puis 1\u{202F}234,50 € HT ; 12 € seuls non") == ["30,00 € HT", "1\u{202F}234,50 € HT"])
        let en = AmountMatcher(messages: try packMessages(.en))
        let sample = try packMessages(.en).text("format.money", ["amount": "90.00"])
        #expect(en.amounts(in: "You pay \(sample) now.") == [sample])
    }

    @Test func promptEscapesAreMarkedInvisibleForReadline() {
        let prompt = TerminalStyle(colours: true).prompt("vous › ")
        #expect(prompt.hasPrefix("\u{01}\u{1B}[1m\u{02}"))
        #expect(prompt.hasSuffix("\u{01}\u{1B}[0m\u{02}"))
        #expect(TextWrapper.visibleWidth(prompt) == 7)
    }
}
