"""`aprende weights get NAME`: a small registry of published checkpoints and the one place aprende downloads them.

Only this command reaches the Hugging Face Hub (with the optional `huggingface_hub`, extra `hub`), only safetensors
are fetched, never a pickle, and each file's sha256 is recorded in the run (the Hub itself checks sizes only). The
download goes to a temporary folder in the cache; the lab's importer then turns it into a run folder of ours."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from aprende.core.checkpoint import file_sha256
from aprende.core.errors import AprendeError

TOKENIZER_BPE = ("vocab.json", "merges.txt")
MARIAN_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json")
OPTIONAL = ("generation_config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")


@dataclass(frozen=True)
class Published:
    """One published checkpoint: where it lives, which files make it, under which licence, how big."""

    repo: str
    files: tuple[str, ...]  # needed besides config.json and model.safetensors
    licence: str
    size: str  # as its model page states it
    what: dict  # {"es": ..., "en": ...}
    revision: str = "main"


REGISTRY = {
    "gpt2": Published("openai-community/gpt2", TOKENIZER_BPE, "MIT", "124M",
                      {"es": "GPT-2 de OpenAI (inglés), 12 capas, d 768",
                       "en": "OpenAI's GPT-2 (English), 12 layers, d 768"}),
    "gpt2-es": Published("mrm8488/spanish-gpt2", TOKENIZER_BPE, "MIT", "124M",
                         {"es": "GPT-2 entrenado en español", "en": "GPT-2 trained on Spanish"}),
    "beto": Published("dccuchile/bert-base-spanish-wwm-cased", ("vocab.txt",), "CC BY 4.0", "110M",
                      {"es": "BETO: BERT en español, con mayúsculas, palabras enteras enmascaradas",
                       "en": "BETO: Spanish BERT, cased, whole-word masking"}),
    "opus-mt-es-en": Published("Helsinki-NLP/opus-mt-es-en", MARIAN_FILES, "Apache-2.0", "78M",
                               {"es": "Traductor español→inglés (Marian: el Transformer base del artículo)",
                                "en": "Spanish→English translator (Marian: the paper's base Transformer)"}),
    "opus-mt-en-es": Published("Helsinki-NLP/opus-mt-en-es", MARIAN_FILES, "Apache-2.0", "78M",
                               {"es": "Traductor inglés→español (Marian)",
                                "en": "English→Spanish translator (Marian)"}),
}


def _hub():
    try:
        import huggingface_hub  # deferred: an optional extra, needed only by `weights get`
    except ImportError:
        raise AprendeError("weights.no_hub") from None
    return huggingface_hub


def _offline(name: str, exc: Exception) -> AprendeError:
    return AprendeError("weights.offline", name=name, repo=REGISTRY[name].repo, reason=type(exc).__name__)


def safetensors_revision(api, entry: Published) -> str:
    """The revision that holds model.safetensors: `main`, else the Hub's own conversion (a `refs/pr/N` made by its
    safetensors bot); no pickle is ever fetched in its place."""
    if "model.safetensors" in api.list_repo_files(entry.repo, revision=entry.revision):
        return entry.revision
    refs = api.list_repo_refs(entry.repo, include_pull_requests=True)
    for pr in getattr(refs, "pull_requests", None) or []:
        if "model.safetensors" in api.list_repo_files(entry.repo, revision=pr.ref):
            return pr.ref
    raise AprendeError("weights.no_safetensors", repo=entry.repo)


def download(name: str, into: Path) -> tuple[str, dict[str, str]]:
    """Fetch `name`'s files into the folder `into`: (revision used, {file: sha256})."""
    if name not in REGISTRY:
        raise AprendeError("weights.unknown_hub", name=name, names=", ".join(REGISTRY))
    entry, hub = REGISTRY[name], _hub()
    try:
        api = hub.HfApi()
        revision = safetensors_revision(api, entry)
        present = set(api.list_repo_files(entry.repo, revision=revision))
        wanted = ["config.json", "model.safetensors", *entry.files, *(f for f in OPTIONAL if f in present)]
        for file in dict.fromkeys(wanted):
            hub.hf_hub_download(entry.repo, file, revision=revision, local_dir=into)
    except AprendeError:
        raise
    except Exception as exc:  # no network, offline mode, a repository gone: the same clear refusal
        raise _offline(name, exc) from None
    return revision, {p.name: file_sha256(p) for p in sorted(into.iterdir()) if p.is_file()}


def fetch(name: str, cache: Path) -> tuple[Path, str, dict[str, str]]:
    """Download into a fresh temporary folder under `cache` (removed by the caller): (folder, revision, sha256s)."""
    cache.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=cache))
    try:
        revision, hashes = download(name, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder, revision, hashes
