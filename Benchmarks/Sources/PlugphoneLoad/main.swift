import Foundation
import PlugphoneCLI
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneStore

// Usage: PlugphoneLoad [--conversations N] [--workers W] [--db PATH] [--processes P]
//
// Runs N scripted conversations at once against one database file: W worker threads (each with its own
// connection, as separate processes would have) each hold N/W sessions open and play them turn by turn in
// round-robin. Each conversation belongs to its own account, so exactly N requests must be written — no loss,
// no duplicate. With --processes P, P child processes share the work (N/P conversations each) on one file.

struct Options {
    var conversations = 1000
    var workers = 8
    var processes = 1
    var db: String?
    var childIndex: Int?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            let value = iterator.next().flatMap(Int.init)
            switch argument {
            case "--conversations": conversations = value ?? conversations
            case "--workers": workers = value ?? workers
            case "--processes": processes = value ?? processes
            case "--child": childIndex = value
            case "--db": db = arguments.drop { $0 != "--db" }.dropFirst().first
            default: break
            }
        }
    }
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let options = Options(CommandLine.arguments)

/// The account and line of conversation `i`, created by `seed`.
func account(_ i: Int) -> AccountID { AccountID("ld\(100_000 + i)-ovh") }

/// Three kinds of scripted conversation, chosen by index.
func script(_ i: Int) -> [String] {
    switch i % 3 {
    case 0: ["bonjour", "je veux renvoyer mon téléphone", "oui", "oui", "merci au revoir"]
    case 1: ["je veux échanger mon téléphone contre un T46S", "oui", "en express", "c'est combien la caution ?", "oui"]
    default: ["I want to exchange my phone", "yes", "the cheapest one", "after you receive the old one", "yes"]
    }
}

/// Peak resident memory of this process, or of its largest child process.
func peakResidentMegabytes(children: Bool = false) -> Double {
    var usage = rusage()
    getrusage(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

let dbPath = options.db ?? (NSTemporaryDirectory() + "plugphone-load-\(getpid()).sqlite")

/// Runs conversations `range` with `workers` threads; returns the number of requests committed.
func play(_ range: Range<Int>) throws -> Int {
    let locales = LocalesDirectory(url: root.appendingPathComponent("Locales"))
    let interpret = try Interpreter.make(locales: locales, catalog: .demo)
    var packs: [Language: LanguagePack] = [:]
    for language in Language.allCases { packs[language] = try LanguagePack.load(language, from: locales) }
    let frozenPacks = packs
    let committed = LockedCounter()
    let failures = LockedCounter()
    let chunks = stride(from: range.lowerBound, to: range.upperBound, by: max(1, range.count / options.workers + (range.count % options.workers == 0 ? 0 : 1)))
        .map { $0..<min($0 + max(1, range.count / options.workers + (range.count % options.workers == 0 ? 0 : 1)), range.upperBound) }
    DispatchQueue.concurrentPerform(iterations: chunks.count) { chunkIndex in
        do {
            let store = try Store.open(path: dbPath, busyTimeout: 30)
            let sessions = try chunks[chunkIndex].map { i in
                (i, try ConversationRuntime(store: store, account: account(i), language: .fr, packs: frozenPacks, clock: { Date() }, interpret: interpret))
            }
            for (_, session) in sessions { _ = try session.start() }
            for turn in 0..<5 {
                for (i, session) in sessions where !session.hasEnded {
                    let lines = script(i)
                    guard turn < lines.count else { continue }
                    committed.add(try session.hear(lines[turn]).committed.count)
                }
            }
        } catch {
            FileHandle.standardError.write(Data("worker \(chunkIndex): \(error)\n".utf8))
            failures.add(1)
        }
    }
    if failures.value > 0 { fail("\(failures.value) workers failed") }
    return committed.value
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add(_ n: Int) { lock.withLock { count += n } }
}

do {
    if let child = options.childIndex {
        let share = options.conversations / options.processes
        let committed = try play(child * share..<(child + 1) * share)
        print(committed)
        exit(0)
    }
    try? FileManager.default.removeItem(atPath: dbPath)
    let store = try Store.open(path: dbPath, mode: .createWithDemoDataIfMissing(now: Date()))
    try store.seedLoadAccounts(count: options.conversations) { account($0) }
    let start = Date()
    var committed = 0
    if options.processes > 1 {
        let children = try (0..<options.processes).map { index -> (Process, Pipe) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
            process.arguments = ["--child", String(index), "--processes", String(options.processes), "--conversations", String(options.conversations),
                                 "--workers", String(max(1, options.workers / options.processes)), "--db", dbPath]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            return (process, output)
        }
        for (process, output) in children {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0, let n = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { fail("a child process failed") }
            committed += n
        }
    } else {
        committed = try play(0..<options.conversations)
    }
    let seconds = Date().timeIntervalSince(start)
    // Check the database itself: exactly one request per conversation's account, none lost, none doubled.
    let requests = try store.requests().filter { $0.account.rawValue.hasPrefix("ld") }
    let perAccount = Dictionary(grouping: requests, by: \.account)
    let lost = (0..<options.conversations).filter { perAccount[account($0)] == nil }.count
    let doubled = perAccount.values.filter { $0.count > 1 }.count
    print("conversations: \(options.conversations) (\(options.processes) process(es), \(options.workers) connections)")
    print("requests committed (as reported): \(committed); in the database: \(requests.count); lost: \(lost); duplicated: \(doubled)")
    print(String(format: "time: %.2f s, %.0f conversations/s, %.0f turns/s; peak memory: %.1f MB (this process)", seconds, Double(options.conversations) / seconds, Double(options.conversations * 5) / seconds, peakResidentMegabytes()))
    if options.processes > 1 { print(String(format: "peak memory of the largest child process: %.1f MB", peakResidentMegabytes(children: true))) }
    try? FileManager.default.removeItem(atPath: dbPath)
    if lost > 0 || doubled > 0 || committed != options.conversations || requests.count != options.conversations { fail("FAILED") }
} catch {
    fail("\(error)")
}
