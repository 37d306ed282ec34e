#!/usr/bin/python3
"""Per-operator profile of the PyTorch peer's training step, to set beside Lamina's profiler.

    /usr/bin/python3 scripts/pytorch-peer-profile.py ../shared/peers/pytorch W1 cl

Builds the peer's model for the workload (random inputs of the workload's batch size), warms up
30 steps, times 100, then prints torch.autograd.profiler's table over 50 more.
"""
import sys, time, torch, torch.nn as nn
sys.path.insert(0, sys.argv.pop(1))
import bench
torch.set_num_threads(2)
wl = sys.argv[1]
m, opt, bs = bench.build(wl)
m = m.to(memory_format=torch.channels_last) if len(sys.argv) > 2 and sys.argv[2] == 'cl' else m
o = opt(m.parameters())
x = torch.rand(bs, 1, 28, 28)
if len(sys.argv) > 2 and sys.argv[2] == 'cl': x = x.contiguous(memory_format=torch.channels_last)
y = torch.randint(0, 10, (bs,))
lossf = nn.CrossEntropyLoss()
def step():
    o.zero_grad(); l = lossf(m(x), y); l.backward(); o.step()
for _ in range(30): step()
t = time.time()
for _ in range(100): step()
print("ms/step", (time.time() - t) * 10)
with torch.autograd.profiler.profile() as p:
    for _ in range(50): step()
print(p.key_averages().table(sort_by="self_cpu_time_total", row_limit=25))
print('profiled steps: 50 (divide the totals by 50 for ms per step)')
