import Benchmark
import Foundation
import PlugphoneCLI
import PlugphoneConversation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore
import PlugphoneUnderstanding

/// The repository root, four levels above this file.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let locales = LocalesDirectory(url: root.appendingPathComponent("Locales"))

/// Utterances as customers write them, in both languages.
let utterances = [
    "je veux changer mon téléphone", "jveux echanger le tel du 09 72 10 10 11 contre un t46s en express stp",
    "le 09 72 10 10 11", "un yalink t46s", "combien coûte la caution ?", "oui", "non, plutôt le T54W",
    "I want to return my phone", "how is it shipped?", "zéro neuf soixante-douze dix dix onze",
]

/// Loaded once, outside every measurement.
func setupFailed(_ error: any Error) -> Never { fatalError("benchmark setup failed: \(error)") }
let understander: Understander = {
    do { return try Understander(locales: locales, catalog: .demo) } catch { setupFailed(error) }
}()
let interpret: ConversationRuntime.Interpret = { text, language in understander.interpret(text, defaultLanguage: language) }
let packs: [Language: LanguagePack] = {
    var packs: [Language: LanguagePack] = [:]
    do {
        for language in Language.allCases { packs[language] = try LanguagePack.load(language, from: locales) }
    } catch { setupFailed(error) }
    return packs
}()
let allTranscripts: [Transcript] = {
    var transcripts: [Transcript] = []
    for file in TranscriptRunner.files(in: [root.appendingPathComponent("Dialogues").path]) {
        do { transcripts.append(try Transcript.parse(try String(contentsOf: file, encoding: .utf8))) } catch { setupFailed(error) }
    }
    return transcripts
}()
let runner = TranscriptRunner(packs: packs, interpret: interpret)

