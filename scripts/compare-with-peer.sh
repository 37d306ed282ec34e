#!/usr/bin/env bash
# Times Lamina's training benchmark (benchmarks/target/lamina-benchmarks.jar training) against a peer framework on the same machine, alternating the
# two so that both see the same background load, and prints the median of the runs and the ratio.
#
#   scripts/compare-with-peer.sh W1 5 3 -- /usr/bin/python3 ../shared/peers/pytorch/bench.py W1 --fmt cl --epochs 5
#   scripts/compare-with-peer.sh WR 5 3 -- /usr/bin/python3 scripts/pytorch-peer-seeded.py --seed-shuffle {seed} \
#     scripts/pytorch-residual-peer.py WR --fmt cl --epochs 5
#
# Arguments: workload (W1|W2|W3|WR), epochs for Lamina, number of alternations, then `--` and the
# peer's command. The peer must print a line containing `epoch_s_median_2plus <seconds>` (as the
# PyTorch peer does); Lamina prints `bench <W> s_per_epoch=<seconds> ...`. WR (one residual block)
# has its peer in scripts/pytorch-residual-peer.py, which adds WR to bench.py's models.
# Also reports inference images/s, peak RSS (GNU time) and test accuracy of each run. Run i uses
# seed i for Lamina (--seed) and replaces {seed} in the peer's command with i, so the accuracies
# are a mean over seeds. LAMINA_ARGS adds options to Lamina's command, for smoke runs only (e.g.
# LAMINA_ARGS="--limit 128" with the peer's --max-steps 2): its figures compare nothing.
# Build first: mvn -B -q -DskipTests package
set -euo pipefail
if [ $# -lt 5 ] || [ "$4" != "--" ]; then
  sed -n '2,17p' "$0"
  exit 2
fi
workload=$1 epochs=$2 runs=$3
shift 4
jar="$(dirname "$0")/../benchmarks/target/lamina-benchmarks.jar"
[ -f "$jar" ] || { echo "missing $jar: run mvn -B -q -DskipTests package first" >&2; exit 2; }

lamina=() peer=() lamina_infer=() peer_infer=() lamina_rss=() peer_rss=() lamina_acc=() peer_acc=()
field() { sed -n "s/.*$1[= ]\([0-9.]*\).*/\1/p" <<< "$2" | tail -1; }
for ((i = 1; i <= runs; i++)); do
  # Alternate which goes first, so neither always runs on a warmer or quieter machine.
  for who in $( ((i % 2)) && echo "lamina peer" || echo "peer lamina"); do
    # Each run's full output goes to stderr (a file there is appended to, never reopened);
    # GNU time adds the peak resident set size of the whole process.
    if [ "$who" = lamina ]; then
      out=$(/usr/bin/time -f "maxrss_kb %M" java -jar "$jar" training --workload "$workload" --epochs "$epochs" \
        --seed "$i" ${LAMINA_ARGS:-} 2>&1)
      printf '%s\n' "$out" >&2
      s=$(field s_per_epoch "$out")
      lamina+=("$s")
      lamina_infer+=("$(field infer_per_s "$out")")
      lamina_acc+=("$(field test_accuracy "$out")")
      lamina_rss+=("$(field maxrss_kb "$out")")
    else
      peer_cmd=("${@//\{seed\}/$i}")
      out=$(/usr/bin/time -f "maxrss_kb %M" "${peer_cmd[@]}" 2>&1)
      printf '%s\n' "$out" >&2
      s=$(field epoch_s_median_2plus "$out")
      peer+=("$s")
      peer_infer+=("$(field infer_images_per_s_median "$out")")
      peer_acc+=("$(field test_acc "$(grep 'RESULT.*epoch' <<< "$out" | tail -1)")")
      peer_rss+=("$(field maxrss_kb "$out")")
    fi
    echo "run $i $who s_per_epoch=$s" >&2
  done
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo "lamina s_per_epoch runs: ${lamina[*]}"
echo "peer   s_per_epoch runs: ${peer[*]}"
echo "lamina infer/s: ${lamina_infer[*]}; peak RSS kB: ${lamina_rss[*]}; test accuracy: ${lamina_acc[*]}"
echo "peer   infer/s: ${peer_infer[*]}; peak RSS kB: ${peer_rss[*]}; test accuracy: ${peer_acc[*]}"
awk -v l="$(median "${lamina[@]}")" -v p="$(median "${peer[@]}")" \
    -v li="$(median "${lamina_infer[@]}")" -v pi="$(median "${peer_infer[@]}")" \
    -v lr="$(median "${lamina_rss[@]}")" -v pr="$(median "${peer_rss[@]}")" -v w="$workload" \
    -v la="$(printf '%s\n' "${lamina_acc[@]}" | awk '{s += $1} END {print s / NR}')" \
    -v pa="$(printf '%s\n' "${peer_acc[@]}" | awk '{s += $1} END {print s / NR}')" 'BEGIN {
  printf "compare %s lamina_s_per_epoch=%s peer_s_per_epoch=%s ratio=%.2f infer_ratio=%.2f rss_mb=%d peer_rss_mb=%d rss_ratio=%.2f lamina_acc_mean=%.4f peer_acc_mean=%.4f\n",
    w, l, p, l / p, li / pi, lr / 1024, pr / 1024, lr / pr, la, pa }'
