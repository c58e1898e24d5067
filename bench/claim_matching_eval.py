"""Claim-matching quality on the CLEF CheckThat! 2A dev splits, through the product's matching code.

Each verified claim of the collection becomes a schema.org ClaimReview, goes through the same
cleaning (``claimreview.clean_record``), searchable texts, embeddings and index as an import,
and each tweet is ranked with ``kind="external"`` exactly as ``/api/v1/claims/similar/`` does.
The scores come from the dataset's own scorer.

    .venv/bin/python bench/claim_matching_eval.py                 # dev and devtest, MAP@5 etc.
    .venv/bin/python bench/claim_matching_eval.py --grid          # sweep the fusion weights
    .venv/bin/python bench/claim_matching_eval.py --data PATH     # the dataset elsewhere
"""

import argparse
import dataclasses
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotations.matching import core  # noqa: E402
from annotations.matching.claimreview import Rejected, clean_record  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "datasets" / "claim-matching"


def claimreview_of(vclaim: dict) -> dict:
    """Present a collection claim as the ClaimReview a fact-checker's feed would carry."""
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": vclaim.get("url") or f"https://fact-checks.example/{vclaim['id']}",
        "claimReviewed": vclaim["vclaim"],
        "headline": vclaim.get("title") or "",
        "description": vclaim.get("subtitle") or "",
        "datePublished": vclaim.get("date_iso") or "",
        "author": {"@type": "Organization", "name": "Snopes"},
    }


def load(data: Path):
    claims = [json.loads(line) for line in (data / "vclaims.jsonl").open(encoding="utf-8")]
    records, ids = [], []
    for number, vclaim in enumerate(claims, start=1):
        try:
            records.append((number, clean_record(claimreview_of(vclaim))))
            ids.append(vclaim["id"])
        except Rejected as error:
            print(f"rejected {vclaim['id']}: {error}", file=sys.stderr)
    return records, ids


def run_split(index, data: Path, split: str, ids: list[str], scorer, tuning=None):
    queries = [json.loads(line) for line in (data / split / "queries.jsonl").open(encoding="utf-8")]
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as run:
        for query in queries:
            results = core.similar(index, query["text"], kind="external", limit=100, tuning=tuning)
            for rank, (_kind, number, score) in enumerate(results, start=1):
                run.write(f"{query['id']}\t{ids[number - 1]}\t{rank}\t{score:.6f}\n")
    elapsed = (time.perf_counter() - started) / len(queries)
    summary, _ = scorer.evaluate(run.name, data / split / "qrels.tsv", by="rank")
    Path(run.name).unlink()
    return summary, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", action="append", choices=["dev", "devtest"])
    parser.add_argument("--grid", action="store_true", help="sweep the fusion weights on the splits")
    parser.add_argument("--semantic", type=float, nargs="+", default=[0.2, 0.3, 0.4, 0.5])
    parser.add_argument("--context", type=float, nargs="+", default=[0.8, 1.0, 1.2])
    args = parser.parse_args()
    if not (args.data / "vclaims.jsonl").exists():
        sys.exit(f"claim-matching data not found at {args.data}; pass --data PATH")
    spec = importlib.util.spec_from_file_location("claim_matching_score", args.data / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)

    started = time.perf_counter()
    records, ids = load(args.data)
    index = core.new_index()
    core.index_documents(index, [core.external_document(number, fields) for number, fields in records])
    print(f"indexed {len(records)} ClaimReviews in {time.perf_counter() - started:.1f} s")
    splits = args.split or ["dev", "devtest"]
    if args.grid:
        base = index.tuning
        for semantic in args.semantic:
            for context in args.context:
                tuning = dataclasses.replace(base, semantic_weight=semantic, context_weight=context)
                scores = [run_split(index, args.data, s, ids, scorer, tuning)[0]["MAP@5"] for s in splits]
                print(f"semantic {semantic:.2f} context {context:.2f}: "
                      + "  ".join(f"{s} {v:.4f}" for s, v in zip(splits, scores, strict=True)))
        return
    for split in splits:
        summary, elapsed = run_split(index, args.data, split, ids, scorer)
        print(f"{split}: " + "  ".join(
            f"{name} {summary[name]:.4f}"
            for name in ("MAP@1", "MAP@3", "MAP@5", "MAP@10", "MRR", "Recall@100")
        ) + f"  ({elapsed * 1000:.1f} ms per query)")


if __name__ == "__main__":
    main()
