"""On a GPU, --resume is exact: dropout after a resume draws the same masks as an uninterrupted run."""

from __future__ import annotations

import pytest
import torch

from tests.core import toy_train

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


def test_exact_resume_on_cuda(tmp_path):
    full = toy_train.run(tmp_path / "full", epochs=4, dropout=0.3, device="cuda")
    toy_train.run(tmp_path / "part", epochs=2, dropout=0.3, device="cuda")
    resumed = toy_train.run(tmp_path / "part", epochs=4, dropout=0.3, device="cuda", resume=True)
    for (name, a), b in zip(full.state_dict().items(), resumed.state_dict().values()):
        assert torch.equal(a.cpu(), b.cpu()), name
