"""Published ImageNet networks (torchvision's ResNet-18, MobileNetV3-small, EfficientNet-B0) as classify runs.

A file the user has (safetensors, or torchvision's `.pth` read once with PyTorch's restricted loader, which refuses
anything that is not a tensor) is checked against the architecture, then stored as safetensors with a model.json
that says where the classes, the normalisation and the licence come from. `weights get` downloads torchvision's own
file, whose name carries the start of its sha256 (checked by torch.hub), into a temporary folder, then imports it.
The network is wrapped as `features` (the stages, in order) and `head` (pooling and classifier), the layout
`cnn explain` walks; the logits are torchvision's own."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from aprende.core.checkpoint import file_sha256, raw_header, read_tensors, save_weights
from aprende.core.errors import AprendeError
from aprende.core.runs import fresh_run, new_run_dir, write_json, write_yaml

# arch -> torchvision's weight enum (its IMAGENET1K_V1 gives the address, hash, classes and published accuracy)
ARCHS = {"resnet18": "ResNet18_Weights", "mobilenet_v3_small": "MobileNet_V3_Small_Weights",
         "efficientnet_b0": "EfficientNet_B0_Weights"}
IMAGENET_MEAN, IMAGENET_STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]  # torchvision's ImageNet transforms
SIZE = 224  # the crop every one of these was trained and published at
LICENCE = "BSD-3-Clause (torchvision)"
CLASSES_SOURCE = {"es": "torchvision (weights.meta['categories']), en inglés: no hay traducción al español sin red",
                  "en": "torchvision (weights.meta['categories']), English: no Spanish translation available offline"}


class Pretrained(nn.Module):
    """A torchvision network as `features` (B, 3, H, W) -> (B, C, H/32, W/32) and `head` -> (B, K) logits."""

    def __init__(self, arch: str, n_classes: int = 1000, net: nn.Module | None = None):
        super().__init__()
        net = net if net is not None else torchvision_model(arch)
        if arch == "resnet18":
            self.features = nn.Sequential(net.conv1, net.bn1, net.relu, net.maxpool, net.layer1, net.layer2,
                                          net.layer3, net.layer4)
            self.head = nn.Sequential(net.avgpool, nn.Flatten(), net.fc)
        else:
            self.features = net.features
            self.head = nn.Sequential(net.avgpool, nn.Flatten(), net.classifier)
        if n_classes != 1000:
            replace_head(self, n_classes)

    frozen = False  # set by finetune.set_frozen: the backbone fixed, its BatchNorm statistics too

    def train(self, mode: bool = True):
        super().train(mode)
        if self.frozen:
            self.features.eval()
        return self

    def forward(self, x):
        return self.head(self.features(x))  # (B, K)


def torchvision_model(arch: str) -> nn.Module:
    """torchvision's network with random weights (nothing is downloaded here)."""
    import torchvision  # deferred: only the pretrained networks need it

    return getattr(torchvision.models, arch)(weights=None)


def last_linear(model: Pretrained) -> nn.Linear:
    return [m for m in model.head.modules() if isinstance(m, nn.Linear)][-1]


def replace_head(model: Pretrained, n_classes: int) -> None:
    """A new last layer for `n_classes` (seeded by the caller's RNG), the rest of the head kept."""
    old = last_linear(model)
    new = nn.Linear(old.in_features, n_classes)
    for parent in model.head.modules():
        for key, child in parent.named_children():
            if child is old:
                setattr(parent, key, new)


def build_pretrained(cfg: dict) -> Pretrained:
    """model.json -> the network (its head sized for the run's classes)."""
    if cfg.get("arch") not in ARCHS:
        raise KeyError("arch")
    return Pretrained(cfg["arch"], len(cfg["classes"]))


def weight_enum(arch: str):
    """torchvision's IMAGENET1K_V1 weights entry of `arch` (its url, meta and transforms; nothing downloaded)."""
    import torchvision  # deferred

    return getattr(torchvision.models, ARCHS[arch]).IMAGENET1K_V1


def check_arch(arch: str) -> None:
    if arch not in ARCHS:
        raise AprendeError("vision.pretrained.bad_arch", name=arch, names=", ".join(ARCHS))


