"""The training loop: files it writes, exact resume (also after SIGKILL), time limit, early stopping, DDP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from aprende.core.checkpoint import load_weights
from tests.core import toy_train
from tests.helpers import refuses

HERE = Path(__file__).resolve().parent


def weights_equal(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_run_folder_files(tmp_path):
    run = tmp_path / "exp"
    toy_train.run(run, epochs=3)
    for name in ("config.yaml", "results.csv", "results.png", "model.json", "weights/best.safetensors",
                 "weights/last.safetensors"):
        assert (run / name).is_file(), name
    lines = (run / "results.csv").read_text().strip().splitlines()
    assert lines[0].startswith("epoch,train_loss,lr,val_loss") and len(lines) == 4
    assert not list(run.rglob("*.tmp")), "a temporary file was left behind"


def test_loss_goes_down(tmp_path):
    toy_train.run(tmp_path / "a", epochs=25, dropout=0.0)
    rows = (tmp_path / "a" / "results.csv").read_text().splitlines()[1:]
    first, last = float(rows[0].split(",")[3]), float(rows[-1].split(",")[3])
    assert last < first / 4


def test_resume_equals_uninterrupted(tmp_path):
    # constant learning rate, so 3 epochs then 3 more is the same job as 6 (optimiser, RNG and order restored)
    full = toy_train.run(tmp_path / "full", epochs=6, scheduler="none")
    toy_train.run(tmp_path / "part", epochs=3, scheduler="none")
    resumed = toy_train.run(tmp_path / "part", epochs=6, resume=True, scheduler="none")
    assert not weights_equal(toy_train.make_model(0.2).state_dict(), full.state_dict())
    assert weights_equal(full.state_dict(), resumed.state_dict())


def test_resume_after_sigkill_mid_epoch(tmp_path):
    reference = toy_train.run(tmp_path / "ref", epochs=5)
    run = tmp_path / "killed"
    script = HERE / "toy_train.py"
    # 8 steps per epoch at 0.1 s each: kill while epoch 3 is half done
    proc = subprocess.Popen([sys.executable, str(script), str(run), "--epochs", "5", "--slow", "0.1"])
    results = run / "results.csv"
    deadline = time.time() + 120
    while time.time() < deadline:
        if results.exists() and len(results.read_text().strip().splitlines()) >= 3:  # 2 epochs done
            break
        time.sleep(0.05)
    time.sleep(0.4)  # into epoch 3
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(results.read_text().strip().splitlines()) - 1
    assert 2 <= done < 5, "the kill should land mid-training"
    _, meta = load_weights(run / "weights" / "last.safetensors")  # the checkpoint is whole, not torn
    assert meta["epoch"] == done
    resumed = toy_train.run(run, epochs=5, resume=True)
    assert weights_equal(reference.state_dict(), resumed.state_dict())
    assert len(results.read_text().strip().splitlines()) == 6


def test_max_time_stops_and_keeps_best(tmp_path):
    run = tmp_path / "t"
    t0 = time.perf_counter()
    toy_train.run(run, epochs=200, slow=0.01, max_time=1.0)
    assert time.perf_counter() - t0 < 30
    rows = (run / "results.csv").read_text().strip().splitlines()[1:]
    assert len(rows) < 200
    assert (run / "weights" / "best.safetensors").is_file()


def test_early_stopping(tmp_path):
    run = tmp_path / "e"
    # a validation loss that never improves: patience 2 stops after 3 epochs
    from aprende.core.trainer import TrainConfig, fit

    data = toy_train.make_data()
    model = toy_train.make_model(0.0)
    cfg = TrainConfig(epochs=50, batch_size=8, lr=0.0, optimizer="sgd", patience=2, device="cpu", quiet=True)
    res = fit(model, data, cfg, run, loss_fn=lambda m, b: torch.nn.functional.mse_loss(m(b[0]).squeeze(-1), b[1]),
              evaluate=lambda m: {"val_loss": 1.0})
    assert res.stopped == "early" and res.epochs_run == 3
    # a tie keeps the later weights, without resetting the patience
    assert res.best_epoch == 3
    _, meta = load_weights(run / "weights" / "best.safetensors")
    assert meta["epoch"] == 3


def test_bf16_on_cpu_trains(tmp_path):
    model = toy_train.run(tmp_path / "bf", epochs=4, dropout=0.0, precision="bf16")
    assert all(p.dtype == torch.float32 for p in model.parameters())  # autocast, weights stay fp32
    rows = (tmp_path / "bf" / "results.csv").read_text().splitlines()[1:]
    assert float(rows[-1].split(",")[3]) < float(rows[0].split(",")[3])


def test_ddp_two_processes_match_single(tmp_path):
    """torchrun with 2 CPU processes (gloo), global batch 16, equals one process with batch 16."""
    single = toy_train.run(tmp_path / "single", epochs=3, dropout=0.0, batch=16, optimizer="sgd")
    out = tmp_path / "ddp.safetensors"
    import socket

    with socket.socket() as sock:  # a free port, so parallel or repeated runs never collide
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", str(port),
           str(HERE / "toy_train.py"), str(tmp_path / "ddp"), "--epochs", "3", "--dropout", "0", "--batch", "16",
           "--optimizer", "sgd", "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    ddp = load_file(str(out))
    for k, v in single.state_dict().items():
        assert torch.allclose(v, ddp[k], atol=1e-5), k
    assert (tmp_path / "ddp" / "results.csv").is_file()


def test_resume_of_a_damaged_run_is_a_user_error(tmp_path, capsys):
    """A config.yaml whose settings no longer fit the lab: message and exit 2, for every lab's --resume."""
    for lab, cmd in (("forecast", ["forecast", "train"]), ("classify", ["classify", "train"]),
                     ("gpt", ["gpt", "train"]), ("detect", ["detect", "train"])):
        run = tmp_path / lab
        run.mkdir()
        (run / "config.yaml").write_text(f"lab: {lab}\nsettings: {{no_such_knob: 1}}\ntrain: {{epochs: 1}}\n")
        refuses(capsys, [*cmd, "--resume", run, "--quiet"], (str(run / "config.yaml"), "Vuelve a entrenar"),
                quiet_out=True)


