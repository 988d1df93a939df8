#!/usr/bin/env bash
# Re-creates vendor/reactive_graph from a crates.io release plus the one
# patch beside it. Run at each Leptos upgrade:
#   scripts/vendor-reactive-graph.sh 0.2.17
# If the patch no longer applies, read the release's src/owner/context.rs:
# when its lookups no longer drop ancestors under a lock, delete the vendored
# copy and the [patch.crates-io] entry instead.
set -euo pipefail
version="${1:?usage: $0 <reactive_graph version>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
curl -sSfL "https://static.crates.io/crates/reactive_graph/reactive_graph-$version.crate" |
    tar xz -C "$work"
mv "$work/reactive_graph-$version" "$work/reactive_graph"
rm -f "$work/reactive_graph/Cargo.lock" "$work/reactive_graph/.cargo_vcs_info.json"
(cd "$work" && patch -p1 --forward < "$root/vendor/reactive_graph-context-lock.patch")
cp "$root/vendor/reactive_graph/PATCHED.md" "$work/reactive_graph/"
rm -rf "$root/vendor/reactive_graph"
mv "$work/reactive_graph" "$root/vendor/reactive_graph"
echo "vendor/reactive_graph is now $version with the patch; update PATCHED.md and run make test"
