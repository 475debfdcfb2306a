import Foundation
import PlugphoneCLI
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import Testing

/// Lines the transcript format must refuse rather than let pass, `act=`, the `written:` diff's order, comments inside a
/// reply under `--update`, and control characters (issue 15, the black-box tester's holes).
@Suite struct TranscriptStrictnessTests {
    static let header = "account: ab12345-ovh\nlang: fr\nnow: 2026-11-28T10:00:00Z\n\n"

    /// The line and reason `Transcript.parse` refuses `text` with, nil when it accepts it.
    private func refusal(_ text: String) -> Transcript.ParseError? {
        do {
            _ = try Transcript.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("user: bonjour\nunderstood: greet lyne=- slots=exact\n", 6, "lyne"),
        ("user: bonjour\nwritten: colour=red\n", 6, "colour"),
        ("user: bonjour\nwritten:\n", 6, "written:"),
        ("user: bonjour\nstate: flying\n", 6, "flying"),
    ])
    func malformedAssertionLine(_ body: String, line: Int, names: String) throws {
        let error = try #require(refusal(Self.header + body))
        #expect(error.line == line)
        #expect(error.reason.contains(names), "\(error)")
    }

    @Test(arguments: [
        ("account: ab12345-ovh\nlang: fr\nnow: garbage\n\nuser: bonjour\n", 3, "garbage"),
        ("account: ab12345-ovh\nlang: de\nnow: 2026-11-28T10:00:00Z\n\nuser: bonjour\n", 2, "de"),
        ("account: ab12345-ovh\naccount: other\nlang: fr\nnow: 2026-11-28T10:00:00Z\n\nuser: bonjour\n", 2, "line 1"),
    ])
    func malformedHeaderIsReportedWhereItStands(_ text: String, line: Int, names: String) throws {
        let error = try #require(refusal(text))
        #expect(error.line == line)
        #expect(error.reason.contains(names), "\(error)")
    }

    @Test func everyKnownKeyAndStateIsAccepted() throws {
        for key in Understood.knownKeys {
            #expect(refusal(Self.header + "user: bonjour\nunderstood: * \(key)=-\n") == nil, "\(key)")
        }
        for state in Conversation.State.allNames {
            #expect(refusal(Self.header + "user: bonjour\nstate: \(state)\n") == nil, "\(state)")
        }
        for field in WrittenRequest.fieldOrder {
            #expect(refusal(Self.header + "user: bonjour\nwritten: \(field)=x\n") == nil, "\(field)")
        }
    }

    @Test func anUnknownAccountFails() throws {
        let runner = try TranscriptTests.runner.get()
        let outcome = try runner.run(Transcript.parse("account: nobody\nlang: fr\nnow: 2026-11-28T10:00:00Z\n\nuser: bonjour\n"))
        #expect(!outcome.passed)
        #expect(outcome.mismatch?.kind == .account)
        #expect(outcome.turns == 0)
    }

    @Test func actIsAsserted() throws {
        let runner = try TranscriptTests.runner.get()
        let text = Self.header + "user: je veux annuler ma demande RMA-000001\nunderstood: * act=cancel_request\n"
        #expect(try runner.run(Transcript.parse(text)).passed)
        let wrong = try runner.run(Transcript.parse(text.replacingOccurrences(of: "act=cancel_request", with: "act=change_request")))
        #expect(wrong.mismatch?.kind == .understood)
        #expect(wrong.mismatch?.actual.first?.contains("act=cancel_request") == true)
    }

    @Test func theWrittenDiffKeepsTheFilesOrder() throws {
        let runner = try TranscriptTests.runner.get()
        let text = Self.header + "user: je veux échanger le téléphone du 09 72 10 10 11 contre un T46S en express\nuser: oui\n"
            + "written: status=open mode=after_return kind=exchange\n"
        let outcome = try runner.run(Transcript.parse(text))
        let mismatch = try #require(outcome.mismatch)
        #expect(mismatch.kind == .written)
        #expect(mismatch.expected == ["written: status=open mode=after_return kind=exchange"])
        #expect(mismatch.actual.first?.hasPrefix("written: status=open mode=express_48h kind=exchange reference=") == true, "\(mismatch.actual)")
    }

    @Test func rewritingKeepsCommentsInsideAReplyWhereTheyStood() throws {
        let source = Self.header + "bot: old first line\n  # indented comment\n     old second line\n# unindented comment\n     old third line\n\nuser: bonjour\n"
        let (transcript, layout) = try Transcript.parseWithLayout(source)
        #expect(transcript.greeting == "old first line\nold second line\nold third line")
        let rewritten = Transcript.rewriting(source, layout: layout, replies: [0: "new one\nnew two\nnew three"])
        #expect(rewritten == Self.header + "bot: new one\n  # indented comment\n     new two\n# unindented comment\n     new three\n\nuser: bonjour\n")
        let shorter = Transcript.rewriting(source, layout: layout, replies: [0: "only one"])
        #expect(shorter == Self.header + "bot: only one\n  # indented comment\n# unindented comment\n\nuser: bonjour\n")
        let longer = Transcript.rewriting(source, layout: layout, replies: [0: "a\nb\nc\nd"])
        #expect(longer == Self.header + "bot: a\n  # indented comment\n     b\n# unindented comment\n     c\n     d\n\nuser: bonjour\n")
    }

    @Test func controlCharactersAreWrittenVisiblyAndReadBack() throws {
        let typed = "b\u{1B}[31monjour\u{7}"
        #expect(Transcript.visible(typed) == "b\\u{1B}[31monjour\\u{7}")
        #expect(Transcript.unescapingControls(Transcript.visible(typed)) == typed)
        #expect(Transcript.unescapingControls("\\u{E9} stays") == "\\u{E9} stays")
        let recorded = Transcript(account: "ab12345-ovh", language: .fr, now: Date(timeIntervalSince1970: 0), greeting: nil, turns: [.init(user: typed, bot: nil)])
        #expect(!recorded.text.unicodeScalars.contains("\u{1B}"))
        #expect(try Transcript.parse(recorded.text).turns.first?.user == typed)
    }
}

/// Every reason a transcript can be malformed is said in both languages (`conv.replay.parse.<code>`), with the
/// placeholders the code fills.
@Suite struct TranscriptParseMessagesTests {
    @Test func everyParseErrorCodeHasAMessageInEachLanguage() throws {
        let source = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/PlugphoneConversation/Transcript.swift"),
            encoding: .utf8
        )
        let codes = Set(source.matches(of: /code: "([a-z_]+)"/).map { String($0.output.1) })
        #expect(codes.count >= 25)
        let packs = try TranscriptTests.runner.get().packs
        for (language, pack) in packs {
            for code in codes {
                #expect(pack.messages.has("conv.replay.parse." + code), "\(language) lacks conv.replay.parse.\(code)")
            }
        }
    }

    @Test func theReasonIsGivenInTheSessionsLanguage() throws {
        let error: Transcript.ParseError
        do {
            _ = try Transcript.parse("account: ab12345-ovh\nlang: fr\nnow: 2026-11-28T10:00:00Z\n\nuser: x\nstate: flying\n")
            Issue.record("parsed")
            return
        } catch let caught {
            error = caught
        }
        let packs = try TranscriptTests.runner.get().packs
        let french = try #require(packs[.fr]).messages.text("conv.replay.parse." + error.code, error.values)
        #expect(french.hasPrefix("état inconnu `flying`"))
        let english = try #require(packs[.en]).messages.text("conv.replay.parse." + error.code, error.values)
        #expect(english == error.reason)
    }
}
