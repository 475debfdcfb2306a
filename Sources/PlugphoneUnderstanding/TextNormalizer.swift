import Foundation

/// One word or number of a normalised utterance.
struct Token: Sendable, Hashable {
    /// Lowercase, without accents; for a number, its digits (`09`, `72`, `48`).
    var text: String
    var isNumber: Bool
    /// Written with a leading `+` (`+33`).
    var plus: Bool = false
    /// Letters and digits written together (`t46s`, `c530`): a model code, never an SMS spelling or a number word.
    var glued: Bool = false
}

/// Text as people type it → tokens: case, accents, both apostrophes, SMS spellings (data), stray punctuation, emoji,
/// control characters and terminal escape sequences; number words read into numbers (data).
struct TextNormalizer: Sendable {
    /// Longer input is cut: nobody states an order in more, and the cost of an utterance stays bounded.
    static let maxScalars = 2_000
    static let maxTokenBytes = 40

    private let characters: [Unicode.Scalar: String]
    private let sms: [String: [String]]
    private let numbers: NumberWords
    /// Lowercase, accent-free forms of U+0080…U+024F, computed once with Foundation.
    private let latinFold: [String]

    init(characters: [String: String], sms: [String: String], numbers: NumberWords) {
        var map: [Unicode.Scalar: String] = [:]
        for (key, value) in characters where key.unicodeScalars.count == 1 {
            if let scalar = key.unicodeScalars.first { map[scalar] = value }
        }
        self.characters = map
        self.numbers = numbers
        var fold: [String] = []
        fold.reserveCapacity(0x250 - 0x80)
        for code in 0x80..<0x250 {
            guard let scalar = Unicode.Scalar(code) else { fold.append(""); continue }
            let folded = String(Character(scalar)).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            fold.append(folded.lowercased())
        }
        self.latinFold = fold
        // SMS expansions are themselves normalised, so that data may be written with accents.
        var expansions: [String: [String]] = [:]
        let plain = TextNormalizer(characters: map, numbers: numbers, latinFold: fold)
        for (key, value) in sms {
            let keyTokens = plain.pieces(key)
            guard keyTokens.count == 1, let first = keyTokens.first else { continue }
            expansions[first.text] = plain.pieces(value).map(\.text)
        }
        self.sms = expansions
    }

    private init(characters: [Unicode.Scalar: String], numbers: NumberWords, latinFold: [String]) {
        self.characters = characters
        self.sms = [:]
        self.numbers = numbers
        self.latinFold = latinFold
    }

    /// The full pipeline: pieces, SMS spellings, number words.
    func tokens(_ text: String) -> [Token] {
        readNumbers(expandSMS(pieces(text)))
    }

    /// Words as plain strings, for data phrases: the same pipeline, so data and input always agree.
    func words(_ text: String) -> [String] { tokens(text).map(\.text) }

    // MARK: - Characters → pieces

    private enum Kind { case none, letter, digit }

