import ArgumentParser
import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore

/// `plugphone replay PATH...`: replays transcripts and shows how each failing one differs.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replays transcript files, or every transcript under a folder; exit 1 if any differs."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Transcript files (*.txt) or folders.", valueName: "path"))
    var paths: [String]

    @Flag(help: "Also print the time taken and turns per second.")
    var timing = false

    func run() throws {
        let locales = try global.localesDirectory()
        var packs: [Language: LanguagePack] = [:]
        for language in Language.allCases { packs[language] = try global.languagePack(language) }
        guard let pack = packs[global.lang] else { throw CLIFailure(.usage, "--lang") }
        let m = pack.messages
        // A path that does not exist is bad usage (exit 2), not a failed replay (exit 1).
        if let missing = paths.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            throw CLIFailure(.usage, m.text("conv.replay.missing", ["path": missing]))
        }
        let files = TranscriptRunner.files(in: paths)
        guard !files.isEmpty else { throw CLIFailure(.usage, m.text("conv.replay.no_files")) }
        let interpret: ConversationRuntime.Interpret
        // Malformed training data (`nlu.yml`) is bad usage, exit code 2, as in `chat` and `parse`.
        do { interpret = try Interpreter.make(locales: locales, catalog: .demo) } catch let failure as CLIFailure { throw failure } catch {
            throw CLIFailure(.usage, "\(error)")
        }
        let runner = TranscriptRunner(packs: packs, interpret: interpret)
        try pack.output { try replay(files, runner: runner, pack: pack) }
    }

    private func replay(_ files: [URL], runner: TranscriptRunner, pack: LanguagePack) throws {
        let m = pack.messages

        var output = Output()
        var passed = 0, failed = 0, turns = 0
        var setup: UInt64 = 0, inTurns: UInt64 = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for file in files {
            let text: String
            do { text = try String(contentsOf: file, encoding: .utf8) } catch {
                failed += 1
                try output.line(m.text("conv.replay.unreadable", ["path": file.path]))
                continue
            }
            let transcript: Transcript
            do { transcript = try Transcript.parse(text) } catch {
                failed += 1
                try output.line(m.text("conv.replay.malformed", ["path": file.path, "reason": error.description]))
                continue
            }
            let outcome = try pack.storage { try runner.run(transcript) }
            turns += outcome.turns
            setup += outcome.setupNanoseconds
            inTurns += outcome.turnNanoseconds
            if let mismatch = outcome.mismatch {
                failed += 1
                try output.line(m.text("conv.replay.failed", ["path": file.path]))
                try output.line(mismatch.description)
            } else {
                passed += 1
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        try output.line(m.text("conv.replay.summary", ["passed": String(passed), "failed": String(failed)]))
        if timing {
            try output.line(m.text("conv.replay.timing", [
                "turns": String(turns), "seconds": String(format: "%.3f", seconds),
                "per_turn": String(format: "%.3f", turns > 0 ? seconds * 1000 / Double(turns) : 0),
                "rate": String(format: "%.0f", seconds > 0 ? Double(turns) / seconds : 0),
            ]))
            try output.line(m.text("conv.replay.timing_split", [
                "files": String(files.count), "setup": String(format: "%.3f", Double(setup) / 1e9),
                "turns_only": String(format: "%.3f", Double(inTurns) / 1e9),
                "per_turn": String(format: "%.3f", turns > 0 ? Double(inTurns) / 1e6 / Double(turns) : 0),
            ]))
        }
        try output.flush()
        if failed > 0 { throw ExitCode(CLIFailure.Code.checkFailed.rawValue) }
    }
}
