"""Prints an HDF5 file's layout as h5py (the library Keras reads with) sees it: one line per
attribute ("A path name"), group ("G path") and dataset ("D path shape dtype"), sorted."""
import sys

import h5py

lines = []


def visit(name, obj):
    kind = "G" if isinstance(obj, h5py.Group) else "D"
    if kind == "D":
        lines.append("D /%s %s %s" % (name, "x".join(str(d) for d in obj.shape), obj.dtype))
    else:
        lines.append("G /%s" % name)
    for a in obj.attrs:
        lines.append("A /%s %s" % (name, a))


with h5py.File(sys.argv[1], "r") as f:
    for a in f.attrs:
        lines.append("A / %s" % a)
    f.visititems(visit)
print("\n".join(sorted(lines)))
