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

func loadPacks() throws -> [Language: LanguagePack] {
    var packs: [Language: LanguagePack] = [:]
    for language in Language.allCases { packs[language] = try LanguagePack.load(language, from: locales) }
    return packs
}

func transcripts() throws -> [Transcript] {
    try TranscriptRunner.files(in: [root.appendingPathComponent("Dialogues").path]).map { try Transcript.parse(try String(contentsOf: $0, encoding: .utf8)) }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], warmupIterations: 5, maxDuration: .seconds(3), maxIterations: 100_000
    )

    Benchmark("Parse one utterance") { benchmark in
        let understander = try Understander(locales: locales, catalog: .demo)
        var index = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(understander.interpret(utterances[index % utterances.count], defaultLanguage: .fr))
            index += 1
        }
    }

    Benchmark("One conversation turn (store included)") { benchmark in
        let interpret = try Interpreter.make(locales: locales, catalog: .demo)
        let packs = try loadPacks()
        let store = try Store.inMemory(demo: true)
        // The same session goes round: a request is asked, then cancelled, so every turn does real work.
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

    Benchmark("One whole transcript") { benchmark in
        let runner = TranscriptRunner(packs: try loadPacks(), interpret: try Interpreter.make(locales: locales, catalog: .demo))
        let all = try transcripts()
        guard let transcript = all.first(where: { $0.turns.count >= 5 }) ?? all.first else { return }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let outcome = try runner.run(transcript)
            precondition(outcome.passed)
        }
    }

    Benchmark("Replay all of Dialogues/", configuration: .init(maxDuration: .seconds(10), maxIterations: 20)) { benchmark in
        let runner = TranscriptRunner(packs: try loadPacks(), interpret: try Interpreter.make(locales: locales, catalog: .demo))
        let all = try transcripts()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for transcript in all {
                let outcome = try runner.run(transcript)
                precondition(outcome.passed)
            }
        }
    }

    Benchmark("Fresh demo database in memory") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Store.inMemory(demo: true)) }
    }

    Benchmark("Start a session (account read, greeting)") { benchmark in
        let interpret = try Interpreter.make(locales: locales, catalog: .demo)
        let packs = try loadPacks()
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

    Benchmark("List one account's requests among 100,000", configuration: .init(maxDuration: .seconds(5))) { benchmark in
        let store = try Store.inMemory(demo: true)
        try store.seedForBenchmarks(accounts: 10_000, requestsPerAccount: 10)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try store.requests(account: "ab12345-ovh"))
        }
    }
}
