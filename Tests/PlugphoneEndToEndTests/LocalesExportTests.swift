import Foundation
import Testing

/// `plugphone locales export DIR`: the built-in data written out, usable as `--locales`, never through a link; and
/// what an incomplete `--locales` folder lacks.
struct LocalesExportTests {
    @Test func exportWritesACompleteLocalesFolder() throws {
        let scratch = try Scratch()
        let dir = scratch.path("texts")
        let export = try PlugphoneProcess.run(["locales", "export", dir])
        #expect(export.status == 0, "\(export.stderr)")
        let root = PlugphoneProcess.packageRoot.appendingPathComponent("Locales").path
        for language in ["fr", "en"] {
            let expected = try FileManager.default.contentsOfDirectory(atPath: "\(root)/\(language)").filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            for name in expected {
                #expect(try String(contentsOfFile: "\(dir)/\(language)/\(name)", encoding: .utf8) == String(contentsOfFile: "\(root)/\(language)/\(name)", encoding: .utf8), "\(name)")
            }
        }
        // The copy works as --locales, and a customised text shows.
        let messages = dir + "/fr/messages-replay.yaml"
        let text = try String(contentsOfFile: messages, encoding: .utf8)
        try text.replacingOccurrences(of: "unchanged: \"inchangé {path}\"", with: "unchanged: \"pareil {path}\"").write(toFile: messages, atomically: true, encoding: .utf8)
        let case_ = scratch.path("case.txt")
        try "account: ab12345-ovh\nlang: fr\nnow: 2026-11-28T10:00:00Z\n\nuser: bonjour\nunderstood: greet\n".write(toFile: case_, atomically: true, encoding: .utf8)
        let replay = try PlugphoneProcess.run(["replay", "--update", "--locales", dir, case_])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("pareil "), "\(replay.stdout)")
        let parse = try PlugphoneProcess.run(["parse", "--locales", dir, "bonjour"])
        #expect(parse.status == 0, "\(parse.stderr)")
        #expect(parse.stdout.hasPrefix("greet"))
    }

    @Test func exportRefusesANonEmptyFolderUnlessForced() throws {
        let scratch = try Scratch()
        let dir = scratch.path("texts")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "mine".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        let refused = try PlugphoneProcess.run(["locales", "export", dir])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/fr"))
        let forced = try PlugphoneProcess.run(["locales", "export", "--force", dir])
        #expect(forced.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/fr/messages.yaml"))
        #expect(try String(contentsOfFile: dir + "/notes.txt", encoding: .utf8) == "mine")
    }

    @Test func exportNeverWritesThroughASymbolicLink() throws {
        let scratch = try Scratch()
        let victim = scratch.path("victim")
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        let dir = scratch.path("texts")
        try FileManager.default.createDirectory(atPath: dir + "/fr", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/fr/messages.yaml", withDestinationPath: victim + "/target.yaml")
        let refused = try PlugphoneProcess.run(["locales", "export", "--force", dir])
        #expect(refused.status == 2)
        #expect(!FileManager.default.fileExists(atPath: victim + "/target.yaml"))
        try FileManager.default.createSymbolicLink(atPath: scratch.path("link"), withDestinationPath: victim)
        #expect(try PlugphoneProcess.run(["locales", "export", scratch.path("link")]).status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim).isEmpty)
    }

    @Test func anEmptyLocalesFolderSaysWhatItLacks() throws {
        let scratch = try Scratch()
        let outcome = try PlugphoneProcess.run(["parse", "--locales", scratch.url.path, "bonjour"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("fr/, en/"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("locales export"))
        #expect(!outcome.stderr.contains("Cannot find the Locales folder"))
    }
}