    func pieces(_ text: String) -> [Token] {
        var out: [Token] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var kind = Kind.none
        var pendingPlus = false
        var currentPlus = false
        var currentGlued = false

        func flush() {
            // No word is 40 bytes long: such a run is noise (a pasted hash, a held key) and would only feed the classifier junk.
            if !current.isEmpty, current.count <= Self.maxTokenBytes {
                out.append(Token(text: String(decoding: current, as: UTF8.self), isNumber: kind == .digit, plus: currentPlus, glued: currentGlued))
            }
            current.removeAll(keepingCapacity: true)
            kind = .none
            currentPlus = false
            currentGlued = false
        }
        func separator() {
            flush()
            pendingPlus = false
        }
        func append(_ scalar: Unicode.Scalar, as newKind: Kind) {
            if kind != newKind {
                // Letters and digits written together ("t46s") stay recognisable as one code.
                let glued = kind != .none
                if glued { currentGlued = true }
                flush()
                kind = newKind
                currentPlus = newKind == .digit && pendingPlus
                currentGlued = glued
                pendingPlus = false
            }
            if scalar.isASCII { current.append(UInt8(truncatingIfNeeded: scalar.value)) } else {
                UTF8.encode(scalar) { current.append($0) }
            }
        }
        func letters(_ string: String) {
            for scalar in string.unicodeScalars {
                if scalar.value >= 0x30 && scalar.value <= 0x39 { append(scalar, as: .digit) }
                else if scalar.properties.isAlphabetic { append(scalar, as: .letter) }
                else { separator() }
            }
        }

        var escape = 0 // 0 none, 1 after ESC, 2 in CSI, 3 in OSC
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            if count > Self.maxScalars { break }
            let v = scalar.value
            switch escape {
            case 1:
                escape = v == 0x5B ? 2 : (v == 0x5D ? 3 : 0)
                continue
            case 2:
                if v >= 0x40 && v <= 0x7E { escape = 0 }
                continue
            case 3:
                if v == 0x07 || v == 0x1B { escape = v == 0x1B ? 1 : 0 }
                continue
            default:
                break
            }
            if v == 0x1B { separator(); escape = 1; continue }
            if let replacement = characters[scalar] { letters(replacement); continue }
            if v < 0x80 {
                if v >= 0x41 && v <= 0x5A, let lower = Unicode.Scalar(v + 0x20) { append(lower, as: .letter) }
                else if v >= 0x61 && v <= 0x7A { append(scalar, as: .letter) }
                else if v >= 0x30 && v <= 0x39 { append(scalar, as: .digit) }
                else if v == 0x2B { separator(); pendingPlus = true }
                else { separator() }
            } else if v >= 0x300 && v <= 0x36F {
                continue // a combining accent of decomposed text
            } else if v < 0x250 {
                let folded = latinFold[Int(v) - 0x80]
                if folded.isEmpty { separator() } else { letters(folded) }
            } else if scalar.properties.isAlphabetic {
                letters(scalar.properties.lowercaseMapping)
            } else {
                separator()
            }
        }
        flush()
        return out
    }

    // MARK: - SMS spellings

    private func expandSMS(_ pieces: [Token]) -> [Token] {
        guard !sms.isEmpty else { return pieces }
        var out: [Token] = []
        out.reserveCapacity(pieces.count + 4)
        for (index, piece) in pieces.enumerated() {
            // A single letter next to a number is part of a code ("gigaset c 530"), not "c'est".
            let nextToNumber = (index > 0 && pieces[index - 1].isNumber) || (index + 1 < pieces.count && pieces[index + 1].isNumber)
            if !piece.isNumber, !piece.glued, !(piece.text.count == 1 && nextToNumber), let expansion = sms[piece.text] {
                for word in expansion { out.append(Token(text: word, isNumber: false)) }
            } else {
                out.append(piece)
            }
        }
        return out
    }

    // MARK: - Number words

    private func readNumbers(_ tokens: [Token]) -> [Token] {
        let words: [String?] = tokens.map { $0.isNumber || $0.glued ? nil : $0.text }
        guard words.contains(where: { $0.map(numbers.isNumberWord) ?? false }) else { return tokens }
        var out: [Token] = []
        var i = 0
        while i < tokens.count {
            guard let word = words[i] else { out.append(tokens[i]); i += 1; continue }
            var repeatCount = 1
            var start = i
            if let r = numbers.repeaters[word], i + 1 < tokens.count, let next = words[i + 1], numbers.isNumberWord(next) {
                repeatCount = r
                start = i + 1
            }
            guard let (value, next) = numbers.readGroup(words, at: start) else { out.append(tokens[i]); i += 1; continue }
            // "un", "neuf", "one" alone are an article, an adjective, a pronoun: numbers only next to another number.
            if next == start + 1, repeatCount == 1, numbers.ambiguous.contains(word) {
                let before = i > 0 && (tokens[i - 1].isNumber || (words[i - 1].map(numbers.isNumberWord) ?? false))
                let after = next < tokens.count && (tokens[next].isNumber || (words[next].map(numbers.isNumberWord) ?? false))
                if !before && !after { out.append(tokens[i]); i += 1; continue }
            }
            for _ in 0..<repeatCount { out.append(Token(text: String(value), isNumber: true)) }
            i = next
        }
        return out
    }
}
