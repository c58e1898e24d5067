"""The CSV export opened by a real spreadsheet engine: ratings stay text, times become dates.

LibreOffice Calc converts the export to xlsx with the import options under which a
spreadsheet converts cells (UTF-8, "Detect special numbers" on, quoted fields not forced
to text); openpyxl reads the cell types back.
"""

import os
import shutil
import subprocess
from datetime import datetime

import pytest

from tests import factories

# Separator ",", text delimiter '"', UTF-8 (76), from line 1, standard columns, English (US),
# quoted fields not forced to text, detect special numbers (dates, booleans, percentages).
CALC_CSV_IMPORT = "CSV:44,34,76,1,,1033,false,true"


def _required(what: str) -> None:
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{what} The spreadsheet test must run in CI.", pytrace=False)
    pytest.skip(what)


@pytest.fixture
def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        _required("LibreOffice is not installed "
                  "(Debian: apt-get install --no-install-recommends libreoffice-calc).")
    return path


@pytest.fixture
def openpyxl():
    try:
        import openpyxl
    except ImportError:
        _required("openpyxl is not installed (pip install -e '.[test]').")
    return openpyxl


def _open_in_calc(soffice: str, openpyxl, csv_bytes: bytes, folder) -> list[dict]:
    (folder / "claims.csv").write_bytes(csv_bytes)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--norestore",
         f"--infilter={CALC_CSV_IMPORT}", "--convert-to", "xlsx", "--outdir", str(folder),
         str(folder / "claims.csv")],
        check=True, capture_output=True, timeout=120,
    )
    sheet = openpyxl.load_workbook(folder / "claims.xlsx").active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=False)) for row in rows]


def test_calc_reads_ratings_and_numeric_text_as_text_and_times_as_dates(client, db, soffice, openpyxl,
                                                                         tmp_path):
    article = factories.ArticleFactory(published_at=datetime.fromisoformat("2025-10-22T18:42:00-04:00"))
    for rating, claim in (("true", "42"), ("false", "22 October 2025")):
        factories.verified_claim(article=article, rating=rating, claim=claim)
    response = client.get("/api/v1/claims/export/", {"format": "csv"})

    rows = _open_in_calc(soffice, openpyxl, b"".join(response.streaming_content), tmp_path)

    ratings = [(type(row["Rating"]), row["Rating"].strip("\u2060")) for row in rows]
    assert ratings == [(str, "True"), (str, "False")]
    assert [type(row["Rating code"]) for row in rows] == [str, str]
    assert [row["Claim"].strip("\u2060") for row in rows] == ["42", "22 October 2025"]
    assert [row["Article published (UTC)"] for row in rows] == [datetime(2025, 10, 22, 22, 42)] * 2
    assert all(isinstance(row["Verified (UTC)"], datetime) for row in rows)
    assert all(isinstance(row["First published (UTC)"], datetime) for row in rows)
    assert [type(row["Claim id"]) for row in rows] == [int, int]
