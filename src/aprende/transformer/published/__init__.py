"""The published models (GPT-2, BERT and BETO, opus-mt's Marian) as run folders of ours.

    result = import_checkpoint("descargas/gpt2")     # ImportResult: run_dir, family, sizes, n_params, files
    aprende gpt generate --run runs/gpt/gpt2 "Hola"  # then every command reads it with --run

Each family has a converter `convert(folder, config, tensors) -> (model.json, state_dict)` in FAMILIES; anything
else is refused by name. Everything is read and checked before the run folder exists, so a refusal writes nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from aprende.core.errors import AprendeError
from aprende.transformer.published.files import check_shapes, read_config, read_tensors, sha256s
from aprende.transformer.published.hf import convert_bert, convert_gpt2
from aprende.transformer.published.marian import convert as convert_marian

FAMILIES = {
    "GPT2LMHeadModel": convert_gpt2,
    "BertForMaskedLM": convert_bert,
    "MarianMTModel": convert_marian,
}
MODEL_TYPES = {"gpt2": "GPT2LMHeadModel", "bert": "BertForMaskedLM", "marian": "MarianMTModel"}


@dataclass
class ImportResult:
    """Where the imported model now lives, and what it is."""

    run_dir: Path
    family: str
    sizes: dict = field(default_factory=dict)
    n_params: int = 0
    files: dict = field(default_factory=dict)  # file name -> sha256 of what was read


def family_of(config: dict, path: Path) -> str:
    """The architecture config.json names (`architectures[0]`, else `model_type`), if we know it."""
    names = config.get("architectures") or []
    name = names[0] if isinstance(names, list) and names else MODEL_TYPES.get(str(config.get("model_type")), None)
    if name not in FAMILIES:
        raise AprendeError("published.unsupported", path=str(path), name=name or config.get("model_type") or "?",
                           names=", ".join(FAMILIES))
    return name


def import_checkpoint(folder: str | Path, project: str | Path | None = None, name: str | None = None) -> ImportResult:
    """A Hugging Face checkpoint folder -> `<project>/<lab>/<name>`: model.json, weights/best.safetensors, the
    checkpoint's own tokenizer and config.yaml, the same layout our training runs have."""
    from aprende.core.checkpoint import save_weights  # deferred: torch, once the folder has been judged
    from aprende.core.runs import fresh_run, new_run_dir, write_json, write_yaml
    from aprende.transformer.published.tokenizer import copy_tokenizer
    from aprende.transformer.run import build_for

    folder = Path(folder)
    config = read_config(folder)
    family = family_of(config, folder / "config.json")
    files = sha256s(folder)
    tensors = read_tensors(folder)
    model_json, state = FAMILIES[family](folder, config, tensors)
    model = build_for(model_json)
    check_shapes(model, state, folder / "model.safetensors")
    lab = model_json["lab"]
    writes_tokenizer, tokens = copy_tokenizer(folder, family)  # checked now; written below
    if tokens:
        model_json["tokens"] = tokens
    run_dir = new_run_dir(lab, name or folder.resolve().name.replace(" ", "_") or family.lower(), project)
    with fresh_run(run_dir):
        (run_dir / "weights").mkdir()
        save_weights(run_dir / "weights" / "best.safetensors", state, {"imported": family})
        write_json(run_dir / "model.json", model_json)
        writes_tokenizer(run_dir)
        settings = {"direction": model_json["direction"]} if "direction" in model_json else {}
        write_yaml(run_dir / "config.yaml", {"lab": lab, "imported": str(folder.resolve()), "family": family,
                                             "settings": settings})
        gen = folder / "generation_config.json"
        if gen.is_file():
            try:
                write_json(run_dir / "generation_config.json", json.loads(gen.read_text(encoding="utf-8")))
            except (ValueError, UnicodeDecodeError):
                raise AprendeError("published.bad_config", path=str(gen)) from None
    sizes = {k: model_json[k] for k in ("vocab_size", "d_model", "n_heads", "n_layers", "d_ff", "context")}
    return ImportResult(run_dir, family, sizes, sum(t.numel() for t in state.values()), files)
