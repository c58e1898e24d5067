"""Score title / author / date extraction on the extraction-metadata development sets.

    .venv/bin/python bench/extraction_metadata.py [--data ../shared/datasets/extraction-metadata]

Reads each saved page as an upload is read (declared or detected charset), runs
annotations.ingest.extract.extract, writes the predictions and runs the set's own scorer.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from annotations.ingest.extract import extract  # noqa: E402
from annotations.ingest.fetch import decode  # noqa: E402

SETS = {"trafilatura": ("trafilatura-metadata.json", "html-trafilatura"),
        "mediacloud": ("htmldate-mediacloud-dates.json", "html-htmldate-mediacloud")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/datasets/extraction-metadata")
    parser.add_argument("--out", type=Path, default=None, help="where to keep the predictions")
    args = parser.parse_args()
    if not (args.data / "score_meta.py").exists():
        print(f"The extraction-metadata set is not at {args.data}; pass --data.", file=sys.stderr)
        return 2
    predictions, seconds, pages = {}, 0.0, 0
    for labels, folder in SETS.values():
        for item in json.loads((args.data / labels).read_text()).values():
            html, _ = decode(gzip.decompress((args.data / folder / item["file"]).read_bytes()))
            started = time.perf_counter()
            page = extract(html, item["url"])
            seconds += time.perf_counter() - started
            pages += 1
            predictions[item["file"].removesuffix(".html.gz")] = {
                "title": page.title or None, "author": page.authors or None,
                "date": page.published_at[:10] or None, "sitename": page.publisher or None,
            }
    out = args.out or Path(tempfile.mkstemp(suffix=".json")[1])
    out.write_text(json.dumps(predictions, ensure_ascii=False))
    print(f"{pages} pages extracted in {seconds:.1f} s ({pages / seconds:.1f} pages/s)")
    for name in SETS:
        scorer = args.data / "score_meta.py"
        subprocess.run([sys.executable, str(scorer), str(out), "--set", name], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
