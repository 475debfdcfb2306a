#!/usr/bin/env python3
"""Writes stems-fr.tsv and stems-en.tsv: words and their stems by the reference Snowball 2.2.0 stemmers.

The Swift stemmers (Sources/PlugphoneUnderstanding/FrenchStemmer.swift, EnglishStemmer.swift) must give the same
stem for every line (StemmerFixtureTests). Run once, commit the output; CI needs neither pip nor the word lists:

    python3 -m venv /tmp/stemvenv && /tmp/stemvenv/bin/pip install snowballstemmer==2.2.0
    apt-get install wfrench wamerican        # /usr/share/dict/french, /usr/share/dict/american-english
    /tmp/stemvenv/bin/python Tests/PlugphoneUnderstandingTests/Fixtures/make-stem-fixture.py

Words: every token of Locales/<lang>/*.yaml|yml and of the held-out split, as written and without accents (the
classifier sees the latter), plus a seeded sample of the Debian word list chosen to cover every way the reference
changed a word's end (each distinct "removed tail → added tail" pair, up to a few words each), words with the letters
the algorithms treat specially (y, ç, ë, ï, qu, apostrophes), every exception word, and random fill.
"""
import glob
import importlib.metadata
import os
import random
import re
import sys
import unicodedata
from collections import defaultdict

import snowballstemmer

VERSION = "2.2.0"
if importlib.metadata.version("snowballstemmer") != VERSION:
    sys.exit(f"snowballstemmer {VERSION} is the reference (3.0 changed French); found {importlib.metadata.version('snowballstemmer')}")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

# The pure-Python classes themselves, never PyStemmer (the C library) even if installed.
STEMMERS = {"fr": snowballstemmer.FrenchStemmer(), "en": snowballstemmer.EnglishStemmer()}
DICTIONARIES = {"fr": "/usr/share/dict/french", "en": "/usr/share/dict/american-english"}
# Per language: how many words at most per transformation, and the total.
PER_CLASS = 3
TOTAL = 7000

SPECIAL = {
    "fr": ["y", "ç", "ë", "ï", "qu", "gu", "H", "â", "ê", "î", "ô", "û", "ù", "issement", "amment", "emment",
           "ier", "ière", "ion", "eaux", "logie", "ution", "atrice", "ité", "ive", "euse", "par", "col", "tap"],
    "en": ["y", "'", "gener", "commun", "arsen", "eed", "ing", "ogi", "li", "ative", "ion", "ll", "e"],
}
EXCEPTIONS = {
    "fr": [],
    "en": ["skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly", "sky",
           "news", "howe", "atlas", "cosmos", "bias", "andes", "inning", "innings", "outing", "outings", "canning",
           "cannings", "herring", "herrings", "earring", "earrings", "proceed", "proceeds", "exceed", "exceeds",
           "succeed", "succeeds", "'s", "y", "yy", "aye", "'yes", "ties", "cries", "gas", "gaps", "by", "cry",
           "hoped", "hopping", "hoping", "generously", "communism", "arsenal"],
}


def without_accents(word):
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def locale_words(lang):
    words = set()
    paths = glob.glob(os.path.join(ROOT, "Locales", lang, "*.y*ml"))
    paths += glob.glob(os.path.join(HERE, f"heldout-{lang}.yml"))
    for path in sorted(paths):
        text = open(path, encoding="utf-8").read().lower()
        for token in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text):
            for word in {token, *token.split("'")}:
                if word:
                    words.add(word)
                    words.add(without_accents(word))
    return words


def tail_class(word, stem):
    """What the stemmer did at the end of the word: (removed tail, added tail)."""
    common = 0
    while common < min(len(word), len(stem)) and word[common] == stem[common]:
        common += 1
    return word[common:], stem[common:]


def sample(lang):
    stemmer = STEMMERS[lang]
    rng = random.Random(13)
    chosen = set(locale_words(lang)) | set(EXCEPTIONS[lang])
    raw = [line.strip() for line in open(DICTIONARIES[lang], encoding="utf-8") if line.strip()]
    pool = sorted({w.lower() for w in raw} | {without_accents(w.lower()) for w in raw})
    rng.shuffle(pool)
    classes = defaultdict(list)
    for word in pool:
        cls = tail_class(word, stemmer.stemWord(word))
        if len(classes[cls]) < PER_CLASS:
            classes[cls].append(word)
    for words in classes.values():
        chosen.update(words)
    for marker in SPECIAL[lang]:
        chosen.update([w for w in pool if marker in w][:25])
    # A few words as the dictionary writes them (capitals): the algorithms treat U, I, Y, H as marks.
    chosen.update([w for w in raw if w[:1].isupper()][:40])
    rest = [w for w in pool if w not in chosen]
    chosen.update(rest[: max(0, TOTAL - len(chosen))])
    return sorted(chosen), len(classes)


def main():
    for lang in ("fr", "en"):
        words, class_count = sample(lang)
        stemmer = STEMMERS[lang]
        path = os.path.join(HERE, f"stems-{lang}.tsv")
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(f"# word<TAB>stem by snowballstemmer {VERSION} ({stemmer.__class__.__name__}); "
                      f"made by make-stem-fixture.py, do not edit\n")
            for word in words:
                out.write(f"{word}\t{stemmer.stemWord(word)}\n")
        print(f"{path}: {len(words)} words, {class_count} tail classes, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
