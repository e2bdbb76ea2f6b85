#!/usr/bin/env bash
# Concurrent synths into one output folder: each either writes a complete output (exit 0) or is refused
# with the lock message (exit 1); none crashes with a stack trace, and the folder ends complete.
set -euo pipefail
trap 'echo "concurrent synths: failed at line $LINENO" >&2' ERR
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rounds=${CONCURRENT_SYNTH_ROUNDS:-5}
# Two deployments, so files of two synths mixed in one folder would show: odd synths write the default
# (eastus, westus), even ones a single region (eastus).
echo '{ "name": "contoso", "regions": [{ "location": "eastus", "addressSpace": "10.10.0.0/16" }] }' > "$out/one-region.json"
for round in $(seq 1 "$rounds"); do
  rm -rf "$out/cdktf.out"
  pids=()
  for i in 1 2 3 4; do
    config=""
    if [ $((i % 2)) -eq 0 ]; then config="$out/one-region.json"; fi
    BATCH_DEPLOYMENT_CONFIG="$config" CDKTF_OUTDIR="$out/cdktf.out" node dist/stacks/main.js > "$out/log.$i" 2>&1 & pids+=($!)
  done
  ok=0
  for i in 1 2 3 4; do
    if wait "${pids[$((i - 1))]}"; then
      ok=$((ok + 1))
    elif ! grep -q 'is being written by another synth' "$out/log.$i"; then
      echo "round $round, synth $i failed without the lock message:" >&2
      cat "$out/log.$i" >&2
      exit 1
    fi
    if grep -q '    at ' "$out/log.$i"; then
      echo "round $round, synth $i printed a stack trace:" >&2
      cat "$out/log.$i" >&2
      exit 1
    fi
  done
  [ "$ok" -ge 1 ] || { echo "round $round: no synth succeeded" >&2; exit 1; }
  for file in manifest.json deployment-manifest.json stacks/batch-eastus/cdk.tf.json; do
    [ -s "$out/cdktf.out/$file" ] || { echo "round $round: $file is missing after $ok successful synth(s)" >&2; exit 1; }
  done
  # One synth's output, whole: the stacks the manifests list are exactly the stack files present.
  listed=$(node -e 'const m = require(process.argv[1]); console.log(m.regions.map((r) => r.stack).sort().join(" "))' "$out/cdktf.out/deployment-manifest.json")
  present=$(cd "$out/cdktf.out/stacks" && for d in */; do if [ -e "$d/cdk.tf.json" ]; then printf '%s\n' "${d%/}"; fi; done | sort | xargs)
  [ "$listed" = "$present" ] || { echo "round $round: the manifest lists '$listed' but the stack files are '$present'" >&2; exit 1; }
  [ ! -e "$out/cdktf.out.lock" ] || { echo "round $round: the lock was left behind" >&2; exit 1; }
done
echo "concurrent synths: $rounds rounds of 4, every output complete, every refusal clean"
