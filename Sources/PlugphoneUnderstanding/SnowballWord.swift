/// The word being stemmed, as the Snowball runtime sees it: one Unicode scalar is one character.
///
/// Positions are scalar offsets, counted from the start; a region (RV, R1, R2) is "the suffix starting at or after
/// a mark". Working on scalars, not on `Character`s, is what makes the results those of the reference stemmers
/// (which work on code points): a stray combining accent is a character of its own there too.
struct SnowballWord {
    var letters: [Unicode.Scalar]

    init(_ word: String) {
        letters = Array(word.unicodeScalars)
    }

    var count: Int { letters.count }

    var string: String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: letters)
        return String(scalars)
    }

    /// The letter at `index`, or nil outside the word.
    subscript(_ index: Int) -> Unicode.Scalar? {
        letters.indices.contains(index) ? letters[index] : nil
    }

    /// True when `text` ends at `end` and starts at or after `floor`.
    func has(_ text: [Unicode.Scalar], endingAt end: Int, floor: Int = 0) -> Bool {
        let start = end - text.count
        guard start >= floor, end <= letters.count else { return false }
        var k = text.count
        while k > 0 {
            k -= 1
            if letters[start + k] != text[k] { return false }
        }
        return true
    }

    /// True when `text` starts at `start`.
    func has(_ text: [Unicode.Scalar], startingAt start: Int) -> Bool {
        guard start >= 0, start + text.count <= letters.count else { return false }
        for (k, letter) in text.enumerated() where letters[start + k] != letter { return false }
        return true
    }

    /// True when `text` ends at `end` and starts at or after `floor`.
    func has(_ text: String, endingAt end: Int, floor: Int = 0) -> Bool {
        guard end <= letters.count else { return false }
        var k = end
        for letter in text.unicodeScalars.reversed() {
            k -= 1
            guard k >= floor, letters[k] == letter else { return false }
        }
        return true
    }

    mutating func replace(_ range: Range<Int>, with text: String) {
        letters.replaceSubrange(range, with: text.unicodeScalars)
    }

    /// Cuts the word at `end` (deletes the suffix from `end` on).
    mutating func truncate(at end: Int) {
        letters.removeSubrange(end...)
    }
}

/// One of Snowball's `among` lists read backwards: the longest entry that ends at a position wins, and its action is
/// taken even when it then fails (Snowball never falls back to a shorter entry).
struct SuffixList<Action: Sendable>: Sendable {
    /// The entries by last letter, longest first: a word's last letter picks the few worth comparing.
    private let entries: [Unicode.Scalar: [(suffix: [Unicode.Scalar], action: Action)]]

    init(_ list: [(String, Action)]) {
        var entries: [Unicode.Scalar: [(suffix: [Unicode.Scalar], action: Action)]] = [:]
        for (text, action) in list {
            let suffix = Array(text.unicodeScalars)
            guard let last = suffix.last else { continue }
            entries[last, default: []].append((suffix, action))
        }
        self.entries = entries.mapValues { $0.sorted { $0.suffix.count > $1.suffix.count } }
    }

    /// The longest entry ending at `end` and lying wholly at or after `floor`: its start and action.
    func longest(in word: SnowballWord, endingAt end: Int, floor: Int = 0) -> (start: Int, action: Action)? {
        guard end > floor, end <= word.count, let candidates = entries[word.letters[end - 1]] else { return nil }
        for entry in candidates where word.has(entry.suffix, endingAt: end, floor: floor) {
            return (end - entry.suffix.count, entry.action)
        }
        return nil
    }
}
