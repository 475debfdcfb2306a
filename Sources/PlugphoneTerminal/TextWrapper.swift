/// Wraps replies to the terminal's width, counting only what shows: ANSI sequences (`ESC [ … m` and the rest)
/// take no room and are never split. Lines break at ordinary spaces only, so no-break spaces (U+00A0, U+202F
/// before « : » « ? ») keep a word and its punctuation together. A word longer than the width is cut.
/// Continuation lines keep the line's indentation, plus the width of a leading bullet (`- `, `• `, `1. `).
public enum TextWrapper {
    public static func wrap(_ text: String, width: Int) -> String {
        let width = max(width, 10)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapLine(Substring($0), width: width) }
            .joined(separator: "\n")
    }

    /// The number of columns `text` takes on screen: escape sequences count for nothing.
    public static func visibleWidth(_ text: some StringProtocol) -> Int {
        tokens(of: String(text)).reduce(0) { $0 + $1.width }
    }

    private struct Token {
        var text: String
        var width: Int
        var isSpace: Bool
    }

    private static func wrapLine(_ line: Substring, width: Int) -> String {
        guard visibleWidth(line) > width else { return String(line) }
        let leading = String(line.prefix { $0 == " " })
        let indent = hangingIndent(of: line, width: width)
        var lines: [String] = []
        var current = leading
        var currentWidth = leading.count
        var lineStartWidth = leading.count
        var lineHasWord = false
        var pendingSpace = ""

        func startLine() {
            lines.append(current)
            current = String(repeating: " ", count: indent)
            currentWidth = indent
            lineStartWidth = indent
            lineHasWord = false
            pendingSpace = ""
        }

        for word in wordsOf(line.dropFirst(leading.count)) {
            if word.isSpace {
                pendingSpace += word.text
                continue
            }
            if lineHasWord, currentWidth + pendingSpace.count + word.width > width { startLine() }
            if lineHasWord {
                current += pendingSpace
                currentWidth += pendingSpace.count
            }
            pendingSpace = ""
            if currentWidth + word.width <= width {
                current += word.text
                currentWidth += word.width
                lineHasWord = true
                continue
            }
            // Longer than a whole line: cut it between visible characters, never inside an escape sequence.
            for token in tokens(of: word.text) {
                if token.width > 0, currentWidth + token.width > width, currentWidth > lineStartWidth { startLine() }
                current += token.text
                currentWidth += token.width
                lineHasWord = true
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// Words and runs of ordinary spaces; escape sequences stay inside the word they touch.
    private static func wordsOf(_ line: Substring) -> [Token] {
        var out: [Token] = []
        for token in tokens(of: String(line)) {
            if let last = out.last, last.isSpace == token.isSpace {
                out[out.count - 1].text += token.text
                out[out.count - 1].width += token.width
            } else {
                out.append(token)
            }
        }
        return out
    }

    /// Visible characters (width 1, or 0 for combining marks) and escape sequences (width 0), in order.
    private static func tokens(of text: String) -> [Token] {
        var out: [Token] = []
        var scalars = text.unicodeScalars[...]
        var pending = String.UnicodeScalarView()
        func flushCharacters() {
            guard !pending.isEmpty else { return }
            for character in String(pending) {
                out.append(Token(text: String(character), width: 1, isSpace: character == " "))
            }
            pending = String.UnicodeScalarView()
        }
        while let scalar = scalars.first {
            if scalar.value == 0x1B {
                flushCharacters()
                var sequence = String.UnicodeScalarView()
                sequence.append(scalars.removeFirst())
                if let kind = scalars.first {
                    sequence.append(scalars.removeFirst())
                    if kind == "[" {
                        while let next = scalars.first {
                            sequence.append(scalars.removeFirst())
                            if (0x40...0x7E).contains(next.value) { break }
                        }
                    } else if kind == "]" {
                        while let next = scalars.first {
                            sequence.append(scalars.removeFirst())
                            if next.value == 0x07 { break }
                            if next.value == 0x1B, scalars.first == "\\" {
                                sequence.append(scalars.removeFirst())
                                break
                            }
                        }
                    }
                }
                out.append(Token(text: String(sequence), width: 0, isSpace: false))
            } else if scalar.value == 0x01 || scalar.value == 0x02 {
                // readline's prompt markers around invisible text.
                flushCharacters()
                out.append(Token(text: String(scalars.removeFirst()), width: 0, isSpace: false))
            } else {
                pending.append(scalars.removeFirst())
            }
        }
        flushCharacters()
        return out
    }

    private static func hangingIndent(of line: Substring, width: Int) -> Int {
        let plain = tokens(of: String(line)).filter { $0.width > 0 }.map(\.text).joined()
        let leading = plain.prefix { $0 == " " }.count
        let rest = plain.dropFirst(leading)
        var bullet = 0
        if rest.hasPrefix("- ") || rest.hasPrefix("• ") || rest.hasPrefix("* ") {
            bullet = 2
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(". ") { bullet = digits.count + 2 }
        }
        // A hanging indent that eats most of the line would leave no room for words.
        return min(leading + bullet, width / 2)
    }
}
