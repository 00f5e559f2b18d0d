"""A toy translation task for the tour: Spanish number words to digits ("trescientos cuarenta y dos" → "3 4 2").

Small enough for a Transformer to learn in about a minute of CPU, structured enough that its cross-attention is
readable: each digit looks at the word that names it. The digits are written with spaces so that each is one token.
A fixed set of numbers is held out: the model never sees them, and the tour checks it on them."""

from __future__ import annotations

import random
from pathlib import Path

UNITS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]
TEENS = ["diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"]
TWENTIES = ["veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis",
            "veintisiete", "veintiocho", "veintinueve"]
TENS = ["", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"]
HUNDREDS = ["", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos", "setecientos",
            "ochocientos", "novecientos"]
LIMIT = 1000  # the numbers 0 … 999
HELD_OUT = 100  # numbers never trained on, drawn from 100 … 999 so that each of their words is seen elsewhere


def spanish(n: int) -> str:
    """The number 0 ≤ n < 1000 in Spanish words, as it is read aloud."""
    if not 0 <= n < LIMIT:
        raise ValueError(f"0 <= n < {LIMIT}")
    if n == 100:
        return "cien"
    hundreds, rest = divmod(n, 100)
    words = [HUNDREDS[hundreds]] if hundreds else []
    if rest or not hundreds:
        if rest < 10:
            words.append(UNITS[rest])
        elif rest < 20:
            words.append(TEENS[rest - 10])
        elif rest < 30:
            words.append(TWENTIES[rest - 20])
        else:
            tens, unit = divmod(rest, 10)
            words.append(TENS[tens] + (f" y {UNITS[unit]}" if unit else ""))
    return " ".join(words)


def digits(n: int) -> str:
    """The target: the digits of n, one token each ("3 4 2")."""
    return " ".join(str(n))


def held_out(seed: int = 0) -> list[int]:
    """The numbers the model never sees, the same every run (in a shuffled order, so any ten are varied)."""
    return random.Random(seed).sample(range(100, LIMIT), HELD_OUT)


def write_pairs(path: Path, seed: int = 0) -> Path:
    """The training pairs (every number but the held-out ones) as a TSV of Spanish words<TAB>digits."""
    hidden = set(held_out(seed))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{spanish(n)}\t{digits(n)}\n" for n in range(LIMIT) if n not in hidden),
                    encoding="utf-8")
    return path
