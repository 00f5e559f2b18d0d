"""Translation data: the fixed split, the TSV reader's complaints, the Bible's markup and its missing modules."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from aprende.core.errors import AprendeError
from aprende.datasets.corpus_readers import clean_osis
from aprende.transformer.bible import MODULES, SWORD_ROOT, check_modules
from aprende.transformer.pairs import load_pairs, read_tsv, split_of


def test_fixed_split_on_known_keys():
    assert [split_of(k) for k in ("Gen.1.10", "Gen.1.27", "Gen.3.21")] == ["test"] * 3
    assert [split_of(k) for k in ("Gen.1.7", "Gen.3.1", "Gen.5.5")] == ["val"] * 3
    assert [split_of(k) for k in ("Gen.1.1", "John.3.16", "Ps.23.1")] == ["train"] * 3
    assert zlib.crc32(b"Gen.1.10") % 31 == 0  # the rule, written out


def _tsv(tmp_path, text: str | bytes, name="pares.tsv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_tsv_two_and_three_columns_with_optional_header(tmp_path):
    pairs = read_tsv(_tsv(tmp_path, "source\ttarget\nhola\thello\n\nadiós\tgoodbye\n"))
    assert [(p.key, p.source, p.target) for p in pairs] == [("hola", "hola", "hello"), ("adiós", "adiós", "goodbye")]
    pairs = read_tsv(_tsv(tmp_path, "Gen.1.10\tY llamó Dios\tGod called\n", "k.tsv"))
    assert pairs[0].key == "Gen.1.10" and split_of(pairs[0].key) == "test"


@pytest.mark.parametrize("text, key, line", [
    ("hola\thello\nsolo una columna\n", "translate.tsv_fields", 2),
    ("hola\thello\nuno\tdos\ttres\n", "translate.tsv_fields", 2),
    ("a\tb\tc\td\n", "translate.tsv_fields", 1),
    ("hola\thello\n\tnada\n", "translate.tsv_empty", 2),
    ("hola\thello\nalgo\t  \n", "translate.tsv_empty", 2),
])
def test_tsv_bad_lines_name_file_and_line(tmp_path, text, key, line):
    path = _tsv(tmp_path, text)
    with pytest.raises(AprendeError) as info:
        read_tsv(path)
    assert info.value.key == key and info.value.params["line"] == line
    assert str(path) in info.value.message() and str(line) in info.value.message()


def test_tsv_not_utf8_empty_and_missing(tmp_path):
    with pytest.raises(AprendeError) as info:
        read_tsv(_tsv(tmp_path, "hola\thello\nca\xf1a\tcane\n".encode("latin-1")))
    assert info.value.key == "transformer.not_utf8" and info.value.params["line"] == 2
    for text in ("", "\n\n  \n"):
        with pytest.raises(AprendeError) as info:
            read_tsv(_tsv(tmp_path, text))
        assert info.value.key == "translate.tsv_no_pairs"
    with pytest.raises(AprendeError) as info:
        read_tsv(tmp_path / "no.tsv")
    assert info.value.key == "translate.no_pairs_file"


def test_tsv_split_by_source_text_and_small_files_keep_a_validation(tmp_path):
    lines = [f"frase {i}\tsentence {i}" for i in range(200)]
    data = load_pairs(_tsv(tmp_path, "\n".join(lines)))
    assert all(split_of(p.source) == "test" for p in data.test) and data.test
    assert len(data.train) + len(data.val) + len(data.test) == 200
    tiny = load_pairs(_tsv(tmp_path, "frase 1\tsentence 1\nfrase 2\tsentence 2\n", "tiny.tsv"))
    assert tiny.val and tiny.train


def test_clean_osis_drops_notes_keeps_words_apart():
    raw = ('<w lemma="strong:H0430">God</w><note placement="foot"><reference>1:1 </reference>Elohim.</note>'
           '<w lemma="x">created</w> <w>the</w> earth<note n="a"/> . ')
    assert clean_osis(raw) == "God created the earth."
    psalm = '<title canonical="true" type="psalm">A Psalm by David.</title> <l level="1"/>Yahweh, help!'
    assert clean_osis(psalm) == "A Psalm by David. Yahweh, help!"
    glossary = 'Amen. <chapter eID="Rev.22"/><div eID="g1" type="book"/> <div type="glossary"/>Abba is...'
    assert clean_osis(glossary) == "Amen."


def test_missing_sword_modules_say_what_to_install(tmp_path):
    with pytest.raises(AprendeError) as info:
        check_modules(tmp_path)
    assert "apt-get install sword-text-sparv sword-text-web" in info.value.message()


@pytest.mark.skipif(not all((SWORD_ROOT / "modules/texts/ztext" / m).is_dir() for m in MODULES.values()),
                    reason="the Debian packages sword-text-sparv and sword-text-web are not installed")
def test_bible_modules_align_by_key():
    from pysword.modules import SwordModules

    modules = SwordModules(str(SWORD_ROOT))
    modules.parse_modules()
    es = modules.get_bible_from_module(MODULES["es"]).get(books="Gen", chapters=1, verses=1, clean=False)
    en = modules.get_bible_from_module(MODULES["en"]).get(books="Gen", chapters=1, verses=1, clean=False)
    assert clean_osis(es) == "EN el principio crió Dios los cielos y la tierra."
    assert clean_osis(en) == "In the beginning, God created the heavens and the earth."


def test_buckets_group_similar_lengths_and_long_pairs_are_counted():
    from tokenizers import Tokenizer

    from aprende.transformer.pairs import Pair
    from aprende.transformer.text import PAD, train_tokenizer
    from aprende.transformer.translate_train import Buckets, encode_pairs

    pairs = [Pair(str(i), "hola " * (1 + i % 30), "hello " * (1 + i % 30)) for i in range(300)]
    tok: Tokenizer = train_tokenizer([p.source for p in pairs] + [p.target for p in pairs], 300)
    encoded, dropped = encode_pairs(tok, pairs, max_len=20)
    assert dropped == sum(1 for p in pairs if len(tok.encode(p.target).ids) + 1 > 20
                          or len(tok.encode(p.source).ids) > 20) > 0
    buckets = Buckets(encoded, batch_size=16)
    padding = sum(int((src == PAD).sum()) for src, _ in buckets.batches)
    assert padding < 0.2 * sum(src.numel() for src, _ in buckets.batches)  # sorted by length: little padding
    assert sum(len(src) for src, _ in buckets.batches) == len(encoded)
