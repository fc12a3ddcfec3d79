"""Helpers for importer tests: fixtures are zipped into real archives, imported, and compared whole."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from rambu.importers import import_export

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NIP = "198901142012121003"


def zip_folder(folder: Path, dest: Path, prefix: str = "") -> Path:
    """A real ZIP of a folder, members in sorted order (deterministic)."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for dirpath, dirnames, filenames in sorted(os.walk(folder)):
            dirnames.sort()
            for fn in sorted(filenames):
                full = Path(dirpath) / fn
                zf.write(full, prefix + full.relative_to(folder).as_posix())
    return dest


@pytest.fixture
def run_import(tmp_path):
    """Import a fixture (zipped, or as a folder); returns (activities, report, work folder)."""
    runs = iter(range(1000))

    def go(name: str, as_zip: bool = True, **kw):
        src = FIXTURES / name
        path = zip_folder(src, tmp_path / f"{name}.zip") if as_zip else src
        out = tmp_path / f"keluaran-{next(runs)}"
        out.mkdir()
        kw.setdefault("nip", NIP)
        result = import_export(str(path), media_dir=str(out / "media"), out_dir=str(out), **kw)
        return result.activities, result.report, out
    return go


def author(**kw) -> dict:
    return {"nip": NIP, **kw}


def src(archive: str, path: str, index: int | None = None, **kw) -> dict:
    s = {"archive": archive, "path": path}
    s.update({k: v for k, v in kw.items() if k == "section"})
    if index is not None:
        s["index"] = index
    s.update({k: v for k, v in kw.items() if k != "section"})
    return s
