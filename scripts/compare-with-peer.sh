#!/usr/bin/env bash
# Times Lamina's training benchmark against a peer framework on the same machine, alternating the
# two so that both see the same background load, and prints the median of the runs and the ratio.
#
#   scripts/compare-with-peer.sh W1 5 3 -- /usr/bin/python3 ../shared/peers/pytorch/bench.py W1 --fmt cl --epochs 5
#
# Arguments: workload (W1|W2|W3), epochs for Lamina, number of alternations, then `--` and the
# peer's command. The peer must print a line containing `epoch_s_median_2plus <seconds>` (as the
# PyTorch peer does); Lamina prints `bench <W> s_per_epoch=<seconds> ...`.
# Build first: mvn -B -q -DskipTests package
set -euo pipefail
if [ $# -lt 5 ] || [ "$4" != "--" ]; then
  sed -n '2,12p' "$0"
  exit 2
fi
workload=$1 epochs=$2 runs=$3
shift 4
jar="$(dirname "$0")/../examples/target/lamina-examples.jar"
[ -f "$jar" ] || { echo "missing $jar: run mvn -B -q -DskipTests package first" >&2; exit 2; }

lamina=() peer=()
for ((i = 1; i <= runs; i++)); do
  # Alternate which goes first, so neither always runs on a warmer or quieter machine.
  for who in $( ((i % 2)) && echo "lamina peer" || echo "peer lamina"); do
    # Each run's full output goes to stderr (a file there is appended to, never reopened).
    if [ "$who" = lamina ]; then
      out=$(java -jar "$jar" bench --workload "$workload" --epochs "$epochs" 2>&1)
      printf '%s\n' "$out" >&2
      s=$(sed -n 's/.*s_per_epoch=\([0-9.]*\).*/\1/p' <<< "$out" | tail -1)
      lamina+=("$s")
    else
      out=$("$@" 2>&1)
      printf '%s\n' "$out" >&2
      s=$(sed -n 's/.*epoch_s_median_2plus \([0-9.]*\).*/\1/p' <<< "$out" | tail -1)
      peer+=("$s")
    fi
    echo "run $i $who s_per_epoch=$s" >&2
  done
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
ml=$(median "${lamina[@]}")
mp=$(median "${peer[@]}")
echo "lamina s_per_epoch runs: ${lamina[*]}"
echo "peer   s_per_epoch runs: ${peer[*]}"
awk -v l="$ml" -v p="$mp" -v w="$workload" 'BEGIN { printf "compare %s lamina_s_per_epoch=%s peer_s_per_epoch=%s ratio=%.2f\n", w, l, p, l / p }'
