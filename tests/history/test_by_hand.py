"""The NumPy pieces written by hand equal PyTorch's: Rosenblatt's rule, backpropagation, the gradient check."""

from __future__ import annotations

import numpy as np
import torch

from aprende.history import mlp, perceptron
from aprende.history.data import XOR_X, XOR_Y, separable_points


def torch_perceptron(X, y, lr, trace):
    """The perceptron rule as SGD on the perceptron criterion max(0, −y·(w·x + b)), one example at a time."""
    w = torch.tensor(trace.weights[0][0], requires_grad=True)
    b = torch.tensor(trace.weights[0][1], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w, b], lr=lr)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    for order in trace.orders:
        for i in order:
            loss = torch.relu(-yt[i] * (Xt[i] @ w + b))
            opt.zero_grad()
            loss.backward()
            opt.step()
    return w.detach().numpy(), b.item()


def test_perceptron_rule_equals_torch_sgd_on_the_perceptron_criterion():
    rng = np.random.default_rng(3)
    X, y = separable_points(60, 0.05, rng)
    for data in ((X, y), (XOR_X * 2 - 1, np.where(XOR_Y > 0, 1.0, -1.0))):
        trace = perceptron.train(*data, lr=0.7, epochs=30, rng=np.random.default_rng(1))
        w, b = torch_perceptron(*data, 0.7, trace)
        np.testing.assert_allclose(w, trace.weights[-1][0], rtol=1e-12, atol=1e-12)
        assert abs(b - trace.weights[-1][1]) < 1e-12


def test_perceptron_converges_on_separable_points_and_not_on_xor():
    for seed in range(5):
        rng = np.random.default_rng(seed)
        X, y = separable_points(200, 0.05, rng)
        trace = perceptron.train(X, y, 1.0, 200, rng)
        w, b = trace.weights[-1]
        assert trace.converged and (perceptron.predict(w, b, X) == y).all()
    Xs, ys = XOR_X * 2 - 1, np.where(XOR_Y > 0, 1.0, -1.0)
    trace = perceptron.train(Xs, ys, 1.0, 500, np.random.default_rng(0))
    accs = [(perceptron.predict(w, b, Xs) == ys).mean() for w, b in trace.weights]
    assert not trace.converged and max(accs) <= 0.75


def test_backprop_equals_finite_differences_and_autograd():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(16, 3))
    y = (rng.random(16) > 0.5).astype(float)
    for hidden in (1, 5):
        P = mlp.init(hidden, rng, n_in=3)
        analytic = mlp.backward(P, mlp.forward(P, X, y)[1])
        assert mlp.rel_error(analytic, mlp.numeric_grads(P, X, y)) < 1e-6
        autograd = mlp.torch_grads(P, X, y)
        for k in mlp.NAMES:
            np.testing.assert_allclose(analytic[k], autograd[k], rtol=1e-9, atol=1e-12)


def test_numpy_training_step_equals_torch_sgd_step():
    rng = np.random.default_rng(1)
    P = mlp.init(4, rng)
    T = {k: torch.tensor(v.copy(), requires_grad=True) for k, v in P.items()}
    opt = torch.optim.SGD(list(T.values()), lr=0.5)
    mlp.train(P, XOR_X, XOR_Y, lr=0.5, epochs=20)
    Xt, yt = torch.tensor(XOR_X), torch.tensor(XOR_Y)
    for _ in range(20):
        p = torch.sigmoid(torch.tanh(Xt @ T["W1"] + T["b1"]) @ T["W2"] + T["b2"])[:, 0]
        loss = -torch.mean(yt * torch.log(p + 1e-12) + (1 - yt) * torch.log(1 - p + 1e-12))
        opt.zero_grad()
        loss.backward()
        opt.step()
    for k in mlp.NAMES:
        np.testing.assert_allclose(P[k], T[k].detach().numpy(), rtol=1e-10, atol=1e-12)
