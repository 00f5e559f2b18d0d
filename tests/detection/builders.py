"""Small annotated folders and run folders for the detection tests: lego scenes in VOC and YOLO layouts, and a
run laid out like the shipped weights."""

from __future__ import annotations

from pathlib import Path

from aprende.datasets.lego import write_lego


def voc_folder(root: Path, n: int = 6, seed: int = 0) -> Path:
    return write_lego(root, n_images=n, size=96, seed=seed)


def yolo_folder(root: Path, n: int = 4) -> Path:
    """The same lego scenes converted to YOLO txt (images/, labels/, classes.txt)."""
    from aprende.detection.data import load_detection

    src = load_detection(voc_folder(root.parent / (root.name + "_voc"), n))
    (root / "images").mkdir(parents=True)
    (root / "labels").mkdir()
    for s in src.samples:
        (root / "images" / s.image.name).write_bytes(s.image.read_bytes())
        lines = [f"{c} {(x0 + x1) / 2 / s.width:.6f} {(y0 + y1) / 2 / s.height:.6f} "
                 f"{(x1 - x0) / s.width:.6f} {(y1 - y0) / s.height:.6f}"
                 for c, (x0, y0, x1, y1) in zip(s.labels.tolist(), s.boxes.tolist())]
        (root / "labels" / (s.image.stem + ".txt")).write_text("\n".join(lines) + "\n")
    (root / "classes.txt").write_text("\n".join(src.classes) + "\n")
    return root


def fake_run(root: Path, data: Path | None = None, img_size: int = 96, seed: int = 0) -> Path:
    """A detect run folder laid out like the shipped weights (only best.safetensors, model.json, config.yaml,
    metrics.json), with a seeded random network whose objectness is raised so that it finds boxes."""
    import torch

    from aprende.core.checkpoint import save_weights
    from aprende.core.runs import write_json, write_yaml
    from aprende.datasets.lego import classes
    from aprende.detection.model import build_model

    cfg = {"lab": "detect", "classes": classes(), "anchors": [[12.0, 16.0], [24.0, 20.0], [40.0, 36.0]],
           "size": "tiny", "width": 0.5, "depth": None, "img_size": img_size}
    torch.manual_seed(seed)
    model = build_model(cfg)
    with torch.no_grad():
        model.head.bias.view(3, -1)[:, 4] = 1.0
    save_weights(root / "weights" / "best.safetensors", model.state_dict())
    write_json(root / "model.json", cfg)
    write_yaml(root / "config.yaml", {"lab": "detect", "data": str(data or root / "nowhere"), "format": "voc"})
    write_json(root / "metrics.json", {"map50": 0.0, "map50_95": 0.0})
    return root
