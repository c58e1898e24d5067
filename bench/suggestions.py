"""Measure the attribution finder: articles per second on 800-word articles, and (when the
attribution development set is there) its scores through `suggest_attributions --jsonl`.

The speed articles are synthetic wire copy built from a fixed seed: direct, split and
multi-paragraph quotes, indirect speech, "according to", denials and no-response lines
among plain narrative sentences, about 800 words each. The finder runs in this process
(the pure core, no database), one article after another, in several runs; the median run
is reported.

    .venv/bin/python bench/suggestions.py                      # 400 articles x 5 runs
    .venv/bin/python bench/suggestions.py --articles 1000 --runs 7
    .venv/bin/python bench/suggestions.py --quality [--data ../shared/datasets/attribution]

--quality runs `manage.py suggest_attributions --jsonl docs.jsonl` on the development set
and its own scorer (`score.py`), and prints the scorer's report. The set is evaluation
material and stays outside the repository.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotations.suggestions.core import suggest  # noqa: E402

PEOPLE = [
    ("Maria Lopez", "the finance minister"), ("John Carter", "a senator from Ohio"),
    ("Aiko Tanaka", "the mayor"), ("Samuel Okafor", "a union leader"),
    ("Elena Petrova", "the foreign minister"), ("David Cohen", "an economist at the bank"),
]
ORGS = ["the ministry", "the city council", "NATO", "the central bank", "the White House"]
OUTLETS = ["the Daily Ledger", "Metro News", "the Evening Post"]
CLAIMS = [
    "the talks would resume next week", "the budget had been cut by a third",
    "no decision had been taken on the new bridge", "prices would fall before the winter",
    "the plan had the support of most members", "the figures had been checked twice",
    "the meeting was postponed because of the storm", "the deal would save 400 jobs",
]
NARRATIVE = [
    "The city has been debating the project for more than two years.",
    "Traffic on the main avenue was slow on Tuesday morning as crews closed two lanes.",
    "Local businesses have complained about the noise and the dust since the spring.",
    "The committee meets again in March, when the next figures are due.",
    "Several hundred residents attended the public hearing in the old town hall.",
    "Work on the northern section started in 2019 and stopped a year later.",
    "The region's population has grown by about 12 percent over the last decade.",
]


def sentence(rng: random.Random) -> str:
    name, title = rng.choice(PEOPLE)
    surname = name.split()[-1]
    claim = rng.choice(CLAIMS)
    patterns = [
        f"{name}, {title}, said {claim}.",
        f"{claim[0].upper() + claim[1:]}, {surname} said on Monday.",
        f"\u201c{claim[0].upper() + claim[1:]},\u201d {surname} told reporters.",
        f"\u201cWe are ready,\u201d she said, \u201cand {claim}.\u201d",
        f"According to {rng.choice(ORGS)}, {claim}.",
        f"{claim[0].upper() + claim[1:]}, according to {rng.choice(OUTLETS)}.",
        f"{rng.choice(ORGS).capitalize()} denied a report by {rng.choice(OUTLETS)} that {claim}.",
        f"{rng.choice(OUTLETS).capitalize()} did not immediately respond to a request for comment.",
        f"A senior official, speaking on condition of anonymity, said {claim}.",
        f"{surname} added that {claim}, and warned that the vote could be close.",
    ]
    return rng.choice(patterns + NARRATIVE * 2)


def article(rng: random.Random, words: int = 800) -> str:
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def speed(articles: int, runs: int) -> None:
    rng = random.Random(20261130)
    texts = [article(rng) for _ in range(articles)]
    words = statistics.mean(len(text.split()) for text in texts)
    found = sum(len(suggest(text)) for text in texts[:20])  # warm-up
    rates, cpu_rates = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        for text in texts:
            suggest(text)
        rates.append(articles / (time.perf_counter() - started))
        cpu_rates.append(articles / (time.process_time() - cpu_started))
    print(f"{articles} synthetic articles of {words:.0f} words on average "
          f"({found / 20:.1f} suggestions each); load average {os.getloadavg()[0]:.1f}")
    print("articles/second per run (wall clock): " + ", ".join(f"{rate:.0f}" for rate in rates))
    print("articles per CPU second per run:      " + ", ".join(f"{rate:.0f}" for rate in cpu_rates))
    print(f"median: {statistics.median(rates):.0f} articles/second wall clock, "
          f"{statistics.median(cpu_rates):.0f} per CPU second (target >= 200)")


def quality(data: Path) -> int:
    docs, scorer = data / "docs.jsonl", data / "score.py"
    if not docs.exists() or not scorer.exists():
        print(f"The attribution development set is not at {data} (docs.jsonl and score.py); "
              "pass --data.", file=sys.stderr)
        return 2
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1")}
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl") as predictions:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "suggest_attributions", "--jsonl", str(docs)],
            stdout=predictions, check=True, env=env,
        )
        print(f"suggest_attributions on {docs}: {time.perf_counter() - started:.1f} s")
        subprocess.run([sys.executable, str(scorer), predictions.name], check=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quality", action="store_true",
                        help="Score the finder on the attribution development set instead.")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets" / "attribution")
    options = parser.parse_args()
    if options.quality:
        return quality(options.data)
    speed(options.articles, options.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
