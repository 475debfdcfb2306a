/// The Snowball French stemmer, as published at snowballstem.org/algorithms/french and as Snowball 2.2.0 ships it
/// (3.0 changed it; the intent classifier was tuned with 2.2.0, and `Tests/.../stems-fr.tsv` holds that version's
/// stems, made by its reference implementation).
///
/// A pure function: the word is a value worked on in place, nothing is shared.
enum FrenchStemmer {
    static func stem(_ text: String) -> String {
        var word = SnowballWord(text)
        markVowels(&word)
        let regions = Regions(word)
        // Step 1 (standard suffixes); when it removes nothing, or ends with "ment" gone, step 2a (-ir verbs),
        // and failing that step 2b (other verbs).
        let removed = standardSuffix(&word, regions) || iVerbSuffix(&word, regions) || verbSuffix(&word, regions)
        if removed {
            // Step 3: a final Y becomes i, a final ç becomes c.
            if word.letters.last == "Y" {
                word.letters[word.count - 1] = "i"
            } else if word.letters.last == "ç" {
                word.letters[word.count - 1] = "c"
            }
        } else {
            residualSuffix(&word, regions)
        }
        undouble(&word)
        unaccent(&word)
        return unmarkVowels(word)
    }

    // MARK: Letters

    static func isVowel(_ letter: Unicode.Scalar) -> Bool {
        switch letter {
        case "a", "e", "i", "o", "u", "y", "â", "à", "ë", "é", "ê", "è", "ï", "î", "ô", "û", "ù": true
        default: false
        }
    }

    static func isVowel(_ letter: Unicode.Scalar?) -> Bool {
        letter.map(isVowel) ?? false
    }

    /// A letter that is there and is not a vowel (Snowball's `non-v`: the marks U, I, Y, H count as consonants).
    static func isConsonant(_ letter: Unicode.Scalar?) -> Bool {
        letter.map { !isVowel($0) } ?? false
    }

    /// Prelude: u and i between vowels, y next to a vowel, and u after q are consonants (U, I, Y); ë and ï become
    /// He and Hi. Scanned left to right; after a change the same position is looked at again, as Snowball's
    /// `repeat goto` does.
    static func markVowels(_ word: inout SnowballWord) {
        var i = 0
        while i <= word.count {
            if markVowel(&word, at: i) { continue }
            i += 1
        }
    }

    private static func markVowel(_ word: inout SnowballWord, at i: Int) -> Bool {
        if isVowel(word[i]) {
            switch word[i + 1] {
            case "u" where isVowel(word[i + 2]):
                word.letters[i + 1] = "U"
                return true
            case "i" where isVowel(word[i + 2]):
                word.letters[i + 1] = "I"
                return true
            case "y":
                word.letters[i + 1] = "Y"
                return true
            default:
                break
            }
        }
        switch word[i] {
        case "ë":
            word.replace(i..<i + 1, with: "He")
            return true
        case "ï":
            word.replace(i..<i + 1, with: "Hi")
            return true
        case "y" where isVowel(word[i + 1]):
            word.letters[i] = "Y"
            return true
        case "q" where word[i + 1] == "u":
            word.letters[i + 1] = "U"
            return true
        default:
            return false
        }
    }

