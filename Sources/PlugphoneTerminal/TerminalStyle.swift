#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PlugphoneLocalization

/// Colours for the assistant's replies, amounts and warnings — or none at all.
///
/// Colours are off when `NO_COLOR` is set to anything but the empty string (no-color.org), when `TERM` is
/// `dumb` or missing, or when standard output is not a terminal (a pipe, a file, a test).
public struct TerminalStyle: Sendable, Equatable {
    public var colours: Bool

    public init(colours: Bool) { self.colours = colours }

    public static let plain = TerminalStyle(colours: false)

    public static func decide(environment: [String: String], stdoutIsTerminal: Bool) -> TerminalStyle {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return .plain }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return .plain }
        return TerminalStyle(colours: stdoutIsTerminal)
    }

    /// The decision for this process.
    public static func forStandardOutput(environment: [String: String]) -> TerminalStyle {
        decide(environment: environment, stdoutIsTerminal: isatty(STDOUT_FILENO) == 1)
    }

    /// SGR parameters of each role.
    enum Role: String {
        case assistant = "36"
        case amount = "1;32"
        case warning = "1;33"
        case muted = "2"
        case prompt = "1"
    }

    static let reset = "\u{1B}[0m"

    func sgr(_ role: Role) -> String { "\u{1B}[\(role.rawValue)m" }

    /// A reply of the assistant, its amounts stand out. Without colours, the text as it is.
    public func assistant(_ text: String, amounts: AmountMatcher? = nil) -> String {
        paint(text, role: .assistant, amounts: amounts)
    }

    /// A refusal or a caution: something the person must not miss.
    public func warning(_ text: String, amounts: AmountMatcher? = nil) -> String {
        paint(text, role: .warning, amounts: amounts)
    }

    /// Secondary information (`/debug` lines, hints).
    public func muted(_ text: String) -> String {
        paint(text, role: .muted, amounts: nil)
    }

    /// A prompt for readline: the escape sequences are wrapped in `\u{01}`…`\u{02}` so that readline knows
    /// they take no room on the line (otherwise the cursor lands in the wrong column on long lines).
    public func prompt(_ text: String) -> String {
        guard colours else { return text }
        return "\u{01}\(sgr(.prompt))\u{02}\(text)\u{01}\(Self.reset)\u{02}"
    }

    private func paint(_ text: String, role: Role, amounts: AmountMatcher?) -> String {
        guard colours, !text.isEmpty else { return text }
        var body = text
        if let amounts {
            // After an amount, go back to the surrounding colour rather than to the terminal's default.
            body = amounts.highlight(text) { "\(Self.reset)\(sgr(.amount))\($0)\(Self.reset)\(sgr(role))" }
        }
        // Each line starts its own colour: a pager or a wrapped line must not lose it.
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.isEmpty ? "" : "\(sgr(role))\(line)\(Self.reset)"
        }
        return lines.joined(separator: "\n")
    }
}

/// Finds amounts as the language writes them (`90,00 € HT`, `€90.00 excl. VAT`), from the same
/// `format.money` template the formatter uses, so the terminal highlights what the conversation printed.
public struct AmountMatcher: Sendable {
    private let pattern: String

    public init(messages: Messages) {
        let template = messages.text("format.money")
        let decimal = Self.escape(messages.text("format.decimal_separator"))
        let grouping = Self.escape(messages.text("format.grouping_separator"))
        // Grouping as written, or with the usual no-break spaces some texts use instead.
        let groupingAlternatives = "(?:\(grouping)|\u{00A0}|\u{202F})"
        let number = "-?\\d{1,3}(?:\(groupingAlternatives)?\\d{3})*\(decimal)\\d{2}"
        let parts = template.components(separatedBy: "{amount}")
        pattern = parts.map(Self.escape).joined(separator: number)
    }

    /// `text` with each amount replaced by `transform(amount)`.
    public func highlight(_ text: String, _ transform: (String) -> String) -> String {
        guard let regex = try? Regex(pattern) else { return text }
        var out = ""
        var rest = text[...]
        while let match = rest.firstMatch(of: regex) {
            out += rest[..<match.range.lowerBound]
            out += transform(String(rest[match.range]))
            rest = rest[match.range.upperBound...]
        }
        out += rest
        return out
    }

    /// Every amount in `text`, for tests.
    public func amounts(in text: String) -> [String] {
        var found: [String] = []
        _ = highlight(text) { found.append($0); return $0 }
        return found
    }

    /// Escapes ASCII punctuation for a regular expression; letters, digits and non-ASCII stay as they are.
    private static func escape(_ literal: String) -> String {
        var out = ""
        for scalar in literal.unicodeScalars {
            if scalar.isASCII, !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
