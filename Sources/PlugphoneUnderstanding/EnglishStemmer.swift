/// The Snowball English ("Porter2") stemmer, as published at snowballstem.org/algorithms/english and as Snowball
/// 2.2.0 ships it (the version the intent classifier was tuned with; `Tests/.../stems-en.tsv` holds that version's
/// stems, made by its reference implementation).
///
/// A pure function: the word is a value worked on in place, nothing is shared.
enum EnglishStemmer {
    static func stem(_ text: String) -> String {
        if let exception = exceptions[text] { return exception }
        var word = SnowballWord(text)
        guard word.count >= 3 else { return text }
        let foundY = markConsonantY(&word)
        let regions = Regions(word)
        step1a(&word)
        if !invariantAfterStep1a.contains(word.letters) {
            step1b(&word, regions)
            step1c(&word)
            step2(&word, regions)
            step3(&word, regions)
            step4(&word, regions)
            step5(&word, regions)
        }
        if foundY {
            for k in word.letters.indices where word.letters[k] == "Y" { word.letters[k] = "y" }
        }
        return word.string
    }

    // MARK: Exceptions

    /// Whole words stemmed by hand (checked before anything else).
    static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
        "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias",
        "andes": "andes",
    ]

    /// Words left as they are once step 1a is done.
    static let invariantAfterStep1a: [[Unicode.Scalar]] = [
        "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
    ].map { Array($0.unicodeScalars) }

    // MARK: Letters

    static func isVowel(_ letter: Unicode.Scalar?) -> Bool {
        switch letter {
        case "a"?, "e"?, "i"?, "o"?, "u"?, "y"?: true
        default: false
        }
    }

    /// A letter that is there and is not a vowel (a Y marked as a consonant is one).
    static func isConsonant(_ letter: Unicode.Scalar?) -> Bool {
        letter != nil && !isVowel(letter)
    }

    /// Prelude: a leading apostrophe goes; an initial y, and a y after a vowel, are consonants (Y). True when a Y
    /// was marked (the postlude then turns them back).
    static func markConsonantY(_ word: inout SnowballWord) -> Bool {
        var found = false
        if word[0] == "'" { word.letters.removeFirst() }
        if word[0] == "y" {
            word.letters[0] = "Y"
            found = true
        }
        var k = 0
        while k + 1 < word.count {
            if isVowel(word.letters[k]), word.letters[k + 1] == "y" {
                word.letters[k + 1] = "Y"
                found = true
            }
            k += 1
        }
        return found
    }

    /// The end of a short syllable at `end`: consonant, vowel, consonant other than w, x or Y; or, at the start of
    /// the word, vowel then consonant.
    static func endsWithShortSyllable(_ word: SnowballWord, at end: Int) -> Bool {
        let last = word[end - 1], vowel = word[end - 2]
        guard isConsonant(last), isVowel(vowel) else { return false }
        if end == 2 { return true }
        return isConsonant(word[end - 3]) && last != "w" && last != "x" && last != "Y"
    }

    // MARK: Regions

    /// R1 and R2, as the position where each starts (the word's length when empty).
    struct Regions {
        var r1: Int
        var r2: Int

        /// Words starting with these have R1 after them (generous, communism, arsenal).
        static let prefixes: [[Unicode.Scalar]] = ["gener", "commun", "arsen"].map { Array($0.unicodeScalars) }

        init(_ word: SnowballWord) {
            let n = word.count
            r1 = n
            r2 = n
            // gener-, commun-, arsen-: R1 starts right after them.
            if let prefix = Self.prefixes.first(where: { word.has($0, startingAt: 0) }) {
                r1 = prefix.count
            } else {
                guard let start1 = Self.afterVowelConsonant(word, from: 0) else { return }
                r1 = start1
            }
            guard let start2 = Self.afterVowelConsonant(word, from: r1) else { return }
            r2 = start2
        }

        /// After the first consonant that follows a vowel, from `start` on.
        private static func afterVowelConsonant(_ word: SnowballWord, from start: Int) -> Int? {
            guard start < word.count,
                  let vowel = (start..<word.count).first(where: { EnglishStemmer.isVowel(word.letters[$0]) }),
                  let consonant = (vowel + 1..<word.count).first(where: { !EnglishStemmer.isVowel(word.letters[$0]) })
            else { return nil }
            return consonant + 1
        }
    }

    // MARK: Step 0 and 1a: possessives and plurals

    enum Plural: Sendable { case sses, ies, s, keep }

    static let apostrophes = SuffixList<Void>([("'", ()), ("'s'", ()), ("'s", ())])
    static let plurals = SuffixList<Plural>([
        ("sses", .sses), ("ied", .ies), ("ies", .ies), ("s", .s), ("ss", .keep), ("us", .keep),
    ])

    static func step1a(_ word: inout SnowballWord) {
        if let (start, _) = apostrophes.longest(in: word, endingAt: word.count) { word.truncate(at: start) }
        let end = word.count
        guard let (start, kind) = plurals.longest(in: word, endingAt: end) else { return }
        switch kind {
        case .sses:
            word.replace(start..<end, with: "ss")
        case .ies:
            // ties → tie, cries → cri.
            word.replace(start..<end, with: start >= 2 ? "i" : "ie")
        case .s:
            // Deleted when a vowel comes before the letter before the s (gaps → gap, gas stays).
            if start >= 2, (0..<start - 1).contains(where: { isVowel(word.letters[$0]) }) { word.truncate(at: start) }
        case .keep:
            break
        }
    }

    // MARK: Step 1b: -ed, -ing

    enum Past: Sendable { case eed, ed }

    static let pasts = SuffixList<Past>([
        ("eed", .eed), ("eedly", .eed), ("ed", .ed), ("edly", .ed), ("ing", .ed), ("ingly", .ed),
    ])

    enum Repair: Sendable { case addE, undouble }

    static let repairs = SuffixList<Repair>(
        [("at", .addE), ("bl", .addE), ("iz", .addE)]
            + ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].map { ($0, Repair.undouble) }
    )

    static func step1b(_ word: inout SnowballWord, _ regions: Regions) {
        let end = word.count
        guard let (start, kind) = pasts.longest(in: word, endingAt: end) else { return }
        switch kind {
        case .eed:
            if start >= regions.r1 { word.replace(start..<end, with: "ee") }
        case .ed:
            // Only when a vowel comes before the suffix.
            guard (0..<start).contains(where: { isVowel(word.letters[$0]) }) else { return }
            word.truncate(at: start)
            switch repairs.longest(in: word, endingAt: start)?.action {
            case .addE?:
                word.letters.append("e")
            case .undouble?:
                word.letters.removeLast()
            case nil:
                // A short word (R1 empty, ends with a short syllable) gets its e back: hoped → hope.
                if start == regions.r1, endsWithShortSyllable(word, at: start) { word.letters.append("e") }
            }
        }
    }

    // MARK: Step 1c: y → i

    /// A final y or Y after a consonant that is not the first letter becomes i (cry → cri, by stays).
    static func step1c(_ word: inout SnowballWord) {
        let end = word.count
        guard word[end - 1] == "y" || word[end - 1] == "Y", end - 2 > 0, isConsonant(word[end - 2]) else { return }
        word.letters[end - 1] = "i"
    }

    // MARK: Step 2 and 3: derivational suffixes in R1

    enum Replacement: Sendable {
        case with(String)
        /// -ogi → og after l.
        case ogi
        /// -li deleted after c, d, e, g, h, k, m, n, r, t.
        case li
        /// Deleted only in R2 (-ative).
        case deleteInR2
    }

    static let step2Suffixes = SuffixList<Replacement>([
        ("tional", .with("tion")), ("enci", .with("ence")), ("anci", .with("ance")), ("abli", .with("able")),
        ("entli", .with("ent")), ("izer", .with("ize")), ("ization", .with("ize")),
        ("ational", .with("ate")), ("ation", .with("ate")), ("ator", .with("ate")),
        ("alism", .with("al")), ("aliti", .with("al")), ("alli", .with("al")),
        ("fulness", .with("ful")), ("fulli", .with("ful")),
        ("ousli", .with("ous")), ("ousness", .with("ous")),
        ("iveness", .with("ive")), ("iviti", .with("ive")),
        ("biliti", .with("ble")), ("bli", .with("ble")),
        ("ogi", .ogi), ("lessli", .with("less")), ("li", .li),
    ])

    static let step3Suffixes = SuffixList<Replacement>([
        ("tional", .with("tion")), ("ational", .with("ate")), ("alize", .with("al")),
        ("icate", .with("ic")), ("iciti", .with("ic")), ("ical", .with("ic")),
        ("ful", .with("")), ("ness", .with("")), ("ative", .deleteInR2),
    ])

    static func step2(_ word: inout SnowballWord, _ regions: Regions) {
        replaceInR1(&word, step2Suffixes, regions)
    }

    static func step3(_ word: inout SnowballWord, _ regions: Regions) {
        replaceInR1(&word, step3Suffixes, regions)
    }

    private static func replaceInR1(_ word: inout SnowballWord, _ list: SuffixList<Replacement>, _ regions: Regions) {
        let end = word.count
        guard let (start, replacement) = list.longest(in: word, endingAt: end), start >= regions.r1 else { return }
        switch replacement {
        case .with(let text):
            word.replace(start..<end, with: text)
        case .ogi:
            if word[start - 1] == "l" { word.replace(start..<end, with: "og") }
        case .li:
            switch word[start - 1] {
            case "c"?, "d"?, "e"?, "g"?, "h"?, "k"?, "m"?, "n"?, "r"?, "t"?: word.truncate(at: start)
            default: break
            }
        case .deleteInR2:
            if start >= regions.r2 { word.truncate(at: start) }
        }
    }

    // MARK: Step 4: suffixes in R2

    static let step4Suffixes = SuffixList<Bool>(
        ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
         "ive", "ize"].map { ($0, false) } + [("ion", true)]
    )

    /// Deleted in R2; -ion only after s or t.
    static func step4(_ word: inout SnowballWord, _ regions: Regions) {
        let end = word.count
        guard let (start, isIon) = step4Suffixes.longest(in: word, endingAt: end), start >= regions.r2 else { return }
        if isIon, word[start - 1] != "s", word[start - 1] != "t" { return }
        word.truncate(at: start)
    }

    // MARK: Step 5: final e and l

    /// A final e goes in R2, or in R1 when not after a short syllable; a final l goes in R2 after another l.
    static func step5(_ word: inout SnowballWord, _ regions: Regions) {
        let last = word.count - 1
        switch word[last] {
        case "e"?:
            if last >= regions.r2 || (last >= regions.r1 && !endsWithShortSyllable(word, at: last)) {
                word.truncate(at: last)
            }
        case "l"?:
            if last >= regions.r2, word[last - 1] == "l" { word.truncate(at: last) }
        default:
            break
        }
    }
}
