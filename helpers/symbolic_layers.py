"""A network of any depth in sympy, as matrices: the matrix backward pass checked against sympy.diff.

helpers.symbolic writes the series' 2-2-1 network one named number at a time
(w11 ... b2). Here a fully connected network of any list of layer sizes is
written as sympy matrices, in the layout of helpers.vectorized: rows are
examples, and W_l[j, k] is the weight from unit j of layer l - 1 into unit k of
layer l (column k holds unit k's input weights). Chapter 06 uses it to check,
as algebra, that each entry of the matrix formulas of ``back_prop`` equals
sympy's own derivative of the cost.

Two choices keep the check general and quick: every hidden layer's
activation is an unknown function g, known to sympy only through its
derivative g' (so the check holds for any differentiable activation, and for
relu wherever no z sits on its kink at 0); the output is ``symbolic.sigma``,
known to sympy only through sigma' = sigma (1 - sigma). The cost J is the mean
binary cross-entropy over n examples of symbols.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from helpers.symbolic import sigma

g_prime = sp.Function("g'")


class g(sp.Function):  # the hidden activation: any function, with derivative g'
    def fdiff(self, argindex=1):
        return g_prime(self.args[0])


@dataclass
class SymbolicNetwork:
    """Symbols and forward pass of one network on n symbolic examples (math counts layers from 1)."""

    sizes: list[int]
    X: sp.Matrix  # n x sizes[0], entry (i, j) is x_j of example i
    Y: sp.Matrix  # n x 1, the labels
    Ws: list[sp.Matrix]  # Ws[l - 1] is W_l, of shape (sizes[l - 1], sizes[l])
    bs: list[sp.Matrix]  # bs[l - 1] is b_l, a 1 x sizes[l] row
    Zs: list[sp.Matrix]  # Zs[l - 1] is Z_l
    As: list[sp.Matrix]  # As[0] is X, As[l] is A_l
    J: sp.Expr  # the mean cost


def weight(layer: int, j: int, k: int) -> sp.Symbol:
    """W_layer[j, k]: the weight from unit j of the layer before into unit k of this layer (from 1, as in the math)."""
    return sp.Symbol(f"W{layer}[{j},{k}]", real=True)


def bias(layer: int, k: int) -> sp.Symbol:
    """The bias of unit k of a layer: b_layer[k]."""
    return sp.Symbol(f"b{layer}[{k}]", real=True)


def network(sizes: list[int], n: int) -> SymbolicNetwork:
    """The network with these layer sizes (one sigmoid output), on n examples of symbols, forward to the cost J."""
    X = sp.Matrix(n, sizes[0], lambda i, j: sp.Symbol(f"x_{j + 1}^({i + 1})", real=True))
    Y = sp.Matrix(n, 1, lambda i, _: sp.Symbol(f"y^({i + 1})", real=True))
    layers = range(1, len(sizes))
    Ws = [sp.Matrix(sizes[m - 1], sizes[m], lambda j, k, m=m: weight(m, j + 1, k + 1)) for m in layers]
    bs = [sp.Matrix(1, sizes[m], lambda _, k, m=m: bias(m, k + 1)) for m in layers]
    ones = sp.ones(n, 1)
    Zs, As = [], [X]
    for layer in layers:
        Z = As[-1] * Ws[layer - 1] + ones * bs[layer - 1]  # ones * b adds the bias row to every row
        Zs.append(Z)
        As.append(Z.applyfunc(sigma if layer == len(sizes) - 1 else g))
    A = As[-1]
    J = sum(-(Y[i] * sp.log(A[i]) + (1 - Y[i]) * sp.log(1 - A[i])) for i in range(n)) / n
    return SymbolicNetwork(list(sizes), X, Y, Ws, bs, Zs, As, J)


def back_prop(net: SymbolicNetwork) -> tuple[list[sp.Matrix], list[sp.Matrix]]:
    """The matrix formulas of chapter 06, in sympy: the lists dWs and dbs, as VectorizedNetwork.back_prop computes them.

    dZ_L = (A_L - Y) / n at the output; then for each layer, from the last back
    to the first: dW_l = A_(l-1)^T dZ_l, db_l = 1^T dZ_l, and the recursion
    dZ_(l-1) = (dZ_l W_l^T) * g'(Z_(l-1)), entry by entry.
    """
    n = net.X.rows
    ones = sp.ones(n, 1)
    dZ = (net.As[-1] - net.Y) / n
    dWs, dbs = [], []
    for layer in reversed(range(1, len(net.sizes))):  # from the output layer back to the first
        dWs.insert(0, net.As[layer - 1].T * dZ)  # dW = A_prev^T dZ
        dbs.insert(0, ones.T * dZ)  # db = 1^T dZ, the column sums
        if layer > 1:  # the recursion: dZ_prev = (dZ W^T) * g'(Z_prev), entry by entry
            dZ = (dZ * net.Ws[layer - 1].T).multiply_elementwise(net.Zs[layer - 2].applyfunc(g_prime))
    return dWs, dbs


def formulas_equal_derivatives(sizes: list[int], n: int, formulas=back_prop) -> dict[str, bool]:
    """For n symbolic examples: parameter name -> does the matrix formula's entry equal sympy.diff(J, parameter)?

    ``formulas`` is the backward pass under test (tests/test_symbolic_layers.py hands it wrong ones).
    """
    net = network(sizes, n)
    dWs, dbs = formulas(net)
    proven = {}
    for M, dM in zip([*net.Ws, *net.bs], [*dWs, *dbs]):  # W1, W2, ..., then b1, b2, ...
        for p, entry in zip(M, dM):  # entry by entry, in the same order
            proven[p.name] = sp.expand(sp.diff(net.J, p) - entry) == 0
    return proven
