#!/usr/bin/env bash
# The user's entry point: builds what the command needs when it is missing or older than its sources, then runs it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/nas-cli/target/nas-cli.jar"
libraries=(pom.xml nas-contract nas-model nas-search nas-storage test-infra nas-launcher)
services=(sampler-service trainer-service latency-service reward-service)

# stale <built file> <source dirs or files...>: the file is missing or a source is newer.
stale() {
  local built="$1"; shift
  [[ ! -f "$built" ]] || [[ -n "$(cd "$root" && find "$@" -path '*/target' -prune -o -newer "$built" -type f -print -quit)" ]]
}

build() {
  local what="$1" modules="$2"
  echo "nas: building $what..." >&2
  local log
  log="$(mktemp)"
  # Offline first: the dependencies are usually in ~/.m2 already.
  if ! (cd "$root" && { mvn -B -q -o install -DskipTests -pl "$modules" -am || mvn -B -q install -DskipTests -pl "$modules" -am; }) >"$log" 2>&1; then
    cat "$log" >&2
    echo "nas: the build failed (output above); fix it or run: mvn -B install -DskipTests -pl $modules -am" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
}

if [[ "${1:-}" == "local" || "${1:-} ${2:-}" == "bench search" || "${1:-} ${2:-}" == "bench loop-overhead" ]]; then
  # These run the packaged services too.
  for service in "${services[@]}"; do
    if stale "$root/$service/target/quarkus-app/quarkus-run.jar" "${libraries[@]}" nas-service-kit nas-outbox "$service"; then
      build "the services and the command line" "$(IFS=,; echo "${services[*]}"),nas-cli"
      break
    fi
  done
fi
if stale "$jar" "${libraries[@]}" nas-cli; then
  build "the command line" nas-cli
fi

# PyTorch's oneDNN AVX-512 kernels turn training to NaN on some CPUs; AVX2 kernels train right everywhere. Only the
# commands that train here need the cap (./nas local gives it to its trainers alone): latency is measured with the CPU's
# best kernels, far more repeatably.
case "${1:-} ${2:-}" in
  "bench progressive"|"bench trainer-efficiency") export DNNL_MAX_CPU_ISA="${DNNL_MAX_CPU_ISA:-AVX2}" ;;
esac
exec java -Dnas.repo.root="$root" -jar "$jar" "$@"
