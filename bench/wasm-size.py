#!/usr/bin/env python3
"""Where a wasm module's bytes go: code size per crate and the largest
functions, read from the module's name section (build with names kept, see
README "First load and code splitting"). Standard library only.

    bench/wasm-size.py target/site/pkg/prm.wasm [--top 40] [--crate app]
"""
import argparse
import re
import sys
from collections import Counter


def leb(buf, pos):
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def sections(buf):
    if buf[:4] != b"\0asm":
        sys.exit("not a wasm module")
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, pos = leb(buf, pos + 1)
        yield sid, buf[pos : pos + size]
        pos += size


def read_name(buf, pos):
    n, pos = leb(buf, pos)
    return buf[pos : pos + n].decode("utf-8", "replace"), pos + n


def imported_functions(payload):
    count, pos = leb(payload, 0)
    funcs = 0
    for _ in range(count):
        _, pos = read_name(payload, pos)
        _, pos = read_name(payload, pos)
        kind = payload[pos]
        pos += 1
        if kind == 0:  # function: type index
            _, pos = leb(payload, pos)
            funcs += 1
        elif kind == 1:  # table: reftype + limits
            pos += 1
            flags, pos = leb(payload, pos)
            _, pos = leb(payload, pos)
            if flags & 1:
                _, pos = leb(payload, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(payload, pos)
            _, pos = leb(payload, pos)
            if flags & 1:
                _, pos = leb(payload, pos)
        elif kind == 3:  # global: valtype + mutability
            pos += 2
        else:  # tag
            pos += 1
            _, pos = leb(payload, pos)
    return funcs


def function_names(payload):
    _, pos = read_name(payload, 0)
    names = {}
    while pos < len(payload):
        sub = payload[pos]
        size, pos = leb(payload, pos + 1)
        end = pos + size
        if sub == 1:
            count, p = leb(payload, pos)
            for _ in range(count):
                idx, p = leb(payload, p)
                name, p = read_name(payload, p)
                names[idx] = name
        pos = end
    return names


LEGACY = re.compile(r"_ZN(\d+)")


def crate_of(name):
    """The crate a function belongs to: the type's crate for `<T as Trait>`,
    the first path segment otherwise."""
    m = LEGACY.match(name)
    if m:
        n = int(m.group(1))
        start = m.end()
        return name[start : start + n]
    name = name.lstrip("<&*").removeprefix("mut ").removeprefix("dyn ")
    seg = re.split(r"::|<| as |\[|\(|\$", name, maxsplit=1)[0]
    return seg or "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wasm")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--crate", help="list the largest functions of this crate only")
    args = ap.parse_args()
    buf = open(args.wasm, "rb").read()
    imported = 0
    bodies = []
    names = {}
    other = Counter()
    for sid, payload in sections(buf):
        if sid == 2:
            imported = imported_functions(payload)
        elif sid == 10:
            count, pos = leb(payload, 0)
            for _ in range(count):
                size, body = leb(payload, pos)
                bodies.append(size + (body - pos))
                pos = body + size
        elif sid == 0:
            title, _ = read_name(payload, 0)
            if title == "name":
                names = function_names(payload)
            other["custom:" + title] += len(payload)
        else:
            other[{11: "data", 7: "exports", 2: "imports"}.get(sid, f"section {sid}")] += len(
                payload
            )
    if not names:
        print("note: no name section; build with names kept to attribute code", file=sys.stderr)
    code = sum(bodies)
    by_crate = Counter()
    funcs = []
    for i, size in enumerate(bodies):
        name = names.get(imported + i, f"func[{imported + i}]")
        crate = crate_of(name)
        by_crate[crate] += size
        funcs.append((size, crate, name))
    print(f"{args.wasm}: {len(buf):,} B, code {code:,} B in {len(bodies):,} functions")
    for what, size in other.most_common():
        print(f"  {what:<28} {size:>10,} B")
    if args.crate:
        funcs = [f for f in funcs if f[1] == args.crate]
    else:
        print("\nCode by crate:")
        for crate, size in by_crate.most_common(args.top):
            print(f"  {crate:<28} {size:>10,} B {100 * size / code:5.1f}%")
    print("\nLargest functions:")
    for size, _, name in sorted(funcs, reverse=True)[: args.top]:
        print(f"  {size:>8,} B  {name[:150]}")


if __name__ == "__main__":
    main()
