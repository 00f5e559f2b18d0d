"""What many test modules share: running the CLI as a user would, the refusal check, and small input builders."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def aprende(*args) -> int:
    """The exit code of `aprende ARGS`, run in this process."""
    from aprende.cli import main

    try:
        main([str(a) for a in args])
    except SystemExit as exc:
        return exc.code
    return 0


def run_cli(*args, cwd=None, env=None, timeout=600):
    """Run `python -m aprende ARGS` as a user would; returns the CompletedProcess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "aprende", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def assert_refused(code: int, err: str, expected: str | tuple[str, ...] = (), empty: Path | None = None,
                   out: str | None = None) -> str:
    """Exit 2, each EXPECTED text (in the user's language) on stderr, no traceback, nothing under EMPTY and, where
    OUT (stdout) is given, nothing printed there: a refusal as the house rules promise it."""
    assert code == 2, (code, err[-1500:])
    assert "Traceback" not in err, err[-1500:]
    assert err.strip(), "refused without a message"
    for text in (expected,) if isinstance(expected, str) else expected:
        assert text in err, (text, err[-1500:])
    if out is not None:
        assert out == "", f"partial output on stdout: {out[-500:]!r}"
    if empty is not None:
        left = sorted(str(p) for p in Path(empty).rglob("*")) if Path(empty).exists() else []
        assert not Path(empty).exists(), f"{empty} was left behind: {left[:10]}"
    return err


def refuses(capsys, argv, expected: str | tuple[str, ...] = (), empty: Path | None = None,
            quiet_out: bool = False) -> str:
    """Run `aprende ARGV` in this process and check it refuses as a user should see it (with QUIET_OUT, stdout stays
    empty too); returns stderr."""
    from aprende.cli import main

    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in argv])
    captured = capsys.readouterr()
    return assert_refused(exc.value.code, captured.err, expected, empty, captured.out if quiet_out else None)


def proc_refused(proc, expected: str | tuple[str, ...] = (), empty: Path | None = None) -> str:
    """The same check on a finished `run_cli` process, whose stdout must stay empty; returns stderr."""
    return assert_refused(proc.returncode, proc.stderr, expected, empty, proc.stdout)


def forecast_refused(capsys, tmp_path, *args, lang="es") -> str:
    """`aprende forecast ARGS --quiet` refused, stdout empty, no ./runs left; the message on one line."""
    err = refuses(capsys, ["forecast", *args, "--quiet", "--lang", lang], empty=tmp_path / "runs", quiet_out=True)
    return " ".join(err.split())


# --- small input builders -----------------------------------------------------------------------------------------

def series_text(n=200, start="2021-01-04", sep=",", header="fecha,unidades", fmt="%Y-%m-%d", decimal=".") -> str:
    """A daily date,units CSV with a weekly pattern, written the way a spreadsheet might."""
    import pandas as pd

    dates = pd.date_range(start, periods=n, freq="D")
    rows = [header.replace(",", sep)] if header else []
    for i, d in enumerate(dates):
        v = f"{100 + (i % 7) * 10 + 0.5:.1f}".replace(".", decimal)
        rows.append(f"{d.strftime(fmt)}{sep}{v}")
    return "\n".join(rows) + "\n"


def daily_frame(n=200, start="2023-01-02", covariates=False):
    """Daily sales with closed Sundays; with `covariates`, a price and a promotion flag known ahead."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    d = pd.date_range(start, periods=n, freq="D")
    d = d[d.day_of_week != 6]
    promo = (rng.random(len(d)) < 0.15).astype(int)
    price = np.round(10 + rng.normal(0, 0.5, len(d)), 2)
    y = 100 + 20 * (d.day_of_week.to_numpy() == 5) + 60 * promo - 4 * (price - 10) + rng.normal(0, 3, len(d))
    df = pd.DataFrame({"fecha": d.strftime("%Y-%m-%d"), "unidades": y.round(1)})
    if covariates:
        df["precio"], df["promo"] = price, promo
    return df


def write(tmp_path: Path, text: str | bytes, name="ventas.csv") -> Path:
    """TEXT (or bytes) as the file NAME in TMP_PATH."""
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return p


def small_panel(tmp_path, shops=2, products=3, days=220, seed=0, name="ventas.csv"):
    """A generated shops × products long table, small enough for a test."""
    from aprende.datasets.supermercado import generate_supermercado

    path = tmp_path / name
    generate_supermercado(shops, products, days=days, seed=seed).to_csv(path, index=False)
    return path


def voc_xml(objects, w=96, h=96, filename="00000.jpg", head=""):
    """One Pascal VOC annotation holding OBJECTS as (name, xmin, ymin, xmax, ymax)."""
    body = "".join(f"<object><name>{n}</name><bndbox><xmin>{a}</xmin><ymin>{b}</ymin><xmax>{c}</xmax>"
                   f"<ymax>{d}</ymax></bndbox></object>" for n, a, b, c, d in objects)
    return (f"{head}<annotation><filename>{filename}</filename><size><width>{w}</width><height>{h}</height>"
            f"<depth>3</depth></size>{body}</annotation>")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png(width: int = 9000, height: int = 9000) -> bytes:
    """A PNG of a few dozen bytes whose header claims width × height 16-bit grey pixels (the issue's 9000×9000)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 16, 0, 0, 0, 0)  # 16-bit greyscale
    row = b"\x00" + b"\x00\x00" * width  # one filtered row; the rest is missing, as in a crafted file
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(row)) + _chunk(b"IEND", b"")


# the GPT/BERT tests' tiny model and text
TINY = ["--vocab-size", "300", "--d-model", "32", "--heads", "2", "--layers", "1", "--d-ff", "64",
        "--context", "16", "--dropout", "0", "--batch-size", "16", "--quiet"]
SENTENCES = ["El gato duerme en la casa.", "La niña lee un libro de cuentos.", "El perro corre por el campo.",
             "Mañana lloverá en la montaña.", "Él come pan con aceite y sal."]


def tiny_text(tmp_path, n=120):
    """A small Spanish text the tiny GPT/BERT can learn in seconds."""
    path = tmp_path / "texto.txt"
    path.write_text("\n\n".join(SENTENCES[i % 5] + f" Frase {i % 7}." for i in range(n)), encoding="utf-8")
    return path


def detection_error(root, key, fmt=None, **params):
    """The AprendeError that loading ROOT as detection data raises: its key, and each PARAMS value it names."""
    from aprende.core.errors import AprendeError
    from aprende.detection.data import load_detection

    with pytest.raises(AprendeError) as exc:
        load_detection(root, fmt)
    assert exc.value.key == key, exc.value.message()
    for k, v in params.items():
        assert str(exc.value.params[k]).endswith(str(v)), (k, exc.value.params)
    return exc.value
