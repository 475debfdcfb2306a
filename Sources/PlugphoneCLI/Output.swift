import Foundation
import PlugphoneDomain

/// Buffered standard output: one write per command, or per batch in streaming commands.
struct Output {
    private var buffer = ""

    mutating func line(_ text: String) {
        buffer += text
        buffer += "\n"
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }

    /// Prints JSON values, as one array.
    static func printJSONArray(_ items: [JSONValue]) {
        var output = Output()
        output.line(JSONValue.array(items).serialized())
        output.flush()
    }

    static func print(_ text: String) {
        var output = Output()
        output.line(text)
        output.flush()
    }
}
