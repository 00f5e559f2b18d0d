"""Run folders whose files lie (issue 31): model.json, config.yaml, tokenizer.json and ONNX metadata mutated at random
are refused with an AprendeError (exit 2, naming the file) or work; never a traceback, never a huge allocation."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aprende.core.errors import AprendeError
from aprende.core.lifecycle import load_model
from aprende.core.runs import read_yaml

WEIGHTS = Path(__file__).resolve().parents[2] / "src" / "aprende" / "weights"
EXAMPLES = int(os.environ.get("APRENDE_FUZZ", 25))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SIZES = st.one_of(st.sampled_from([0, -1, 1, 2, 10**12, 2**63, 20000, 10**6 + 1]), st.integers(-10, 5000),
                  st.floats(allow_nan=True, allow_infinity=True), st.none(), st.text(max_size=5), st.booleans(),
                  st.lists(st.integers(-2, 10**9), max_size=4), st.dictionaries(st.text(max_size=3), st.integers()))


def _copy(tmp: Path, lab: str) -> Path:
    folder = tmp / lab
    if not folder.exists():
        shutil.copytree(WEIGHTS / lab, folder)
    return folder


def _builders():
    from aprende.transformer.model import GPT
    from aprende.transformer.run import transformer_config
    from aprende.vision.run import build

    return {"classify": build, "gpt": lambda cfg: GPT(transformer_config(cfg))}


@pytest.mark.parametrize("lab", ["classify", "gpt"])
@FUZZ
@given(data=st.data())
def test_mutated_model_json_is_refused_or_works(tmp_path_factory, lab, data):
    folder = _copy(tmp_path_factory.getbasetemp() / "fuzz", lab)
    original = json.loads((WEIGHTS / lab / "model.json").read_text(encoding="utf-8"))
    key = data.draw(st.sampled_from(sorted(original)))
    config = {**original, key: data.draw(SIZES)}
    (folder / "model.json").write_text(json.dumps(config), encoding="utf-8")
    try:
        model, _ = load_model(folder, _builders()[lab])
    except AprendeError as exc:
        assert str(folder / "model.json") in exc.message() or "safetensors" in exc.message()
    else:
        assert sum(p.numel() for p in model.parameters()) < 10**8


@pytest.mark.parametrize("change, key", [({"n_heads": 0}, "run.bad_value"), ({"d_model": 10**12}, "budget.width"),
                                         ({"n_layers": 10**5}, "budget.layers"), ({"d_model": float("nan")},
                                                                                 "run.bad_value")])
def test_lying_sizes_are_refused_before_build(tmp_path, change, key):
    folder = _copy(tmp_path, "gpt")
    config = {**json.loads((folder / "model.json").read_text(encoding="utf-8")), **change}
    (folder / "model.json").write_text(json.dumps(config), encoding="utf-8")
    built = []
    with pytest.raises(AprendeError) as exc:
        load_model(folder, lambda cfg: built.append(cfg))
    assert exc.value.key == key and built == []  # refused before build ran at all


def test_any_build_failure_is_a_bad_file_naming_it(tmp_path):
    folder = _copy(tmp_path, "classify")

    def broken(cfg):
        return 1 // 0  # a tampered file that makes the lab's own code divide by zero

    with pytest.raises(AprendeError) as exc:
        load_model(folder, broken)
    assert exc.value.key == "run.bad_file" and str(folder / "model.json") in exc.value.message()


def test_a_model_too_big_is_counted_on_meta_not_allocated(tmp_path):
    """Sizes each within the budget, but together 40 billion parameters: counted on the meta device, refused."""
    folder = _copy(tmp_path, "classify")
    (folder / "model.json").write_text(json.dumps({"d": 200_000}), encoding="utf-8")
    with pytest.raises(AprendeError) as exc:
        load_model(folder, lambda cfg: torch.nn.Linear(cfg["d"], cfg["d"]))
    assert exc.value.key == "budget.params"


@FUZZ
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_random_config_yaml_is_a_dict_or_refused(tmp_path_factory, raw):
    path = tmp_path_factory.getbasetemp() / "config.yaml"
    path.write_bytes(raw)
    try:
        assert isinstance(read_yaml(path), dict)
    except AprendeError as exc:
        assert exc.key in ("run.bad_file", "budget.run_file_bytes")


@FUZZ
@given(st.integers(0, 4000), st.binary(min_size=1, max_size=20))
def test_damaged_tokenizer_json_is_refused(tmp_path_factory, at, junk):
    from aprende.transformer.text import load_tokenizer

    raw = (WEIGHTS / "gpt" / "tokenizer.json").read_bytes()
    path = tmp_path_factory.getbasetemp() / "tokenizer.json"
    path.write_bytes(raw[:at] + junk + raw[at + len(junk):])
    try:
        tok = load_tokenizer(path)
    except AprendeError as exc:
        assert exc.key == "transformer.bad_tokenizer"
    else:
        assert tok.get_vocab_size() > 0


ONNX_META = {"classes": ["a", "b"], "anchors": [[10, 12], [20, 24]], "img_size": 320, "stride": 32}


@FUZZ
@given(st.sampled_from(sorted(ONNX_META)), SIZES)
def test_mutated_onnx_metadata_is_refused_or_sane(key, value):
    from aprende.detection.runtime import _meta

    raw = json.dumps({**ONNX_META, key: value})
    try:
        classes, anchors, size, stride, *_ = _meta(raw, Path("model.onnx"))
    except AprendeError as exc:
        assert "model.onnx" in exc.message()
    else:
        assert 1 <= stride <= size <= 4096 and len(classes) >= 1
