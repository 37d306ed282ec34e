#!/usr/bin/python3
"""Runs the PyTorch peer benchmark with another weight-initialisation seed.

    scripts/pytorch-peer-seeded.py SEED ../shared/peers/pytorch/bench.py W1 --fmt cl --epochs 5

The peer seeds torch with a fixed 123; this replaces that seed with SEED (its shuffling generator
keeps its own fixed seed), so that accuracies can be averaged over seeds as Lamina's are.
"""
import os
import runpy
import sys

import torch

seed = int(sys.argv[1])
script = sys.argv[2]
fixed_seed = torch.manual_seed
torch.manual_seed = lambda _ignored: fixed_seed(seed)
sys.argv = [script] + sys.argv[3:]
sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
runpy.run_path(script, run_name='__main__')
