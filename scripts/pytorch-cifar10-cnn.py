#!/usr/bin/env python3
"""The cifar10-cnn example's network and training in PyTorch, with Keras' defaults.

What test accuracy does the example's budget reach on the data it is given? Keras itself does
not run on every machine; this script rebuilds the same functional CNN (three blocks of
[conv same relu, BN, conv same relu, BN, max pool 2, dropout 0.25] with 32, 64 and 256 filters,
then dense 512 relu, BN, dropout 0.5, dense 10 softmax) with Keras' initializers (Glorot-uniform
kernels, zero biases), Keras' batch normalization (momentum 0.99, epsilon 1e-3), Adam(1e-4,
epsilon 1e-7), batch 128, and `validation_split=0.2` (the last fifth of the training images,
unshuffled), and prints the test accuracy after each epoch.

    /usr/bin/python3 scripts/pytorch-cifar10-cnn.py ../shared/data/cifar-10-batches-bin \
        [--epochs 10] [--seed 1] [--lr 1e-4]
"""
import argparse
import glob
import os
import time

import numpy as np
import torch
from torch import nn


def read_batches(paths):
    """CIFAR-10 binary records: one label byte, then 3072 pixel bytes (R, G, B planes of 32x32)."""
    raw = np.concatenate([np.fromfile(p, dtype=np.uint8).reshape(-1, 3073) for p in paths])
    labels = raw[:, 0].astype(np.int64)
    images = raw[:, 1:].reshape(-1, 3, 32, 32).astype(np.float32) / 255.0
    return torch.from_numpy(images), torch.from_numpy(labels)


def glorot(module):
    if isinstance(module, (nn.Conv2d, nn.Linear)):
        nn.init.xavier_uniform_(module.weight)
        nn.init.zeros_(module.bias)


def keras_bn(channels, two_d=True):
    # Keras momentum 0.99 is PyTorch momentum 0.01.
    cls = nn.BatchNorm2d if two_d else nn.BatchNorm1d
    return cls(channels, eps=1e-3, momentum=0.01)


def model():
    layers = []
    channels = 3
    for filters in (32, 64, 256):
        layers += [nn.Conv2d(channels, filters, 3, padding=1), nn.ReLU(), keras_bn(filters),
                   nn.Conv2d(filters, filters, 3, padding=1), nn.ReLU(), keras_bn(filters),
                   nn.MaxPool2d(2), nn.Dropout(0.25)]
        channels = filters
    # Keras flattens NHWC; the order of the flattened features does not matter to a fresh Dense.
    layers += [nn.Flatten(), nn.Linear(256 * 4 * 4, 512), nn.ReLU(), keras_bn(512, two_d=False),
               nn.Dropout(0.5), nn.Linear(512, 10)]
    net = nn.Sequential(*layers)
    net.apply(glorot)
    return net


def accuracy(net, x, y):
    net.eval()
    with torch.no_grad():
        correct = sum((net(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item() for i in range(0, len(x), 1000))
    net.train()
    return correct / len(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("data", help="folder holding data_batch_*.bin and test_batch.bin")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lr", type=float, default=1e-4)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(os.cpu_count())
    x, y = read_batches(sorted(glob.glob(os.path.join(a.data, "data_batch_*.bin"))))
    x_test, y_test = read_batches([os.path.join(a.data, "test_batch.bin")])
    split = int(len(x) * 0.8)
    x_train, y_train, x_val, y_val = x[:split], y[:split], x[split:], y[split:]
    net = model()
    opt = torch.optim.Adam(net.parameters(), lr=a.lr, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    print(f"{len(x_train)} training, {len(x_val)} validation, {len(x_test)} test images")
    for epoch in range(1, a.epochs + 1):
        start = time.time()
        order = torch.randperm(len(x_train))
        for i in range(0, len(order), 128):
            idx = order[i:i + 128]
            opt.zero_grad()
            loss = loss_fn(net(x_train[idx]), y_train[idx])
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {time.time() - start:.1f} s, train {accuracy(net, x_train, y_train):.4f}, "
              f"val {accuracy(net, x_val, y_val):.4f}, test {accuracy(net, x_test, y_test):.4f}", flush=True)


if __name__ == "__main__":
    main()
