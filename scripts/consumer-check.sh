#!/usr/bin/env bash
# Builds the application under it/consumer (a fresh project that depends on lamina-layers and
# lamina-data with no Lamina parent) against the artifacts installed in the local Maven repository,
# runs it, and fails when JavaCPP warns that its native versions do not match (the application
# would then run a combination Lamina is not tested with) or the program fails; then again with
# the AVX2 native build alone (-Dlamina.native=avx2).
#   mvn -B -q install -DskipTests && scripts/consumer-check.sh
set -euo pipefail
cd "$(dirname "$0")/../it/consumer"
mvn -B -q ${MAVEN_OFFLINE:-} package
# Run as a user would: the jar and its lib/ folder (README's runnable-app recipe).
out=$(java -jar target/lamina-consumer.jar 2>&1) || { echo "$out"; echo "consumer-check: the application failed"; exit 1; }
echo "$out"
if grep -q "do not match" <<< "$out"; then
  echo "consumer-check: JavaCPP reports mismatched native versions (above)"
  exit 1
fi
grep -q "^consumer ok" <<< "$out" || { echo "consumer-check: no result line"; exit 1; }

# ND4J draws an id per new array from commons-lang3; the versions after 3.14 make a SecureRandom per
# draw. Lamina declares 3.14.0 so that it wins over the newer one jHDF asks for.
lang3=$(ls target/lib | grep '^commons-lang3-' || true)
[ "$lang3" = "commons-lang3-3.14.0.jar" ] || { echo "consumer-check: the application got ${lang3:-no commons-lang3}, not 3.14.0"; exit 1; }

# One native build only, as an application may choose (README): the AVX2 build, and it runs.
mvn -B -q ${MAVEN_OFFLINE:-} -Dlamina.native=avx2 clean package
if ls target/lib | grep -q "onednn-avx512"; then
  echo "consumer-check: -Dlamina.native=avx2 still shipped the AVX-512 build"
  exit 1
fi
out=$(java -jar target/lamina-consumer.jar 2>&1) || { echo "$out"; echo "consumer-check: the AVX2-only application failed"; exit 1; }
grep -q "binary=linux-x86_64-onednn-avx2" <<< "$out" || { echo "$out"; echo "consumer-check: AVX2 build not loaded"; exit 1; }
echo "consumer-check: passed"
