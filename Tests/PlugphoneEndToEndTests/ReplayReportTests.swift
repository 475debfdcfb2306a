import Foundation
import Testing

/// `plugphone replay --update`, `--json` and `--junit`, through the real binary, on copies of `Dialogues/`.
struct ReplayReportTests {
    static let root = PlugphoneProcess.packageRoot
    /// Copies `Locales/` and `Dialogues/` into `scratch`, with the closing question (`conv.ask.anything_else`, in most
    /// French transcripts) reworded in the French copy; returns its former text too.
    func rewordedCopy(_ scratch: Scratch) throws -> (locales: String, dialogues: String, former: String) {
        let files = FileManager.default
        let locales = scratch.path("Locales"), dialogues = scratch.path("Dialogues")
        try files.copyItem(atPath: Self.root.appendingPathComponent("Locales").path, toPath: locales)
        try files.copyItem(atPath: Self.root.appendingPathComponent("Dialogues").path, toPath: dialogues)
        let messages = locales + "/fr/messages-conversation.yaml"
        var lines = try String(contentsOfFile: messages, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("anything_else: \"") }, "conv.ask.anything_else moved")
        let indent = String(lines[index].prefix { $0 == " " })
        let former = String(lines[index].trimmingCharacters(in: .whitespaces).dropFirst("anything_else: \"".count).dropLast())
        lines[index] = indent + "anything_else: \"Autre chose\u{202F}?\\nJe reste à votre disposition.\""
        try lines.joined(separator: "\n").write(toFile: messages, atomically: true, encoding: .utf8)
        return (locales, dialogues, former)
    }

    /// Every transcript under `folder`, by path relative to it.
    func transcripts(_ folder: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for language in ["fr", "en"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: "\(folder)/\(language)") where name.hasSuffix(".txt") {
                out["\(language)/\(name)"] = try String(contentsOfFile: "\(folder)/\(language)/\(name)", encoding: .utf8)
            }
        }
        return out
    }

    /// The text without its exact `bot:` entries (first lines and indented continuations): what `--update` must keep.
    func everythingButReplies(_ text: String) -> String {
        var kept: [Substring] = []
        var inReply = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("bot: "), line != "bot: …" { inReply = true; continue }
            if inReply, line.first == " " || line.first == "\t" { continue }
            inReply = false
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    @Test func updateRewritesOnlyTheRepliesAfterARewording() throws {
        let scratch = try Scratch()
        let (locales, dialogues, former) = try rewordedCopy(scratch)
        let before = try transcripts(dialogues)

        let failing = try PlugphoneProcess.run(["replay", "--locales", locales, dialogues])
        #expect(failing.status == 1)

        let update = try PlugphoneProcess.run(["replay", "--locales", locales, "--update", dialogues])
        #expect(update.status == 0, "\(update.stdout)\(update.stderr)")
        let after = try transcripts(dialogues)
        let changed = before.keys.filter { before[$0] != after[$0] }.sorted()
        #expect(changed.count >= 20)
        #expect(changed.allSatisfy { $0.hasPrefix("fr/") })
        for name in before.keys.sorted() {
            let old = try #require(before[name]), new = try #require(after[name])
            // Comments, headers, user: lines and every assertion are kept byte for byte.
            #expect(everythingButReplies(old) == everythingButReplies(new), "\(name): more than bot: lines changed")
            if changed.contains(name) {
                #expect(!new.contains(former))
                #expect(new.contains("Je reste à votre disposition."))
                #expect(update.stdout.contains("\(dialogues)/\(name)"), "\(name) missing from the summary")
            }
        }
        // One line per file: the rewritten ones say which turns.
        let summary = update.stdout.split(separator: "\n")
        #expect(summary.filter { $0.hasPrefix("RÉÉCRIT ") }.count == changed.count)
        #expect(summary.filter { $0.hasPrefix("inchangé ") }.count == before.count - changed.count)
        #expect(summary.filter { $0.hasPrefix("RÉÉCRIT ") }.allSatisfy { $0.contains(".txt\u{202F}: ") && $0.contains(" réponse(s) réécrite(s) (") && $0.contains("tour ") })

        // The re-recorded files pass with the new wording, and a second update changes nothing.
        #expect(try PlugphoneProcess.run(["replay", "--locales", locales, dialogues]).status == 0)
        let again = try PlugphoneProcess.run(["replay", "--locales", locales, "--update", dialogues])
        #expect(again.status == 0)
        #expect(try transcripts(dialogues) == after)
    }

    @Test func updateRefusesATranscriptWhoseAssertionsNoLongerHold() throws {
        let scratch = try Scratch()
        let (locales, dialogues, _) = try rewordedCopy(scratch)
        let file = dialogues + "/fr/return-simple.txt"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let tampered = text.replacingOccurrences(of: "refund_on_return_cents=6000", with: "refund_on_return_cents=9999")
        #expect(tampered != text)
        try tampered.write(toFile: file, atomically: true, encoding: .utf8)

        let update = try PlugphoneProcess.run(["replay", "--locales", locales, "--update", file])
        #expect(update.status == 1)
        #expect(update.stdout.contains("ÉCHEC \(file)"))
        #expect(update.stdout.contains("- written: reference=RMA-000002"))
        #expect(update.stdout.contains("refund_on_return_cents=9999"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == tampered, "a failing transcript was rewritten")
    }

    /// A folder with a passing, a failing (its diff full of characters XML must escape) and a malformed transcript.
    func mixedFolder(_ scratch: Scratch) throws -> String {
        let folder = scratch.path("mixed")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.root.appendingPathComponent("Dialogues/en/cancel.txt").path, toPath: folder + "/a-pass.txt")
        let failing = """
        # Expects words the assistant does not say, with markup in them.
        account: ab12345-ovh
        lang: fr
        now: 2026-11-28T10:00:00Z

        bot: <Bonjour> & "bienvenue" \u{1}
        user: je veux renvoyer mon téléphone
        state: awaiting_line

        """
        try failing.write(toFile: folder + "/b-fail.txt", atomically: true, encoding: .utf8)
        try "account: ab12345-ovh\nlang: fr\nbot: hi\n".write(toFile: folder + "/c-malformed.txt", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func junitIsValidAgainstTheSchema() throws {
        let scratch = try Scratch()
        let folder = try mixedFolder(scratch)
        let report = scratch.path("report.xml")
        let outcome = try PlugphoneProcess.run(["replay", "--junit", report, folder])
        #expect(outcome.status == 1)
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        #expect(xml.contains("tests=\"3\" failures=\"1\" errors=\"1\""))
        #expect(xml.contains("&lt;Bonjour&gt; &amp; \"bienvenue\" \u{FFFD}"))
        #expect(xml.contains("<failure message=\"accueil\u{202F}: l'accueil diffère\" type=\"reply\">"))
        #expect(xml.contains("<error message="))

        let schema = Self.root.appendingPathComponent("Tests/Schemas/junit.xsd").path
        let xmllint = try #require(
            ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "xmllint is missing: apt-get install libxml2-utils (.ci/run does)"
        )
        let valid = try PlugphoneProcess.run(["--noout", "--schema", schema, report], executable: URL(fileURLWithPath: xmllint))
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stderr.contains("validates"))

        // The schema is not a rubber stamp: it refuses a test case without its name.
        let invalid = scratch.path("invalid.xml")
        try xml.replacingOccurrences(of: "<testcase name=", with: "<testcase label=").write(toFile: invalid, atomically: true, encoding: .utf8)
        #expect(try PlugphoneProcess.run(["--noout", "--schema", schema, invalid], executable: URL(fileURLWithPath: xmllint)).status != 0)
    }

    @Test func jsonIsOneObjectPerTranscript() throws {
        let scratch = try Scratch()
        let folder = try mixedFolder(scratch)
        let outcome = try PlugphoneProcess.run(["replay", "--json", folder])
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { ($0["path"] as? String)?.hasSuffix(".txt") } == [true, true, true])
        #expect(objects.map { $0["passed"] as? Bool } == [true, false, false])
        #expect(objects[0]["turns"] as? Int == 4)
        let failures = try #require(objects[1]["failures"] as? [[String: Any]])
        #expect(failures.first?["turn"] as? Int == 0)
        #expect(failures.first?["kind"] as? String == "reply")
        #expect((failures.first?["diff"] as? String)?.contains("- <Bonjour> & \"bienvenue\"") == true)
        let malformed = try #require(objects[2]["failures"] as? [[String: Any]])
        #expect(malformed.first?["kind"] as? String == "malformed")
    }
}
