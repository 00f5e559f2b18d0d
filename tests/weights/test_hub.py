"""`aprende weights get`: the registry, the safetensors-only rule, and a clean refusal with no network (tests never
download: the Hub is put in offline mode, or replaced by a stand-in that answers like it)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from aprende.core.errors import AprendeError
from aprende.weights import hub
from tests.helpers import proc_refused


class FakeApi:
    """Answers like huggingface_hub.HfApi for a repository whose main branch holds only a pickle."""

    def __init__(self, files: dict[str, list[str]], prs: list[str]):
        self.files, self.prs = files, prs

    def list_repo_files(self, repo, revision="main"):
        return self.files.get(revision, [])

    def list_repo_refs(self, repo, include_pull_requests=False):
        return SimpleNamespace(pull_requests=[SimpleNamespace(ref=r) for r in self.prs])


def test_the_registry_names_the_article_s_models():
    assert {"gpt2", "gpt2-es", "beto", "opus-mt-es-en", "opus-mt-en-es"} <= set(hub.REGISTRY)
    for entry in hub.REGISTRY.values():
        assert entry.licence and entry.size and "/" in entry.repo and set(entry.what) == {"es", "en"}


def test_main_with_safetensors_is_used_as_it_is():
    api = FakeApi({"main": ["config.json", "model.safetensors"]}, [])
    assert hub.safetensors_revision(api, hub.REGISTRY["gpt2"]) == "main"


def test_a_pickle_only_main_takes_the_hub_s_conversion():
    api = FakeApi({"main": ["config.json", "pytorch_model.bin"], "refs/pr/3": ["model.safetensors"]},
                  ["refs/pr/1", "refs/pr/3"])
    assert hub.safetensors_revision(api, hub.REGISTRY["beto"]) == "refs/pr/3"


def test_no_safetensors_anywhere_is_refused_never_unpickled():
    api = FakeApi({"main": ["config.json", "pytorch_model.bin"]}, ["refs/pr/1"])
    with pytest.raises(AprendeError) as exc:
        hub.safetensors_revision(api, hub.REGISTRY["beto"])
    assert exc.value.key == "weights.no_safetensors"


def test_offline_get_exits_2_and_leaves_nothing(tmp_path, cli):
    env = {"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"), "APRENDE_CACHE": str(tmp_path / "cache")}
    proc = cli("weights", "get", "opus-mt-es-en", "--project", tmp_path / "runs", cwd=tmp_path, env=env)
    # the licence is said before anything is fetched
    proc_refused(proc, ("huggingface.co/Helsinki-NLP/opus-mt-es-en", "Apache-2.0"), empty=tmp_path / "runs")
    downloads = tmp_path / "cache" / "hub"
    assert not downloads.exists() or not any(downloads.iterdir())  # the temporary download folder is gone


def test_an_unknown_name_lists_the_known_ones(tmp_path, cli):
    proc = cli("weights", "get", "gpt5", "--lang", "en", cwd=tmp_path)
    proc_refused(proc, ("gpt5", "gpt2", "opus-mt-es-en"))


def test_sha256_is_the_file_s(tmp_path):
    import hashlib

    from aprende.core.checkpoint import file_sha256

    f = tmp_path / "x.bin"
    f.write_bytes(b"aprende" * 300_000)  # more than one 1 MB block
    assert file_sha256(f) == hashlib.sha256(f.read_bytes()).hexdigest()
