"""Sales CSVs as people write them, and the malformed ones: clear message, exit code 2, nothing written."""

from __future__ import annotations

import pytest

from aprende.core.errors import AprendeError
from aprende.forecast.data import read_sales_csv
from tests.helpers import proc_refused, refuses, series_text, write

# --- the quirks that must be read correctly ---------------------------------------------------------------------

def test_reads_the_article_csv(seed_csv):
    s = read_sales_csv(seed_csv)
    assert len(s) == 604 and s.dates[0].strftime("%Y-%m-%d") == "2017-01-02" and s.values[0] == 236
    assert abs(s.values.mean() - 215.94) < 0.01


@pytest.mark.parametrize("kwargs", [
    dict(), dict(header=None), dict(sep=";", decimal=","), dict(sep="\t"), dict(fmt="%d/%m/%Y"),
    dict(sep=";", fmt="%d-%m-%Y", decimal=","), dict(header="date,sales"), dict(header="Fecha,Unidades"),
])
def test_reads_variants(tmp_path, kwargs):
    s = read_sales_csv(write(tmp_path, series_text(**kwargs)))
    assert len(s) == 200
    assert s.dates[0].strftime("%Y-%m-%d") == "2021-01-04"
    assert s.values[0] == 100.5 and s.values[1] == 110.5


def test_columns_by_name_among_others(tmp_path):
    text = "tienda;dia;importe;unidades\n" + "".join(f"A;2021-01-{d:02d};9,5;{d}\n" for d in range(1, 29))
    s = read_sales_csv(write(tmp_path, text), date_col="dia", value_col="unidades")
    assert len(s) == 28 and s.values[-1] == 28


def test_latin1_and_bom(tmp_path):
    text = "\ufefffecha,unidades\n2021-01-01,5\n2021-01-02,6\n"
    assert len(read_sales_csv(write(tmp_path, text))) == 2
    s = read_sales_csv(write(tmp_path, "fecha;año\n2021-01-01;5\n2021-01-02;6\n".encode("cp1252"), "l.csv"))
    assert list(s.values) == [5, 6]


def test_unsorted_rows_are_sorted_with_a_warning(tmp_path, capsys):
    s = read_sales_csv(write(tmp_path, "2021-01-03,3\n2021-01-01,1\n2021-01-02,2\n"))
    assert list(s.values) == [1, 2, 3]
    assert "ordenado" in capsys.readouterr().err


# --- malformed input: each a message naming the file (and line), exit 2, no run folder -------------------------

BAD = {
    "empty": ("", "está vacío"),
    "blank_lines": ("\n\n  \n", "está vacío"),
    "header_only": ("fecha,unidades\n", "solo tiene la cabecera"),
    "one_column": ("fecha\n2021-01-01\n2021-01-02\n", "una sola columna"),
    "bad_date": (series_text(30).replace("2021-01-10", "2021-13-45"), "línea 8"),
    "text_date": (series_text(30).replace("2021-01-10", "ayer"), "«ayer»"),
    "mixed_formats": (series_text(30).replace("2021-01-10", "10/01/2021"), "no se entiende"),
    "bad_value": (series_text(30).replace(",140.5", ",muchos", 1), "«muchos» no es un número"),
    "empty_value": (series_text(30).replace(",140.5", ",", 1), "no es un número"),
    "nan_value": (series_text(30).replace(",140.5", ",nan", 1), "no es un número"),
    "inf_value": (series_text(30).replace(",140.5", ",1e999", 1), "línea 6: «1e999» no es una cantidad de ventas"),
    # issue 17: values that slip past the checks, fields the csv module refuses, spans no sales series has
    "inf_text": (series_text(30).replace(",140.5", ",inf", 1), "línea 6: «inf» no es un número"),
    "minus_inf": (series_text(30).replace(",140.5", ",-Infinity", 1), "línea 6: «-Infinity» no es un número"),
    "overflow": (series_text(30).replace(",140.5", ",1e400", 1), "línea 6: «1e400» no es una cantidad de ventas"),
    "too_large": (series_text(30).replace(",140.5", ",-1e300", 1), "«-1e300» no es una cantidad de ventas"),
    "huge_field": (series_text(30).replace(",140.5", "," + "9" * 200_000, 1),
                   "línea 6: no se puede leer como CSV (¿un campo de más de 131072 caracteres?)"),
    "year_1_to_9999": ("fecha,unidades\n0001-01-01,5\n2021-06-01,6\n5000-01-01,7\n9999-12-31,8\n",
                       "línea 2: la fecha «0001-01-01» está fuera de los años 1900–2199"),
    "long_span": ("1950-01-01,5\n1970-01-01,6\n1990-01-01,7\n2010-01-01,8\n2030-01-01,9\n",
                  "las fechas van de 1950-01-01 a 2030-01-01, más de 30 años"),
    "long_gap": (series_text(200) + "2024-03-01,5\n",
                 "entre 2021-07-22 (línea 201) y 2024-03-01 (línea 202) pasan 953 días sin datos, más de 366"),
    "duplicate": (series_text(30) + "2021-01-05,7\n", "aparece dos veces"),
    "short_row": (series_text(30).replace("2021-01-10,160.5", "2021-01-10"), "línea 8"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "no parece un CSV"),
    "ambiguous": ("a,b,c\n2021-01-01,1,2\n", "--date-col"),
    "too_few": (series_text(40), "necesita al menos"),
    "one_row": ("2021-01-01,5\n", "tiene 1 paso y «train» necesita al menos"),  # singular, not "1 pasos"
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_malformed_csv(tmp_path, capsys, case):
    text, expected = BAD[case]
    path = write(tmp_path, text)
    refuses(capsys, ["forecast", "train", "--csv", path, "--quiet"], (expected, "ventas.csv"), empty=tmp_path / "runs",
            quiet_out=True)


def test_missing_file_and_folder_and_columns(tmp_path, capsys):
    cases = [(["--csv", "no-existe.csv"], "No existe el archivo no-existe.csv"),
             (["--csv", str(tmp_path)], "no es un archivo"),
             (["--csv", str(write(tmp_path, series_text(200))), "--value-col", "precio"],
              "no tiene la columna «precio»")]
    for args, expected in cases:
        refuses(capsys, ["forecast", "train", *args, "--quiet"], expected, empty=tmp_path / "runs", quiet_out=True)


def test_error_in_english(tmp_path, capsys):
    path = write(tmp_path, series_text(30).replace("2021-01-10", "ayer"))
    refuses(capsys, ["forecast", "train", "--csv", path, "--lang", "en"],
            ("ventas.csv", "line 8: the date \"ayer\" cannot be read"), empty=tmp_path / "runs", quiet_out=True)


def test_real_process_exit_code(tmp_path, cli):
    path = write(tmp_path, series_text(30).replace(",140.5", ",muchos", 1))
    proc = cli("forecast", "train", "--csv", path, cwd=tmp_path)
    proc_refused(proc, "«muchos» no es un número", empty=tmp_path / "runs")


def test_reader_error_carries_key(tmp_path):
    with pytest.raises(AprendeError) as exc:
        read_sales_csv(write(tmp_path, series_text(30) + "2021-01-05,7\n"))
    assert exc.value.key == "csv.duplicate_date"
    assert (exc.value.params["line1"], exc.value.params["line2"]) == (3, 32)
