import Foundation
import PlugphoneDomain
import PlugphoneTerminal

/// Buffered standard output: one write per command, or per batch in streaming commands. Everything goes
/// through `Console`: stripped of terminal control sequences, and a failed write is thrown, never a trap.
struct Output {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func line(_ text: String) throws(StreamWriteError) {
        bytes.append(contentsOf: TerminalSanitizer.clean(text).utf8)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws(StreamWriteError) {
        guard !bytes.isEmpty else { return }
        defer { bytes.removeAll(keepingCapacity: true) }
        try Console.writeBytes(bytes, to: .output)
    }

    /// Prints JSON values, as one array.
    static func printJSONArray(_ items: [JSONValue]) throws(StreamWriteError) {
        try print(JSONValue.array(items).serialized())
    }

    static func print(_ text: String) throws(StreamWriteError) {
        var output = Output()
        try output.line(text)
        try output.flush()
    }
}
