#!/usr/bin/env bash
# The serving benchmark measured from outside the server (docs/benchmarks.md, "serving-service").
# Packages serving-service and the benchmarks, then runs OutsideServingBenchmark on the generator's
# cores; it pins the server to the server's cores itself. Extra arguments are JVM options, e.g.
#   benchmarks/serving-outside.sh -Dbench.outside.rounds=5 -Dbench.outside.server-cpus=2-3
# (the benchmark's own JVM is pinned to bench.outside.generator-cpus when that is given here).
set -euo pipefail
cd "$(dirname "$0")/.."
generator_cpus=0
for arg in "$@"; do
  case "$arg" in -Dbench.outside.generator-cpus=*) generator_cpus="${arg#*=}" ;; esac
done
./mvnw -q -pl serving-service -am package -DskipTests
./mvnw -q -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
pin=()
if command -v taskset > /dev/null; then pin=(taskset -c "$generator_cpus"); fi
exec "${pin[@]}" java "$@" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.modelport.benchmarks.serving.outside.OutsideServingBenchmark
