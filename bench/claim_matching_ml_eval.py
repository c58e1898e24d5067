"""Multilingual claim-matching quality (MAP@5 overall, per language, same vs cross-lingual).

Runs the product's matching code on the multilingual development split, which is built
locally from two public repositories and never committed (see
``../shared/datasets/claim-matching-ml/README.md``). Each fact-check of the pool becomes a
ClaimReview cleaned as an import is, and each post is ranked with ``kind="external"``
exactly as ``/api/v1/claims/similar/`` does; the dataset's own scorer scores the run.

    .venv/bin/python bench/claim_matching_ml_eval.py --data DIR     # DIR holds vclaims.jsonl, dev/
    .venv/bin/python bench/claim_matching_ml_eval.py --data DIR --semantic 0.1 0.2 0.3
"""

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotations.matching import core  # noqa: E402
from annotations.matching.claimreview import Rejected, clean_record  # noqa: E402

SCORER = REPO.parent / "shared" / "datasets" / "claim-matching-ml" / "score.py"


def claimreview_of(vclaim: dict) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": vclaim.get("url") or f"https://fact-checks.example/{vclaim['id']}",
        "claimReviewed": vclaim["text"],
        "headline": vclaim.get("title") or "",
        "inLanguage": vclaim.get("language") or "",
        "author": {"@type": "Organization", "name": "Fact-checker"},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--scorer", type=Path, default=SCORER)
    parser.add_argument("--semantic", type=float, nargs="+", help="semantic weights to sweep")
    args = parser.parse_args()
    pool = [json.loads(line) for line in (args.data / "vclaims.jsonl").open(encoding="utf-8")]
    started = time.perf_counter()
    documents, ids = [], []
    for vclaim in pool:
        try:
            fields = clean_record(claimreview_of(vclaim))
        except Rejected as error:
            print(f"rejected {vclaim['id']}: {error}", file=sys.stderr)
            continue
        ids.append(vclaim["id"])
        documents.append(core.external_document(len(ids), fields))
    index = core.new_index()
    core.index_documents(index, documents)
    print(f"indexed {len(documents)} fact-checks in {time.perf_counter() - started:.1f} s")
    queries = [json.loads(line) for line in (args.data / "dev" / "queries.jsonl").open(encoding="utf-8")]
    for weight in args.semantic or [index.tuning.semantic_weight]:
        tuning = dataclasses.replace(index.tuning, semantic_weight=weight)
        started = time.perf_counter()
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as run:
            for query in queries:
                results = core.similar(index, query["text"], kind="external", limit=100, tuning=tuning)
                for rank, (_kind, number, score) in enumerate(results, start=1):
                    run.write(f"{query['id']}\t{ids[number - 1]}\t{rank}\t{score:.6f}\n")
        per_query = (time.perf_counter() - started) / len(queries) * 1000
        dev = args.data / "dev"
        command = [sys.executable, str(args.scorer), run.name, "--json", "--qrels", str(dev / "qrels.tsv"),
                   "--queries", str(dev / "queries.jsonl"), "--vclaims", str(args.data / "vclaims.jsonl")]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        Path(run.name).unlink()
        summary = json.loads(output)
        slices = "  ".join(
            f"{name} {values['MAP@5']:.3f} ({values['queries']})"
            for name, values in summary.items() if name != "overall"
        )
        overall = summary["overall"]
        print(f"semantic {weight:.2f}: MAP@5 {overall['MAP@5']:.4f}  MAP@1 {overall['MAP@1']:.4f}  "
              f"R@10 {overall['Recall@10']:.4f}  ({per_query:.1f} ms per query)\n  {slices}")


if __name__ == "__main__":
    main()
