#!/usr/bin/python3
"""Runs the PyTorch peer benchmark with another weight-initialisation seed.

    scripts/pytorch-peer-seeded.py [--keras-rmsprop] SEED ../shared/peers/pytorch/bench.py W1 --fmt cl --epochs 5

The peer seeds torch with a fixed 123; this replaces that seed with SEED (its shuffling generator
keeps its own fixed seed), so that accuracies can be averaged over seeds as Lamina's are.

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


args = sys.argv[1:]
if args and args[0] == '--keras-rmsprop':
    torch.optim.RMSprop = KerasRMSprop
    args = args[1:]
seed = int(args[0])
script = args[1]
fixed_seed = torch.manual_seed
torch.manual_seed = lambda _ignored: fixed_seed(seed)
sys.argv = [script] + args[2:]
sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
runpy.run_path(script, run_name='__main__')
