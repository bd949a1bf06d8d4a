#!/usr/bin/env bash
# The user's entry point: builds the CLI jar on first use, then runs it with the given arguments.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$root/nas-cli/target/nas-cli.jar"

if [[ ! -f "$jar" ]]; then
  echo "nas: building the command line (first run)..." >&2
  # Offline first: the dependencies are usually in ~/.m2 already.
  if ! (cd "$root" && mvn -B -q -o install -DskipTests -pl nas-cli -am >&2); then
    (cd "$root" && mvn -B -q install -DskipTests -pl nas-cli -am >&2)
  fi
fi

exec java -jar "$jar" "$@"
