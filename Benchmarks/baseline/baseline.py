#!/usr/bin/env python3
"""A stock baseline beside plugphone's intent classifier, scored on the same held-out sets, side by side.

The baseline is scikit-learn's TF-IDF (word 1–2-grams + character 2–5-grams within word boundaries) and a LinearSVC,
trained on the same Locales/<lang>/nlu.yml (entity annotations stripped to their text). plugphone's figures come from
running the built binary (`plugphone parse --json`) over the same texts, so both are measured by this one script.

Only aggregate figures are printed (never the messages of a held-out set): intent accuracy, out-of-scope recall,
in-scope accuracy, per-intent recall and the top confusion pairs.

    pip install scikit-learn pyyaml
    python3 Benchmarks/baseline/baseline.py [--binary .build/release/plugphone] [--pairs 8]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "Tests", "PlugphoneUnderstandingTests", "Fixtures")
OOS = "out_of_scope"

# [text](slot), [text](slot:value) and [text]{"entity": …} → text
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def load(path):
    """(text, intent) pairs of a Rasa nlu.yml file, annotations stripped."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    pairs = []
    for item in data.get("nlu", []):
        if "intent" not in item:
            continue
        for line in str(item.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((ANNOTATION.sub(r"\1", line[2:]).strip(), item["intent"]))
    return pairs


def baseline(train):
    model = make_pipeline(
        FeatureUnion([
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        ]),
        LinearSVC(C=1.0),
    )
    model.fit([t for t, _ in train], [i for _, i in train])
    return model


def plugphone(binary, lang, texts):
    """Intents predicted by the built binary, one per text."""
    # One utterance per line: a text never holds a newline (they come from one YAML list line each).
    run = subprocess.run([binary, "parse", "--lang", lang, "--json"], input="\n".join(texts) + "\n",
                         capture_output=True, text=True, check=True)
    intents = [json.loads(line)["intent"] for line in run.stdout.splitlines() if line.strip()]
    if len(intents) != len(texts):
        sys.exit(f"plugphone gave {len(intents)} results for {len(texts)} texts")
    return intents


def figures(expected, predicted):
    n = len(expected)
    correct = sum(e == p for e, p in zip(expected, predicted))
    oos = [(e, p) for e, p in zip(expected, predicted) if e == OOS]
    ins = [(e, p) for e, p in zip(expected, predicted) if e != OOS]
    pairs = collections.Counter((e, p) for e, p in zip(expected, predicted) if e != p)
    per_intent = collections.defaultdict(lambda: [0, 0])
    for e, p in zip(expected, predicted):
        per_intent[e][1] += 1
        per_intent[e][0] += e == p
    return {
        "accuracy": (correct, n),
        "oos_recall": (sum(e == p for e, p in oos), len(oos)),
        "in_scope": (sum(e == p for e, p in ins), len(ins)),
        "per_intent": dict(per_intent),
        "pairs": pairs,
    }


def pct(value):
    correct, total = value
    return f"{100 * correct / total:5.1f} % ({correct}/{total})" if total else "   –"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = os.path.join(ROOT, ".build", "release", "plugphone")
    if not os.path.exists(default):
        default = os.path.join(ROOT, ".build", "debug", "plugphone")
    parser.add_argument("--binary", default=os.environ.get("PLUGPHONE", default))
    parser.add_argument("--pairs", type=int, default=8, help="confusion pairs shown per system")
    parser.add_argument("--per-intent", action="store_true", help="also print recall per intent")
    args = parser.parse_args()

    rows = []
    for lang in ("fr", "en"):
        train = load(os.path.join(ROOT, "Locales", lang, "nlu.yml"))
        model = baseline(train)
        for split in ("heldout", "outsider"):
            path = os.path.join(FIXTURES, f"{split}-{lang}.yml")
            if not os.path.exists(path):
                continue
            test = load(path)
            texts = [t for t, _ in test]
            expected = [i for _, i in test]
            ours = figures(expected, plugphone(args.binary, lang, texts))
            theirs = figures(expected, list(model.predict(texts)))
            rows.append((lang, split, len(train), ours, theirs))

    print(f"{'set':<14} {'system':<10} {'intent accuracy':>20} {'out-of-scope recall':>20} {'in-scope accuracy':>20}")
    for lang, split, _, ours, theirs in rows:
        for name, f in (("plugphone", ours), ("baseline", theirs)):
            print(f"{split + '-' + lang:<14} {name:<10} {pct(f['accuracy']):>20} {pct(f['oos_recall']):>20} {pct(f['in_scope']):>20}")
    print()
    for lang, split, size, ours, theirs in rows:
        print(f"{split}-{lang} (trained on {size} examples): top confusions, expected → predicted")
        for name, f in (("plugphone", ours), ("baseline", theirs)):
            top = ", ".join(f"{e}→{p} {c}" for (e, p), c in f["pairs"].most_common(args.pairs))
            print(f"  {name:<10} {top}")
            if args.per_intent:
                print("  " + " " * 10 + " " + ", ".join(f"{i} {c}/{t}" for i, (c, t) in sorted(f["per_intent"].items())))


if __name__ == "__main__":
    main()