def test_misspelt_monitor_is_an_error(tmp_path):
    """A --monitor the run never measures used to fall back silently to the training loss."""
    from aprende.core.errors import AprendeError

    with pytest.raises(AprendeError) as exc:
        toy_train.run(tmp_path / "m", epochs=2, monitor="val_los")
    assert exc.value.key == "train.bad_monitor"
    assert "val_loss" in exc.value.message()


def test_checkpoint_carries_cuda_rng_state(tmp_path, monkeypatch):
    """Dropout on a GPU draws from the CUDA generators: `last` must save them and a resume must restore them.
    A stand-in plays the GPU's generators here; tests/core/test_cuda_resume.py checks the real thing on a GPU."""
    from aprende.core import trainer
    from aprende.core.checkpoint import load_state

    fake = [torch.tensor([1, 2, 3], dtype=torch.uint8), torch.tensor([4, 5], dtype=torch.uint8)]
    restored = []
    monkeypatch.setattr(trainer, "_cuda_rng_states", lambda: fake)
    monkeypatch.setattr(trainer, "_set_cuda_rng_states", lambda states: restored.append(states))
    toy_train.run(tmp_path / "c", epochs=2)
    saved = load_state(tmp_path / "c" / "weights" / "last.safetensors")
    assert [s.tolist() for s in saved["rng"]["cuda"]] == [[1, 2, 3], [4, 5]]
    toy_train.run(tmp_path / "c", epochs=3, resume=True)
    assert restored and [s.tolist() for s in restored[0]] == [[1, 2, 3], [4, 5]]


def test_epochs_planned_from_data_size_or_clock():
    from aprende.core.trainer import TrainConfig, plan_epochs

    assert plan_epochs(TrainConfig(epochs=4), 10) == (4, "given")
    assert plan_epochs(TrainConfig(auto_steps=300), 10) == (30, "data")
    assert plan_epochs(TrainConfig(auto_steps=300), 1000) == (1, "data")  # a big data set: one pass is plenty
    assert plan_epochs(TrainConfig(auto_steps=10**6, max_epochs=50), 2) == (50, "data")
    assert plan_epochs(TrainConfig(max_time=5.0), 10) == (1000, "clock")


def test_a_budget_is_filled(tmp_path, capsys):
    """With --max-time and no --epochs the loop runs until the clock stops it, not after a planned few epochs."""
    from aprende.core.checkpoint import load_state

    toy_train.run(tmp_path / "b", epochs=None, max_time=1.0, slow=0.01)
    state = load_state(tmp_path / "b" / "weights" / "last.safetensors")
    assert state["stopped"] == "time" and state["epoch"] >= 1


def test_small_data_gets_many_passes(tmp_path):
    from aprende.core.checkpoint import load_state

    toy_train.run(tmp_path / "s", epochs=None, auto_steps=40, batch=16)  # 64 rows: 4 steps an epoch
    assert load_state(tmp_path / "s" / "weights" / "last.safetensors")["epoch"] == 10


def test_ema_weights_are_judged_saved_and_resumed(tmp_path):
    """--ema: best.safetensors holds the average, not the last step's weights, and a resume is still exact."""
    from aprende.core.checkpoint import load_state, load_weights

    model = toy_train.run(tmp_path / "e", epochs=4, ema=True, ema_decay=0.9)
    best, _ = load_weights(tmp_path / "e" / "weights" / "best.safetensors")
    state = load_state(tmp_path / "e" / "weights" / "last.safetensors")
    raw = state["model"]
    assert "ema" in state and any(not torch.equal(best[k], raw[k]) for k in raw)
    assert all(torch.equal(model.state_dict()[k], state["ema"]["model"][k]) for k in raw)  # in memory: the EMA
    common = dict(ema=True, ema_decay=0.9, scheduler="none")  # the cut run plans 2 epochs: no schedule to differ
    full = toy_train.run(tmp_path / "f", epochs=4, **common)
    toy_train.run(tmp_path / "p", epochs=2, **common)
    resumed = toy_train.run(tmp_path / "p", epochs=4, resume=True, **common)
    assert weights_equal(full.state_dict(), resumed.state_dict())


def test_checkpoints_every_few_seconds_still_resume_exactly(tmp_path, monkeypatch):
    """Hundreds of tiny epochs need not each write a whole training state; the final one is always written, and a
    resume from an older one is still exact."""
    from aprende.core import trainer
    from aprende.core.checkpoint import load_state

    writes = []
    real = trainer.save_state
    monkeypatch.setattr(trainer, "save_state", lambda path, state: (writes.append(state["epoch"]), real(path, state)))
    full = toy_train.run(tmp_path / "f", epochs=6, scheduler="none", checkpoint_every=3600)
    assert writes == [6]
    assert load_state(tmp_path / "f" / "weights" / "last.safetensors")["epoch"] == 6
    toy_train.run(tmp_path / "p", epochs=3, scheduler="none", checkpoint_every=3600)
    resumed = toy_train.run(tmp_path / "p", epochs=6, scheduler="none", resume=True, checkpoint_every=3600)
    assert weights_equal(full.state_dict(), resumed.state_dict())
