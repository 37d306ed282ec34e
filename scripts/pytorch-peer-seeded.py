#!/usr/bin/python3
"""Runs the PyTorch peer benchmark with another weight-initialisation seed.

    scripts/pytorch-peer-seeded.py [--keras-rmsprop] [--seed-shuffle] SEED ../shared/peers/pytorch/bench.py W1 --fmt cl --epochs 5

The peer seeds torch with a fixed 123; this replaces that seed with SEED, so that accuracies can be
averaged over seeds as Lamina's are. Its shuffling generator keeps its own fixed seed (42), so every
run sees the batches in the same order, unless --seed-shuffle replaces that seed with SEED too.

--keras-rmsprop swaps torch's RMSprop for one with Keras' update, epsilon inside the square root
(lr * g / sqrt(v + eps)); torch puts it outside (lr * g / (sqrt(v) + eps)). It is for accuracy
comparisons only: the speed comparison runs the peer as it is.
"""
import os
import runpy
import sys

import torch


class KerasRMSprop(torch.optim.Optimizer):
    """Keras' RMSprop without momentum: v = rho*v + (1-rho)*g^2; w -= lr*g/sqrt(v + eps)."""

    def __init__(self, params, lr=0.001, alpha=0.9, eps=1e-7):
        super().__init__(params, dict(lr=lr, alpha=alpha, eps=eps))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is None:
                    continue
                state = self.state[p]
                if 'square_avg' not in state:
                    state['square_avg'] = torch.zeros_like(p, memory_format=torch.preserve_format)
                v = state['square_avg']
                v.mul_(group['alpha']).addcmul_(p.grad, p.grad, value=1 - group['alpha'])
                p.addcdiv_(p.grad, v.add(group['eps']).sqrt_(), value=-group['lr'])


class _ShuffleGenerator(torch.Generator):
    """A generator whose manual_seed takes the run's SEED instead of the peer's fixed one."""

    def manual_seed(self, _fixed):
        return super().manual_seed(seed)


args = sys.argv[1:]
seed_shuffle = False
while args and args[0].startswith('--'):
    if args[0] == '--keras-rmsprop':
        torch.optim.RMSprop = KerasRMSprop
    elif args[0] == '--seed-shuffle':
        seed_shuffle = True
    else:
        sys.exit('unknown option ' + args[0])
    args = args[1:]
seed = int(args[0])
if seed_shuffle:
    torch.Generator = _ShuffleGenerator
script = args[1]
fixed_seed = torch.manual_seed
torch.manual_seed = lambda _ignored: fixed_seed(seed)
sys.argv = [script] + args[2:]
sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
runpy.run_path(script, run_name='__main__')
