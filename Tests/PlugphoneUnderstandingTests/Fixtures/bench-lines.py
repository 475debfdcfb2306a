#!/usr/bin/env python3
"""Writes 10,000 realistic utterances (one per line) for measuring `plugphone parse --json`.

    python3 Tests/PlugphoneUnderstandingTests/Fixtures/bench-lines.py > /tmp/lines10k.txt
    swift build -c release
    /usr/bin/time -v .build/release/plugphone parse --json < /tmp/lines10k.txt > /dev/null

Mixes training and held-out examples, full requests with lines/models/modes, bare answers, noise. Seeded.
"""
import os, random, re, sys
import yaml

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
random.seed(7)
examples = []
for path in ["Locales/fr/nlu.yml", "Locales/en/nlu.yml",
             "Tests/PlugphoneUnderstandingTests/Fixtures/heldout-fr.yml",
             "Tests/PlugphoneUnderstandingTests/Fixtures/heldout-en.yml"]:
    for item in yaml.safe_load(open(os.path.join(root, path)))["nlu"]:
        if "intent" in item:
            for line in item["examples"].splitlines():
                line = line.strip()
                if line.startswith("-"):
                    examples.append(re.sub(r"\[([^\]]*)\](\([^)]*\)|\{[^}]*\})", r"\1", line[1:].strip()))
lines = ["09 72 10 10 11", "0972101011", "+33 9 72 10 10 12", "zéro neuf soixante-douze dix dix dix", "0033183640000"]
models = ["yealink t46s", "le T46", "gigaset c 530", "le moins cher", "le sans-fil", "celui à 90 euros", "cisco cp7841", "w56p"]
modes = ["en express", "sous 48 h", "après réception de l'ancien", "je paierai juste la différence", "sans attendre"]
out = []
for _ in range(10000):
    r = random.random()
    if r < 0.6:
        s = random.choice(examples)
    elif r < 0.75:
        s = f"je veux changer le tel du {random.choice(lines)} contre {random.choice(models)} {random.choice(modes)}"
    elif r < 0.85:
        s = random.choice(lines + models + modes)
    elif r < 0.95:
        s = random.choice(examples) + " " + random.choice(["svp", "!!", "🙂", "stp", "merci", ""])
    else:
        s = random.choice(["", "   ", "blabla", "le chat est sur la table", "asdf 1234", "\x1b[31mrouge\x1b[0m"])
    if random.random() < 0.2:
        s = s.upper() if random.random() < 0.3 else s.lower()
    out.append(s)
sys.stdout.write("\n".join(out) + "\n")
