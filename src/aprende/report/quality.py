"""Is an output worth showing as a success? Degenerate text (a translation or a story stuck in a loop) is not."""

from __future__ import annotations

import re
from collections import Counter


def loops(text: str) -> bool:
    """True when text repeats itself: a piece of a word again and again ("Tahathathath", "Boooooz"), a word or phrase
    said twice in a row ("of the field of the field"), or a pair of words said three times."""
    if re.search(r"(\w{2,}?)\1{2,}", text) or re.search(r"([^\W\d])\1{3,}", text):
        return True
    words = re.findall(r"\w+", text.lower())
    for n in (1, 2, 3):
        if any(words[i:i + n] == words[i + n:i + 2 * n] for i in range(len(words) - 2 * n + 1)):
            return True
    return any(c >= 3 for c in Counter(zip(words, words[1:])).values())
