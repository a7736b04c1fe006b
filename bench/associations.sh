#!/usr/bin/env bash
# Association benchmark (docs/benchmarks.md): builds, then runs io.corelink.bench.AssociationBenchmark on loopback.
# Arguments: [associations through the API, default 40000] [associations in the listing, default 100000]
#            [concurrent clients, default 4] [sqlite (default) | postgresql (embedded PostgreSQL 17)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
exec java --enable-native-access=ALL-UNNAMED -Xmx1g \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  io.corelink.bench.AssociationBenchmark "$@"
