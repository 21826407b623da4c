#!/usr/bin/env bash
# Runs the mailsync-gateway benchmarks on demand (never part of ./mvnw verify) and writes their results
# as markdown to bench/results/<id>-<date>.md.
#
#   bench/run.sh [p1|p2|p3|p4|p5|p6|k1|k2|all] [extra Maven arguments, e.g. -Dbench.p2.passes=100]
#
# Needs root (a private Dovecot runs mail as uid 8), Dovecot (apt-get install -y dovecot-imapd) and,
# for p5, wrk (installed here with apt-get when missing).
set -euo pipefail

cd "$(dirname "$0")/.."
which="${1:-all}"
shift || true

case "$which" in
  p1) ids=(p1) ;;
  p2) ids=(p2) ;;
  p3) ids=(p3) ;;
  p4) ids=(p4) ;;
  p5) ids=(p5) ;;
  p6) ids=(p6) ;;
  k1) ids=(k1) ;;
  k2) ids=(k2) ;;
  all) ids=(p1 p2 p3 p4 p5 p6 k1 k2) ;;
  *) echo "usage: bench/run.sh [p1|p2|p3|p4|p5|p6|k1|k2|all] [maven args]" >&2; exit 2 ;;
esac

class_of() {
  case "$1" in
    p1) echo InitialSyncBenchmark ;;
    p2) echo IncrementalSyncBenchmark ;;
    p3) echo UpstreamToStreamBenchmark ;;
    p4) echo DeviceToDeviceBenchmark ;;
    p5) echo ReadApiBenchmark ;;
    p6) echo ManyAccountsBenchmark ;;
    k1) echo KafkaRelayBenchmark ;;
    k2) echo UpstreamToKafkaBenchmark ;;
  esac
}

if ! command -v dovecot >/dev/null && [ ! -x /usr/sbin/dovecot ]; then
  echo "bench: Dovecot is missing; installing dovecot-imapd (the system service stays off)" >&2
  apt-get install -y dovecot-imapd >/dev/null
  systemctl disable --now dovecot >/dev/null 2>&1 || service dovecot stop >/dev/null 2>&1 || true
fi
if [[ " ${ids[*]} " == *" p5 "* ]] && ! command -v wrk >/dev/null; then
  echo "bench: wrk is missing; installing it with apt-get install -y wrk" >&2
  apt-get install -y wrk >/dev/null
fi

offline=()
if [ -d "$HOME/.m2/repository/io/quarkus/quarkus-core" ]; then
  offline=(-o)
fi

mkdir -p bench/results target
for id in "${ids[@]}"; do
  class="$(class_of "$id")"
  stamp="$(date -u +%Y-%m-%dT%H%M)"
  out="bench/results/${id}-${stamp}.md"
  rm -f "target/bench-results/${id}.md"
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "bench: running $class (load average $load_before)" >&2
  started=$(date +%s)
  if [ "$id" = p6 ]; then
    # p6 runs the gateway as it ships, in a JVM of its own: build target/quarkus-app from this tree first
    echo "bench: packaging the application for p6" >&2
    ./mvnw -B -q "${offline[@]}" package -DskipTests > "target/bench-${id}-package.log" 2>&1 || {
      echo "bench: packaging failed; see target/bench-${id}-package.log" >&2
      tail -40 "target/bench-${id}-package.log" >&2
      exit 1
    }
  fi
  ./mvnw -B -q "${offline[@]}" test -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false "$@" \
    > "target/bench-${id}.log" 2>&1 || {
      echo "bench: $class failed; see target/bench-${id}.log" >&2
      tail -40 "target/bench-${id}.log" >&2
      exit 1
    }
  if [ ! -f "target/bench-results/${id}.md" ]; then
    echo "bench: $class wrote no result (skipped?); see target/bench-${id}.log" >&2
    exit 1
  fi
  {
    echo "# Benchmark ${id} — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- command: \`bench/run.sh ${id}${*:+ $*}\`"
    echo "- commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')"
    echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/^Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME")"
    echo "- load average (1, 5, 15 min) before: ${load_before}; after: $(cut -d' ' -f1-3 /proc/loadavg) — shared machine, other builds were running"
    echo "- Maven JVM: $(./mvnw -v 2>/dev/null | grep -m1 'Java version' | sed 's/, default locale.*//')"
    echo "- Dovecot $(dovecot --version 2>/dev/null | cut -d' ' -f1), PostgreSQL 17 (embedded, zonky)$( [ "$id" = p5 ] && echo ", $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)")"
    echo "- wall time of the run: $(( $(date +%s) - started )) s"
    echo
    cat "target/bench-results/${id}.md"
  } > "$out"
  echo "bench: wrote $out" >&2
done
