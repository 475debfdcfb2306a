import ArgumentParser
import Foundation
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneTerminal

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

    @Flag(help: "Rewrite the bot: lines from what the assistant says now, keeping every other line; a transcript whose other assertions fail is not rewritten.")
    var update = false

    @Option(help: ArgumentHelp("Also write the results as JUnit XML (one test case per transcript).", valueName: "file"))
    var junit: String?

    @Flag(help: "One JSON object per transcript and per line (path, passed, turns, failures) instead of the readable report.")
    var json = false

    /// The file's path relative to the working directory when it is under it, as people name it.
    static func displayPath(_ file: URL) -> String {
        let here = FileManager.default.currentDirectoryPath
        let prefix = here.hasSuffix("/") ? here : here + "/"
        return file.path.hasPrefix(prefix) ? String(file.path.dropFirst(prefix.count)) : file.path
    }

    func run() throws {
        let locales = try global.localesSource()
        let packs = try global.languagePacks()
        guard let pack = packs[global.lang] else { throw CLIFailure(.usage, "--lang") }
        let m = pack.messages
        // A path that does not exist is bad usage (exit 2), not a failed replay (exit 1).
        if let missing = paths.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            throw CLIFailure(.usage, m.text("conv.replay.missing", ["path": Transcript.visible(missing)]))
        }
        let files = TranscriptRunner.files(in: paths)
        guard !files.isEmpty else { throw CLIFailure(.usage, m.text("conv.replay.no_files")) }
        let interpret: ConversationRuntime.Interpret
        // Building the understanding fails only on the locale data (`nlu.yml` …): invalid configuration, exit 2, as in
        // `chat` and `parse`.
        do { interpret = try Interpreter.make(locales: locales, catalog: .demo) } catch let failure as CLIFailure { throw failure } catch {
            throw CLIFailure(.usage, "\(error)")
        }
        let runner = TranscriptRunner(packs: packs, interpret: interpret)
        try pack.output { try replay(files, runner: runner, pack: pack) }
    }

    private func replay(_ files: [URL], runner: TranscriptRunner, pack: LanguagePack) throws {
        let m = pack.messages

        var output = Output()
        var results: [ReplayResult] = []
        var passed = 0, failed = 0, turns = 0, updated = 0
        var setup: UInt64 = 0, inTurns: UInt64 = 0
        let startedAt = Date()
        var writeFailure: StreamWriteError?
        let start = DispatchTime.now().uptimeNanoseconds
        for file in files {
            let path = Self.displayPath(file)
            var result = ReplayResult(path: path)
            defer {
                results.append(result)
                // A defer cannot throw: a failed write is kept and thrown once the loop is left.
                if json, writeFailure == nil {
                    do { try output.line(result.json(m).serialized()) } catch { writeFailure = error }
                }
            }
            let text: String
            do { text = try String(contentsOf: file, encoding: .utf8) } catch {
                failed += 1
                result.problem = .broken(kind: "unreadable", line: nil, sentence: m.text("conv.replay.unreadable_reason"))
                if !json { try output.line(m.text("conv.replay.unreadable", ["path": path])) }
                continue
            }
            let parsed: (transcript: Transcript, layout: Transcript.Layout)
            do { parsed = try Transcript.parseWithLayout(text) } catch {
                failed += 1
                let reason = m.text("conv.replay.parse.\(error.code)", error.values)
                let sentence = m.text("conv.replay.malformed_reason", ["line": String(error.line), "reason": reason])
                result.problem = .broken(kind: "malformed", line: error.line, sentence: sentence)
                if !json { try output.line(Transcript.visible(m.text("conv.replay.malformed", ["path": path, "reason": sentence]))) }
                continue
            }
            result.language = parsed.transcript.language.rawValue
            let outcome = try pack.storage { try runner.run(parsed.transcript, updating: update) }
            turns += outcome.turns
            setup += outcome.setupNanoseconds
            inTurns += outcome.turnNanoseconds
            result.turns = outcome.turns
            result.seconds = Double(outcome.setupNanoseconds + outcome.turnNanoseconds) / 1e9
            if !outcome.failures.isEmpty {
                failed += 1
                result.problem = .failed(outcome.failures)
                if !json {
                    try output.line(m.text(update ? "conv.replay.not_updated" : "conv.replay.failed", ["path": path]))
                    for mismatch in outcome.failures { try output.line(Transcript.visible(mismatch.report(m))) }
                }
                continue
            }
            passed += 1
            guard update else { continue }
            let rewritten = outcome.differingReplies
            result.rewritten = rewritten
            if rewritten.isEmpty {
                if !json { try output.line(m.text("conv.replay.unchanged", ["path": path])) }
                continue
            }
            var replies: [Int: String] = [:]
            for turn in rewritten { replies[turn] = outcome.replies[turn] }
            let newText = Transcript.rewriting(text, layout: parsed.layout, replies: replies)
            try RecordFile.write(
                newText, to: file.path, pack: pack, notRegular: "conv.replay.not_regular", cannotWrite: "conv.replay.cannot_write"
            )
            updated += 1
            if !json {
                let names = rewritten.map { $0 == 0 ? m.text("conv.replay.greeting") : m.text("conv.replay.turn", ["turn": String($0)]) }
                try output.line(m.text("conv.replay.updated", ["path": path, "count": String(rewritten.count), "turns": names.joined(separator: ", ")]))
            }
        }
        if let writeFailure { throw writeFailure }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if let junit {
            let xml = JUnitReport.xml(results, messages: m, timestamp: startedAt, seconds: seconds)
            try RecordFile.write(xml, to: junit, pack: pack, notRegular: "conv.replay.not_regular", cannotWrite: "conv.replay.cannot_write")
        }
        if !json {
            if update {
                try output.line(m.text("conv.replay.update_summary", ["updated": String(updated), "unchanged": String(passed - updated), "failed": String(failed)]))
            } else {
                try output.line(m.text("conv.replay.summary", ["passed": String(passed), "failed": String(failed)]))
            }
        }
        if timing, !json {
            // Decimals as the session's language writes them (`0,123` in French).
            let separator = m.text("format.decimal_separator")
            func decimals(_ value: Double, _ digits: Int = 3) -> String {
                String(format: "%.\(digits)f", value).replacingOccurrences(of: ".", with: separator)
            }
            try output.line(m.text("conv.replay.timing", [
                "turns": String(turns), "seconds": decimals(seconds),
                "per_turn": decimals(turns > 0 ? seconds * 1000 / Double(turns) : 0),
                "rate": decimals(seconds > 0 ? Double(turns) / seconds : 0, 0),
            ]))
            try output.line(m.text("conv.replay.timing_split", [
                "files": String(files.count), "setup": decimals(Double(setup) / 1e9),
                "turns_only": decimals(Double(inTurns) / 1e9),
                "per_turn": decimals(turns > 0 ? Double(inTurns) / 1e6 / Double(turns) : 0),
            ]))
        }
        try output.flush()
        if failed > 0 { throw ExitCode(CLIFailure.Code.checkFailed.rawValue) }
    }
}