def read_state(path: Path) -> dict[str, torch.Tensor]:
    """A state dict from safetensors or a `.pth` (restricted loader: tensors and plain containers only); anything
    else, or a value that is not a tensor, is refused with the file named."""
    path = Path(path)
    if not path.is_file():
        raise AprendeError("vision.pretrained.missing", path=str(path))
    if path.suffix == ".safetensors":
        header, data_len = raw_header(path, "vision.pretrained.missing", "vision.pretrained.not_state")
        state = read_tensors(path, header, data_len, "vision.pretrained.not_state")
    else:
        try:
            state = torch.load(path, map_location="cpu", weights_only=True)
        except Exception as exc:  # UnpicklingError for a forbidden object, others for a file that is no .pth
            key = "vision.pretrained.not_tensors" if "weights_only" in str(exc) else "vision.pretrained.not_state"
            raise AprendeError(key, path=str(path)) from None
    if not isinstance(state, dict) or not state:
        raise AprendeError("vision.pretrained.not_state", path=str(path))
    if not all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in state.items()):
        raise AprendeError("vision.pretrained.not_tensors", path=str(path))
    return dict(state)


def load_torchvision(arch: str, state: dict[str, torch.Tensor], path: Path) -> nn.Module:
    """torchvision's `arch` with `state`, which must hold exactly its names and shapes (BatchNorm's step counters,
    absent from torchvision's older files, are filled in as torchvision itself does)."""
    net = torchvision_model(arch)
    own = net.state_dict()
    state = {**{k: torch.zeros((), dtype=torch.long) for k in own if k.endswith("num_batches_tracked")}, **state}
    bad = set(own) ^ set(state) or {k for k in own if own[k].shape != state[k].shape}
    if bad:
        raise AprendeError("vision.pretrained.wrong_keys", path=str(path), arch=arch, name=sorted(bad)[0])
    net.load_state_dict(state)
    return net.eval()


@dataclass
class PretrainedImport:
    run_dir: Path
    arch: str
    parameters: int
    sha256: str


def model_json(arch: str) -> dict:
    """What a classify run of an ImageNet network says about itself (classes, normalisation, input size, source)."""
    meta = weight_enum(arch).meta
    return {"lab": "classify", "model": "pretrained", "arch": arch, "classes": list(meta["categories"]),
            "classes_source": CLASSES_SOURCE, "channels": 3, "size": [SIZE, SIZE], "mean": IMAGENET_MEAN,
            "std": IMAGENET_STD, "flips": True, "tta": False, "licence": LICENCE,
            "published_acc1": meta["_metrics"]["ImageNet-1K"]["acc@1"]}


def import_pretrained(file: str | Path, arch: str, name: str | None = None, project: str | Path | None = None,
                      source: str | None = None) -> PretrainedImport:
    """FILE (torchvision's `arch`) -> <project>/classify/<name>: weights/best.safetensors, model.json, config.yaml;
    everything is checked before the folder exists."""
    check_arch(arch)
    file = Path(file)
    net = load_torchvision(arch, read_state(file), file)
    model = Pretrained(arch, net=net)  # the same modules: torchvision's logits
    info = model_json(arch)
    digest = file_sha256(file)
    info["sha256"] = digest
    run_dir = new_run_dir("classify", name or arch, project)
    with fresh_run(run_dir):
        (run_dir / "weights").mkdir()
        save_weights(run_dir / "weights" / "best.safetensors", model.state_dict(), {"imported": arch})
        write_json(run_dir / "model.json", info)
        write_yaml(run_dir / "config.yaml", {"lab": "classify", "imported": source or str(file.resolve()),
                                             "family": "torchvision", "arch": arch, "sha256": digest,
                                             "settings": {"model": "pretrained"}})
    return PretrainedImport(run_dir, arch, sum(p.numel() for p in model.parameters()), digest)


def download(arch: str, into: Path) -> Path:
    """torchvision's published file for `arch` into the folder `into`, its hash checked against its name."""
    from torch.hub import HASH_REGEX, download_url_to_file  # deferred: only `weights get`

    url = weight_enum(arch).url
    dst = into / url.rsplit("/", 1)[-1]
    match = HASH_REGEX.search(dst.name)
    try:
        download_url_to_file(url, str(dst), match.group(1) if match else None, progress=False)
    except Exception as exc:  # no network, a proxy, a hash that does not match: the same clear refusal
        raise AprendeError("vision.pretrained.offline", name=arch, url=url, reason=type(exc).__name__) from None
    return dst


def get_pretrained(arch: str, cache: Path, name: str | None = None, project=None) -> PretrainedImport:
    """`weights get ARCH`: download into a temporary folder under `cache`, import, remove the download."""
    check_arch(arch)
    cache.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{arch}-", dir=cache))
    try:
        file = download(arch, folder)
        return import_pretrained(file, arch, name, project, source=weight_enum(arch).url)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
