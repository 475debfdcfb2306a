import Foundation
import Testing

/// `plugphone replay`'s readable report in the session's language, `--json` identifiers language-neutral, JUnit's
/// `classname` from `lang:`, hidden files skipped, a missing path refused, and control characters shown escaped.
struct ReplayLanguageTests {
    static let header = "account: ab12345-ovh\nlang: en\nnow: 2026-11-28T10:00:00Z\n\n"

    /// A folder with one English transcript whose first reply is wrong, one malformed, and one hidden.
    func folder(_ scratch: Scratch) throws -> String {
        let dir = scratch.path("cases")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try (Self.header + "user: hello\nbot: not what it says\n").write(toFile: dir + "/wrong.txt", atomically: true, encoding: .utf8)
        try (Self.header + "user: hello\nstate: flying\n").write(toFile: dir + "/malformed.txt", atomically: true, encoding: .utf8)
        try "not a transcript".write(toFile: dir + "/.hidden.txt", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func theReportFollowsTheSessionLanguage() throws {
        let scratch = try Scratch()
        let dir = try folder(scratch)
        let french = try PlugphoneProcess.run(["replay", "--timing", dir])
        #expect(french.status == 1)
        #expect(french.stdout.contains("tour 1 — client\u{202F}: hello"), "\(french.stdout)")
        #expect(french.stdout.contains("la réponse diffère"))
        #expect(french.stdout.contains("ligne 6\u{202F}:"))
        #expect(!french.stdout.contains("turn 1"))
        #expect(!french.stdout.contains("the reply differs"))
        #expect(!french.stdout.contains(", line "))
        #expect(french.stdout.contains("\n0 passed, 2 failed\n"), "the machine line CI reads, hidden file not counted")
        let timing = try #require(french.stdout.split(separator: "\n").first { $0.contains(" tours en ") })
        #expect(timing.contains(",") && timing.range(of: #"[0-9]\.[0-9]"#, options: .regularExpression) == nil, "\(timing)")

        let english = try PlugphoneProcess.run(["replay", "--lang", "en", dir])
        #expect(english.stdout.contains("turn 1 — user: hello"))
        #expect(english.stdout.contains("the reply differs"))
        #expect(english.stdout.contains("0 passed, 2 failed"))
    }

    @Test func jsonKindsAreStableAndTheSentenceIsApart() throws {
        let scratch = try Scratch()
        let dir = try folder(scratch)
        let outcome = try PlugphoneProcess.run(["replay", "--json", dir])
        let objects = try outcome.stdout.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.count == 2)
        let failures = objects.compactMap { ($0["failures"] as? [[String: Any]])?.first }
        let malformed = try #require(failures.first { $0["kind"] as? String == "malformed" })
        #expect(malformed["line"] as? Int == 6)
        #expect((malformed["what"] as? String)?.contains("ÉCHEC") == false)
        let reply = try #require(failures.first { $0["kind"] as? String == "reply" })
        #expect(reply["what"] as? String == "la réponse diffère")
    }

    @Test func junitClassnameIsTheTranscriptsLanguage() throws {
        let scratch = try Scratch()
        let dir = try folder(scratch)
        let report = scratch.path("report.xml")
        _ = try PlugphoneProcess.run(["replay", "--junit", report, dir])
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        #expect(xml.contains("classname=\"transcripts.en\""), "\(xml)")
        #expect(!xml.contains("transcripts.cases"))
        #expect(!xml.contains(".hidden"))
    }

    @Test func aMissingPathIsBadUsage() throws {
        let outcome = try PlugphoneProcess.run(["replay", "/nonexistent/plugphone-dialogues"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("«\u{202F}/nonexistent/plugphone-dialogues\u{202F}» n'existe pas"), "\(outcome.stderr)")
        #expect(outcome.stderrLines.count == 1)
    }

    @Test func controlCharactersAreRecordedAndReplayedVisibly() throws {
        let scratch = try Scratch()
        let record = scratch.path("rec.txt")
        let chat = try PlugphoneProcess.run(["chat", "--record", record], stdin: "b\u{1B}[31monjour\u{7}\n")
        #expect(chat.status == 0, "\(chat.stderr)")
        let text = try String(contentsOfFile: record, encoding: .utf8)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("user: b\\u{1B}[31monjour\\u{7}"), "\(text)")
        #expect(try PlugphoneProcess.run(["replay", record]).status == 0, "a recorded session replays as typed")
        try (text + "state: ended\n").write(toFile: record, atomically: true, encoding: .utf8)
        let failing = try PlugphoneProcess.run(["replay", record])
        #expect(failing.status == 1)
        #expect(!failing.stdout.unicodeScalars.contains("\u{1B}"))
        #expect(failing.stdout.contains("b\\u{1B}[31monjour"))
    }
}
