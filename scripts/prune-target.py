#!/usr/bin/env python3
"""Keeps a long-lived cargo target directory from filling the disk.

Every changed build links new test executables (about 0.8 GB each with
debug info) and leaves the old ones and their incremental state behind;
on the CI machine that reached 69 GB. Once those two directories pass
LIMIT_GB, this keeps, per name, only the newest test executable in
`debug/deps` and the newest incremental directory in `debug/incremental`.
Cargo rebuilds whatever it still needs (a few minutes, once), so a tree
under the limit is left alone.

    scripts/prune-target.py TARGET_DIR
"""
import os
import re
import shutil
import sys
from collections import defaultdict

LIMIT_GB = 40
HASHED = re.compile(r"^(.+)-([0-9a-z]{13,16})$")


def newest_per_name(paths):
    groups = defaultdict(list)
    for path in paths:
        match = HASHED.match(os.path.basename(path))
        if match:
            groups[match.group(1)].append(path)
    for same in groups.values():
        same.sort(key=os.path.getmtime, reverse=True)
        yield from same[1:]


def size_of(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def main(target):
    freed = 0
    deps = os.path.join(target, "debug", "deps")
    incremental = os.path.join(target, "debug", "incremental")
    used = size_of(deps) + size_of(incremental)
    if used < LIMIT_GB * 1e9:
        print(f"prune-target: {used / 1e9:.1f} GB, under {LIMIT_GB} GB")
        return
    if os.path.isdir(deps):
        executables = [
            os.path.join(deps, f)
            for f in os.listdir(deps)
            if "." not in f and os.access(os.path.join(deps, f), os.X_OK)
        ]
        for stale in newest_per_name(executables):
            freed += os.path.getsize(stale)
            os.remove(stale)
    if os.path.isdir(incremental):
        dirs = [os.path.join(incremental, d) for d in os.listdir(incremental)]
        for stale in newest_per_name(d for d in dirs if os.path.isdir(d)):
            freed += size_of(stale)
            shutil.rmtree(stale, ignore_errors=True)
    print(f"prune-target: freed {freed / 1e9:.1f} GB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target")
