import ArgumentParser
import Foundation
import PlugphoneDomain
import PlugphoneLocalization
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
            print(report.breakdown())
            if showFailures { for failure in report.failures { print("  " + failure.description) } }
            return
        }
        var output = OutputBuffer()
        if !text.isEmpty {
            output.line(render(understander.interpret(text.joined(separator: " "), defaultLanguage: global.lang)))
            output.flush()
            return
        }
        var input = LineReader(fileDescriptor: 0)
        while let chunk = input.nextChunk() {
            for line in chunk { output.line(render(understander.interpret(line, defaultLanguage: global.lang))) }
            // Flushed after each read: prompt for a line typed by hand, large writes for a file piped in.
            output.flush()
        }
        output.flush()
    }

    private func render(_ interpretation: Interpretation) -> String {
        json ? interpretation.jsonLine : interpretation.summaryLine
    }
}

/// Standard output in large writes.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func line(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        var offset = 0
        bytes.withUnsafeBytes { buffer in
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(1, base + offset, buffer.count - offset)
                if written <= 0 {
                    if written < 0, errno == EINTR { continue }
                    break
                }
                offset += written
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Standard input as lines of text, read in blocks; invalid UTF-8 is decoded lossily (U+FFFD), `\r\n` accepted, and a
/// line longer than `maxLineBytes` is cut rather than held whole in memory.
struct LineReader {
    static let maxLineBytes = 1 << 20
    private let fd: Int32
    private var pending: [UInt8] = []
    private var overflowing = false
    private var finished = false
    private var block = [UInt8](repeating: 0, count: 1 << 16)

    init(fileDescriptor: Int32) { fd = fileDescriptor }

    /// The complete lines that one read makes available; nil at end of input.
    mutating func nextChunk() -> [String]? {
        guard !finished else { return nil }
        while true {
            let count = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                finished = true
                guard !pending.isEmpty || overflowing else { return nil }
                let last = decode(pending)
                pending.removeAll()
                overflowing = false
                return [last]
            }
            var lines: [String] = []
            var start = 0
            for k in 0..<count where block[k] == 0x0A {
                append(block[start..<k])
                lines.append(decode(pending))
                pending.removeAll(keepingCapacity: true)
                overflowing = false
                start = k + 1
            }
            append(block[start..<count])
            if !lines.isEmpty { return lines }
        }
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        let room = Self.maxLineBytes - pending.count
        if bytes.count > room { overflowing = true }
        pending.append(contentsOf: bytes.prefix(max(0, room)))
    }

    private func decode(_ bytes: [UInt8]) -> String {
        var slice = bytes[...]
        if slice.last == 0x0D { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}
