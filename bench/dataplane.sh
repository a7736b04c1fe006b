#!/usr/bin/env bash
# Data-plane benchmark (docs/benchmarks.md): builds, then runs io.corelink.bench.DataPlaneBenchmark on loopback.
# Arguments: [kept-alive requests, default 20000] [new connections, default 1500] [clients, default 4]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
exec java --enable-native-access=ALL-UNNAMED -Xmx1g \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.corelink.bench.DataPlaneBenchmark "$@"
