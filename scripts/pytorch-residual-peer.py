#!/usr/bin/python3
"""The PyTorch peer benchmark with Lamina's residual workload WR added to its model table.

    /usr/bin/python3 scripts/pytorch-residual-peer.py WR --fmt cl --epochs 5 [--data DIR] [--max-steps N]
    /usr/bin/python3 scripts/pytorch-peer-seeded.py --seed-shuffle SEED scripts/pytorch-residual-peer.py WR --fmt cl --epochs 5

Loads ../shared/peers/pytorch/bench.py (next to this checkout; LAMINA_PEER_BENCH overrides the
path) without modifying it, replaces its build() with one that also knows WR, and runs its main():
same data loading, training loop, timing and RESULT / SUMMARY lines as W1-W3. Other workloads
go to bench.py's own build(), so W1-W3 run exactly as with bench.py.

WR is Lamina's `training --workload WR` (Workloads.residual() in the benchmarks module):

    x [N,1,28,28] (channels-last with --fmt cl, the memory of Lamina's NHWC)
      -> stem:  Conv2d 32 3x3 stride 2 valid (+bias) -> relu            -> s [N,32,13,13]
      -> block: Conv2d 32 3x3 same (+bias) -> BatchNorm2d -> relu
                -> Conv2d 32 3x3 same (+bias) -> BatchNorm2d            -> b [N,32,13,13]
      -> relu(s + b) -> MaxPool2d 2 [N,32,6,6] -> flatten in (H, W, C) order [N,1152] -> Linear 10

Keras' initialisation as bench.py does it (glorot_uniform kernels, zero biases), Keras'
batch-normalization constants (momentum 0.99, epsilon 1e-3: bench.keras_bn), torch RMSprop with
Keras' rho and epsilon (lr 0.001, alpha 0.9, eps 1e-7) like W1, batch 64; the softmax is in
CrossEntropyLoss as for W1-W3. 30,474 trainable parameters, +128 running statistics.
"""
import importlib.util
import os
import sys

import torch
import torch.nn as nn

here = os.path.dirname(os.path.abspath(__file__))
path = os.environ.get('LAMINA_PEER_BENCH',
                      os.path.join(here, '..', '..', 'shared', 'peers', 'pytorch', 'bench.py'))
spec = importlib.util.spec_from_file_location('peer_bench', path)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


class Residual(nn.Module):
    """Stem, one residual block added to the stem's output, relu, pooling and the classifier."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 32, 3, stride=2)
        self.c1 = bench.same_conv(32, 32, 3)
        self.b1 = bench.keras_bn(32)
        self.c2 = bench.same_conv(32, 32, 3)
        self.b2 = bench.keras_bn(32)
        self.pool = nn.MaxPool2d(2)
        self.flatten = bench.FlattenNHWC()
        self.head = nn.Linear(6 * 6 * 32, 10)

    def forward(self, x):
        x = torch.relu(self.stem(x))
        y = torch.relu(self.b1(self.c1(x)))
        y = self.b2(self.c2(y))
        return self.head(self.flatten(self.pool(torch.relu(x + y))))


peer_build = bench.build


def build(wl):
    if wl != 'WR':
        return peer_build(wl)
    m = Residual()
    # Keras default init, as bench.build does for W1-W3: glorot_uniform kernels, zero bias
    for mod in m.modules():
        if isinstance(mod, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(mod.weight)
            nn.init.zeros_(mod.bias)
    opt = lambda p: torch.optim.RMSprop(p, lr=0.001, alpha=0.9, eps=1e-7)
    return m, opt, 64


bench.build = build

if __name__ == '__main__':
    bench.main()