/// Inputs of about a thousand tokens that defeat a quadratic or cubic extractor: numbers, number words, model
/// codes written apart, a long run of digits, and words between phrase-matcher keys.
let longInputs: (numbers: String, others: [String]) = (
    numbers: Array(repeating: "0", count: 1_000).joined(separator: " "),
    others: [
        Array(repeating: "soixante-douze", count: 1_000).joined(separator: " "),
        Array(repeating: "t 46 s", count: 300).joined(separator: " "),
        String(repeating: "0972101011", count: 100),
        Array(repeating: "pas en express", count: 300).joined(separator: " "),
        Array(repeating: "le moins cher yealink", count: 250).joined(separator: " "),
    ]
)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], warmupIterations: 10, maxDuration: .seconds(3), maxIterations: 100_000
    )

    Benchmark("Parse one utterance") { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(understander.interpret(utterances[index % utterances.count], defaultLanguage: .fr))
            index += 1
        }
    }

    // Long, hostile inputs: every extractor must stay linear in its input. One line of 1,000 numbers took about
    // 1 s when the line extractor was cubic; each of these inputs is one utterance.
    Benchmark("Parse one line of 1,000 numbers", configuration: .init(maxDuration: .seconds(3), maxIterations: 1_000)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(understander.interpret(longInputs.numbers, defaultLanguage: .fr)) }
    }

    Benchmark("Parse long hostile lines (words, number words, codes, digits)", configuration: .init(maxDuration: .seconds(3), maxIterations: 1_000)) { benchmark in
        for _ in benchmark.scaledIterations {
            for input in longInputs.others { blackHole(understander.interpret(input, defaultLanguage: .fr)) }
        }
    }

    Benchmark("One conversation turn (store included)") { benchmark in
        // One session goes round a whole request and its cancellation, so every turn does real work.
        let store = try Store.inMemory(demo: true)
        let runtime = try ConversationRuntime(store: store, account: "ab12345-ovh", language: .fr, packs: packs, clock: { Date() }, interpret: interpret)
        _ = try runtime.start()
        let script = ["je veux changer mon téléphone", "oui", "le T46S", "en express", "annuler"]
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try runtime.hear(script[index % script.count]))
            index += 1
        }
    }

    // The conversation log's cost per turn: one long session with and without a logger (1,000 turns a sample, so
    // the batched writes are included and each time is per turn), and the logging alone, in memory and on a file.
    for logged in [false, true] {
        // Numbered so that the session without a logger runs first.
        let name = "One turn of a long session (store included), \(logged ? "2: logged" : "1: not logged")"
        Benchmark(name, configuration: .init(scalingFactor: .kilo, maxDuration: .seconds(10))) { benchmark in
            let store = try Store.inMemory(demo: true)
            let runtime = try ConversationRuntime(store: store, account: "ab12345-ovh", language: .fr, packs: packs, clock: { Date() }, interpret: interpret)
            if logged { runtime.log = SessionLogger(store: store, channel: "customer") }
            _ = try runtime.start()
            let script = ["je veux changer mon téléphone", "oui", "le T46S", "en express", "annuler"]
            benchmark.startMeasurement()
            for index in benchmark.scaledIterations {
                blackHole(try runtime.hear(script[index % script.count]))
            }
            benchmark.stopMeasurement()
            runtime.close()
        }
    }

    for onFile in [false, true] {
        Benchmark(onFile ? "Log one turn (WAL file, batched writes included)" : "Log one turn (in memory, batched writes included)", configuration: .init(scalingFactor: .kilo)) { benchmark in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plugphone-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = onFile
                ? try Store.open(path: folder.appendingPathComponent("log.sqlite").path, mode: .createWithDemoDataIfMissing(now: Date()))
                : try Store.inMemory(demo: true)
            // Real turns of a real session, logged over and over (positions keep growing).
            let runtime = try ConversationRuntime(store: store, account: "ab12345-ovh", language: .fr, packs: packs, clock: { Date() }, interpret: interpret)
            _ = try runtime.start()
            var turns: [(ConversationRuntime.Turn, Conversation.State, Conversation.State)] = []
            for line in ["je veux changer mon téléphone", "blorg wizzle", "oui", "combien coûte la caution ?", "le T46S", "en express", "annuler"] {
                let before = runtime.conversation.state
                let turn = try runtime.hear(line)
                turns.append((turn, before, runtime.conversation.state))
            }
            let logger = SessionLogger(store: store, channel: "customer")
            logger.opened(account: "ab12345-ovh", language: .fr, at: Date())
            benchmark.startMeasurement()
            for index in benchmark.scaledIterations {
                let (turn, before, after) = turns[index % turns.count]
                logger.record(turn, before: before, after: after, at: Date())
            }
            benchmark.stopMeasurement()
            logger.close(language: .fr, at: Date())
        }
    }

    Benchmark("One whole transcript") { benchmark in
        guard let transcript = allTranscripts.first(where: { $0.turns.count >= 5 }) ?? allTranscripts.first else { return }
        for _ in benchmark.scaledIterations {
            let outcome = try runner.run(transcript)
            precondition(outcome.passed)
        }
    }

    Benchmark("Replay all of Dialogues/", configuration: .init(maxDuration: .seconds(10), maxIterations: 50)) { benchmark in
        for _ in benchmark.scaledIterations {
            for transcript in allTranscripts {
                let outcome = try runner.run(transcript)
                precondition(outcome.passed)
            }
        }
    }

    Benchmark("Fresh demo database in memory") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Store.inMemory(demo: true)) }
    }

    Benchmark("Start a session (account read, greeting)") { benchmark in
        let store = try Store.inMemory(demo: true)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let runtime = try ConversationRuntime(store: store, account: "ab12345-ovh", language: .fr, packs: packs, clock: { Date() }, interpret: interpret)
            blackHole(try runtime.start())
        }
    }

    Benchmark("Create a request") { benchmark in
        let store = try Store.inMemory(demo: true)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let request = try store.createRequest(.return(line: LineNumber(rawValue: "+33972101011")), account: "ab12345-ovh", contractAccepted: true, at: Date())
            benchmark.stopMeasurement()
            _ = try store.apply(.cancelled, to: request.reference, at: Date())
            benchmark.startMeasurement()
        }
    }

    Benchmark("List one account's requests among 100,000") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try bigStore.requests(account: "zz100042-ovh"))
        }
    }
}

/// 100,000 requests: 10,000 accounts with 10 each.
let bigStore: Store = {
    do {
        let store = try Store.inMemory(demo: true)
        try store.seedForBenchmarks(accounts: 10_000, requestsPerAccount: 10)
        return store
    } catch { setupFailed(error) }
}()
