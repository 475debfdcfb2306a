import ArgumentParser
import Foundation
import PlugphoneDomain
import PlugphoneLocalization
import PlugphoneTerminal
import PlugphoneUnderstanding
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `plugphone parse [--lang fr|en] [--json] [TEXT]` (docs/reference.md §1–2): the understanding alone.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Understanding only: the intent and slots of each utterance.",
        discussion: "With TEXT: one result. Without: one utterance per line of standard input, one result per line."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "One JSON object per utterance (JSON Lines).")
    var json = false

    /// Held-out evaluation: prints intent accuracy, slot exact-match, out-of-scope recall, in-scope accuracy, per-intent
    /// recall and the top confusion pairs of an annotated Rasa nlu.yml file.
    @Option(name: .long, help: .hidden)
    var evaluate: String?

    @Flag(name: .long, help: .hidden)
    var showFailures = false

    @Option(name: .long, help: .hidden)
    var threshold: Double?

    @Argument(help: "The utterance (words may be given unquoted).")
    var text: [String] = []

    func run() throws {
        var understander: Understander
        do {
            understander = try Understander(locales: try global.localesSource(), catalog: .demo, cache: .standard())
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw CLIFailure(.usage, "\(error)")
        }
        if let threshold { understander.confidenceThreshold = threshold }
        if let evaluate {
            let data: RasaNLU
            do { data = try RasaNLU.load(URL(fileURLWithPath: evaluate)) } catch { throw CLIFailure(.usage, "\(error)") }
            let report = Evaluation(understander: understander, data: data, language: global.lang)
            var output = Output()
            try output.line(report.breakdown())
            if showFailures { for failure in report.failures { try output.line("  " + failure.description) } }
            try output.flush()
            return
        }
        do {
            try interpretAll(understander)
        } catch {
            // Nothing was written anywhere but to the failing stream: say so in the session's language if it loads.
            guard let pack = try? global.languagePack() else { throw CLIFailure(.output, error.reason) }
            throw pack.outputFailure(error)
        }
    }

    private func interpretAll(_ understander: Understander) throws(StreamWriteError) {
        var output = Output()
        if !text.isEmpty {
            try output.line(render(understander.interpret(text.joined(separator: " "), defaultLanguage: global.lang)))
            try output.flush()
            return
        }
        var input = LineReader(fileDescriptor: 0)
        while let chunk = input.nextChunk() {
            for line in chunk { try output.line(render(understander.interpret(line, defaultLanguage: global.lang))) }
            // Flushed after each read: prompt for a line typed by hand, large writes for a file piped in.
            try output.flush()
        }
        try output.flush()
    }

    private func render(_ interpretation: Interpretation) -> String {
        json ? interpretation.jsonLine : interpretation.summaryLine
    }
}

/// Standard input as lines of text, read in blocks; invalid UTF-8 is decoded lossily (U+FFFD), `\r\n` accepted, and a
/// line longer than `maxLineBytes` is cut rather than held whole in memory.
struct LineReader {
    static let maxLineBytes = 1 << 20
    /// One line of input, and whether it was longer than the reader keeps (then cut).
    struct Line {
        var text: String
        var overflowed: Bool
    }

    private let fd: Int32
    private let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var overflowing = false
    private var finished = false
    private var block = [UInt8](repeating: 0, count: 1 << 16)

    init(fileDescriptor: Int32, maxLineBytes: Int = Self.maxLineBytes) {
        fd = fileDescriptor
        self.maxLineBytes = maxLineBytes
    }

    /// The complete lines that one read makes available; nil at end of input.
    mutating func nextChunk() -> [String]? { nextLines()?.map(\.text) }

    /// The next line; nil at end of input. Reads ahead by blocks, and holds at most `maxLineBytes` of a line.
    mutating func nextLine() -> Line? {
        while queued.isEmpty {
            guard let lines = nextLines() else { return nil }
            queued = lines[...]
        }
        return queued.popFirst()
    }

    private var queued: ArraySlice<Line> = []

    /// The complete lines that one read makes available, marked when cut; nil at end of input.
    mutating func nextLines() -> [Line]? {
        guard !finished else { return nil }
        while true {
            let count = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                finished = true
                guard !pending.isEmpty || overflowing else { return nil }
                let last = Line(text: decode(pending), overflowed: overflowing)
                pending.removeAll()
                overflowing = false
                return [last]
            }
            var lines: [Line] = []
            var start = 0
            for k in 0..<count where block[k] == 0x0A {
                append(block[start..<k])
                lines.append(Line(text: decode(pending), overflowed: overflowing))
                pending.removeAll(keepingCapacity: true)
                overflowing = false
                start = k + 1
            }
            append(block[start..<count])
            if !lines.isEmpty { return lines }
        }
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        let room = maxLineBytes - pending.count
        if bytes.count > room { overflowing = true }
        pending.append(contentsOf: bytes.prefix(max(0, room)))
    }

    private func decode(_ bytes: [UInt8]) -> String {
        var slice = bytes[...]
        if slice.last == 0x0D { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}