    /// Postlude: the marks back to letters (U, I, Y lower-cased, He → ë, Hi → ï, a lone H dropped).
    static func unmarkVowels(_ word: SnowballWord) -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        while i < word.count {
            let letter = word.letters[i]
            i += 1
            switch letter {
            case "I": out.append("i")
            case "U": out.append("u")
            case "Y": out.append("y")
            case "H":
                if word[i] == "e" {
                    out.append("ë")
                    i += 1
                } else if word[i] == "i" {
                    out.append("ï")
                    i += 1
                }
            default: out.append(letter)
            }
        }
        return String(out)
    }

    // MARK: Regions

    /// RV, R1 and R2, as the position where each starts (the word's length when empty). Marked on the word after the
    /// prelude and kept while suffixes go: a position at or after `rv` is "in RV".
    struct Regions {
        var rv: Int
        var r1: Int
        var r2: Int

        /// Words starting with these have RV after them (paris, colis, tapis).
        static let prefixes: [[Unicode.Scalar]] = ["par", "col", "tap"].map { Array($0.unicodeScalars) }

        init(_ word: SnowballWord) {
            let n = word.count
            rv = n
            r1 = n
            r2 = n
            // RV: after the third letter when the word starts with two vowels (and is longer than that), or starts
            // with par, col or tap; otherwise after the first vowel that is not the first letter.
            if FrenchStemmer.isVowel(word[0]) && FrenchStemmer.isVowel(word[1]) && n > 2 {
                rv = 3
            } else if Self.prefixes.contains(where: { word.has($0, startingAt: 0) }) {
                rv = 3
            } else if n > 0, let vowel = (1..<n).first(where: { FrenchStemmer.isVowel(word.letters[$0]) }) {
                rv = vowel + 1
            }
            // R1: after the first consonant that follows a vowel; R2: the same again inside R1.
            guard let start1 = Self.afterVowelConsonant(word, from: 0) else { return }
            r1 = start1
            guard let start2 = Self.afterVowelConsonant(word, from: start1) else { return }
            r2 = start2
        }

        private static func afterVowelConsonant(_ word: SnowballWord, from start: Int) -> Int? {
            guard start < word.count,
                  let vowel = (start..<word.count).first(where: { FrenchStemmer.isVowel(word.letters[$0]) }),
                  let consonant = (vowel + 1..<word.count).first(where: { !FrenchStemmer.isVowel(word.letters[$0]) })
            else { return nil }
            return consonant + 1
        }
    }

    // MARK: Step 1: standard suffixes

    enum Standard: Sendable {
        case inR2, ation, logie, ution, ence, ement, ite, ive, eaux, aux, euse, issement, amment, emment, ment
    }

    static let standardSuffixes = SuffixList<Standard>([
        ("ance", .inR2), ("iqUe", .inR2), ("isme", .inR2), ("able", .inR2), ("iste", .inR2), ("eux", .inR2),
        ("ances", .inR2), ("iqUes", .inR2), ("ismes", .inR2), ("ables", .inR2), ("istes", .inR2),
        ("atrice", .ation), ("ateur", .ation), ("ation", .ation),
        ("atrices", .ation), ("ateurs", .ation), ("ations", .ation),
        ("logie", .logie), ("logies", .logie),
        ("usion", .ution), ("ution", .ution), ("usions", .ution), ("utions", .ution),
        ("ence", .ence), ("ences", .ence),
        ("ement", .ement), ("ements", .ement),
        ("ité", .ite), ("ités", .ite),
        ("if", .ive), ("ive", .ive), ("ifs", .ive), ("ives", .ive),
        ("eaux", .eaux),
        ("aux", .aux),
        ("euse", .euse), ("euses", .euse),
        ("issement", .issement), ("issements", .issement),
        ("amment", .amment),
        ("emment", .emment),
        ("ment", .ment), ("ments", .ment),
    ])

    enum AfterEment: Sendable { case iv, eus, ablIqU, ier }

    static let afterEment = SuffixList<AfterEment>([
        ("iv", .iv), ("eus", .eus), ("abl", .ablIqU), ("iqU", .ablIqU), ("ièr", .ier), ("Ièr", .ier),
    ])

    enum AfterIte: Sendable { case abil, ic, iv }

    static let afterIte = SuffixList<AfterIte>([("abil", .abil), ("ic", .ic), ("iv", .iv)])

    /// True when a suffix was removed or replaced and step 2 is to be skipped. The -amment, -emment and -ment rules
    /// change the word and still answer false, so that step 2 looks at what is left (Snowball's `fail(...)`).
    static func standardSuffix(_ word: inout SnowballWord, _ regions: Regions) -> Bool {
        let end = word.count
        guard let (start, rule) = standardSuffixes.longest(in: word, endingAt: end) else { return false }
        let inRV = start >= regions.rv, inR1 = start >= regions.r1, inR2 = start >= regions.r2
        switch rule {
        case .inR2:
            guard inR2 else { return false }
            word.truncate(at: start)
        case .ation:
            guard inR2 else { return false }
            word.truncate(at: start)
            // "ic" before it: deleted in R2, otherwise iqU.
            if word.has("ic", endingAt: start) {
                let ic = start - 2
                if ic >= regions.r2 { word.truncate(at: ic) } else { word.replace(ic..<start, with: "iqU") }
            }
        case .logie:
            guard inR2 else { return false }
            word.replace(start..<end, with: "log")
        case .ution:
            guard inR2 else { return false }
            word.replace(start..<end, with: "u")
        case .ence:
            guard inR2 else { return false }
            word.replace(start..<end, with: "ent")
        case .ement:
            guard inRV else { return false }
            word.truncate(at: start)
            removeAfterEment(&word, endingAt: start, regions)
        case .ite:
            guard inR2 else { return false }
            word.truncate(at: start)
            if let (before, kind) = afterIte.longest(in: word, endingAt: start) {
                let beforeInR2 = before >= regions.r2
                switch kind {
                case .abil:
                    if beforeInR2 { word.truncate(at: before) } else { word.replace(before..<start, with: "abl") }
                case .ic:
                    if beforeInR2 { word.truncate(at: before) } else { word.replace(before..<start, with: "iqU") }
                case .iv:
                    if beforeInR2 { word.truncate(at: before) }
                }
            }
        case .ive:
            guard inR2 else { return false }
            word.truncate(at: start)
            // "at" before it, in R2: deleted, and then "ic" before that: deleted in R2, otherwise iqU.
            if word.has("at", endingAt: start), start - 2 >= regions.r2 {
                let at = start - 2
                word.truncate(at: at)
                if word.has("ic", endingAt: at) {
                    let ic = at - 2
                    if ic >= regions.r2 { word.truncate(at: ic) } else { word.replace(ic..<at, with: "iqU") }
                }
            }
        case .eaux:
            word.replace(start..<end, with: "eau")
        case .aux:
            guard inR1 else { return false }
            word.replace(start..<end, with: "al")
        case .euse:
            if inR2 {
                word.truncate(at: start)
            } else if inR1 {
                word.replace(start..<end, with: "eux")
            } else {
                return false
            }
        case .issement:
            // In R1 and after a consonant (the verbal -issement of finissement).
            guard inR1, isConsonant(word[start - 1]) else { return false }
            word.truncate(at: start)
        case .amment:
            if inRV { word.replace(start..<end, with: "ant") }
            return false
        case .emment:
            if inRV { word.replace(start..<end, with: "ent") }
            return false
        case .ment:
            // After a vowel that is itself in RV.
            if isVowel(word[start - 1]), start - 1 >= regions.rv { word.truncate(at: start) }
            return false
        }
        return true
    }

    /// After -ement(s) went: -iv (and -at before it) in R2; -eus in R2, or → eux in R1; -abl, -iqU in R2;
    /// -ièr, -Ièr → i in RV.
    private static func removeAfterEment(_ word: inout SnowballWord, endingAt end: Int, _ regions: Regions) {
        guard let (start, kind) = afterEment.longest(in: word, endingAt: end) else { return }
        switch kind {
        case .iv:
            guard start >= regions.r2 else { return }
            word.truncate(at: start)
            if word.has("at", endingAt: start), start - 2 >= regions.r2 { word.truncate(at: start - 2) }
        case .eus:
            if start >= regions.r2 {
                word.truncate(at: start)
            } else if start >= regions.r1 {
                word.replace(start..<end, with: "eux")
            }
        case .ablIqU:
            if start >= regions.r2 { word.truncate(at: start) }
        case .ier:
            if start >= regions.rv { word.replace(start..<end, with: "i") }
        }
    }

    // MARK: Step 2a: verbs in -ir

    static let iVerbSuffixes = SuffixList<Void>([
        "îmes", "ît", "îtes", "i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait", "iras", "irent",
        "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais", "issait", "issant", "issante",
        "issantes", "issants", "isse", "issent", "isses", "issez", "issiez", "issions", "issons", "it",
    ].map { ($0, ()) })

    /// An -ir verb ending, in RV, after a consonant also in RV that is not H.
    static func iVerbSuffix(_ word: inout SnowballWord, _ regions: Regions) -> Bool {
        let end = word.count
        guard end >= regions.rv, let (start, _) = iVerbSuffixes.longest(in: word, endingAt: end, floor: regions.rv),
              start - 1 >= regions.rv, word[start - 1] != "H", isConsonant(word[start - 1])
        else { return false }
        word.truncate(at: start)
        return true
    }

    // MARK: Step 2b: other verbs

    enum Verb: Sendable { case ions, delete, deleteWithE }

    static let verbSuffixes = SuffixList<Verb>(
        [("ions", .ions)]
            + [
                "é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraIent", "erais", "erait", "eras", "erez",
                "eriez", "erions", "erons", "eront", "ez", "iez",
            ].map { ($0, Verb.delete) }
            + [
                "âmes", "ât", "âtes", "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as", "asse",
                "assent", "asses", "assiez", "assions",
            ].map { ($0, Verb.deleteWithE) }
    )

    /// Another verb ending, in RV: -ions only in R2; the -a… endings also take a preceding e (in RV) with them.
    static func verbSuffix(_ word: inout SnowballWord, _ regions: Regions) -> Bool {
        let end = word.count
        guard end >= regions.rv, let (start, kind) = verbSuffixes.longest(in: word, endingAt: end, floor: regions.rv)
        else { return false }
        switch kind {
        case .ions:
            guard start >= regions.r2 else { return false }
            word.truncate(at: start)
        case .delete:
            word.truncate(at: start)
        case .deleteWithE:
            word.truncate(at: start)
            if word.has("e", endingAt: start, floor: regions.rv) { word.truncate(at: start - 1) }
        }
        return true
    }

    // MARK: Step 4: residual suffixes

    enum Residual: Sendable { case ion, ier, e }

    static let residualSuffixes = SuffixList<Residual>([
        ("ion", .ion), ("ier", .ier), ("ière", .ier), ("Ier", .ier), ("Ière", .ier), ("e", .e),
    ])

    /// A final s goes unless after a, i, o, u, è or s (but always after Hi, a former ï); then, in RV: -ion in R2
    /// after s or t; -ier, -ière → i; -e.
    static func residualSuffix(_ word: inout SnowballWord, _ regions: Regions) {
        if word.letters.last == "s" {
            let s = word.count - 1
            if word.has("Hi", endingAt: s) || isConsonantKeepingS(word[s - 1]) { word.truncate(at: s) }
        }
        let end = word.count
        guard end >= regions.rv,
              let (start, kind) = residualSuffixes.longest(in: word, endingAt: end, floor: regions.rv)
        else { return }
        switch kind {
        case .ion:
            if start >= regions.r2, start - 1 >= regions.rv, word[start - 1] == "s" || word[start - 1] == "t" {
                word.truncate(at: start)
            }
        case .ier:
            word.replace(start..<end, with: "i")
        case .e:
            word.truncate(at: start)
        }
    }

    /// A letter that is there and is not one of a, i, o, u, è, s (Snowball's `non-keep_with_s`).
    private static func isConsonantKeepingS(_ letter: Unicode.Scalar?) -> Bool {
        switch letter {
        case nil, "a", "i", "o", "u", "è", "s": false
        default: true
        }
    }

    // MARK: Step 5 and 6

    static let doubles = SuffixList<Void>(["enn", "onn", "ett", "ell", "eill"].map { ($0, ()) })

    /// Step 5: enn, onn, ett, ell, eill at the end lose their last letter.
    static func undouble(_ word: inout SnowballWord) {
        if doubles.longest(in: word, endingAt: word.count) != nil { word.letters.removeLast() }
    }

    /// Step 6: é or è followed by at least one consonant up to the end becomes e.
    static func unaccent(_ word: inout SnowballWord) {
        var k = word.count
        while k > 0, !isVowel(word.letters[k - 1]) { k -= 1 }
        guard k < word.count, k > 0, word.letters[k - 1] == "é" || word.letters[k - 1] == "è" else { return }
        word.letters[k - 1] = "e"
    }
}
