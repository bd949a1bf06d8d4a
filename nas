#!/usr/bin/env bash
# The user's entry point: builds the CLI jar when it is missing or older than its sources, then runs it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/nas-cli/target/nas-cli.jar"

stale() {
  [[ ! -f "$jar" ]] || [[ -n "$(find "$root/pom.xml" "$root/nas-cli" "$root/nas-contract" "$root/nas-model" \
      -path '*/target' -prune -o -newer "$jar" -type f -print -quit)" ]]
}

if stale; then
  echo "nas: building the command line..." >&2
  log="$(mktemp)"
  # Offline first: the dependencies are usually in ~/.m2 already.
  if ! (cd "$root" && { mvn -B -q -o install -DskipTests -pl nas-cli -am || mvn -B -q install -DskipTests -pl nas-cli -am; }) >"$log" 2>&1; then
    cat "$log" >&2
    echo "nas: the build failed (output above); fix it or run: mvn -B install -DskipTests -pl nas-cli -am" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
fi

# PyTorch's oneDNN AVX-512 kernels turn training to NaN on some CPUs; AVX2 kernels are right everywhere.
export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX2}"
exec java -jar "$jar" "$@"
