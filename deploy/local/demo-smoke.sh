#!/usr/bin/env bash
# Runs the demo the way a newcomer would, then checks it through the REST API:
#   the banner appears, the demo account's folders and >= 300 messages come back,
#   and Japanese subjects arrive decoded. Stops the demo by its PID at the end.
#
# Usage: deploy/local/demo-smoke.sh            (from anywhere; needs JDK 17, curl, python3)
# Env:   DEMO_DEADLINE  seconds to wait for the banner and the mirrored mailbox (default 180)
#        DEMO_CMD       the command under test (default: ./mvnw -B -Pdemo quarkus:dev)
set -euo pipefail

cd "$(dirname "$0")/../.."
DEADLINE=${DEMO_DEADLINE:-180}
DEMO_CMD=${DEMO_CMD:-./mvnw -B -Pdemo quarkus:dev}
WORK=target/demo-smoke
mkdir -p "$WORK"
LOG="$WORK/demo.log"

fail() { echo "demo-smoke: FAIL: $*" >&2; exit 1; }

started=$(date +%s)
# setsid: the demo gets its own process group, so it can be stopped as a whole by its own id
setsid $DEMO_CMD >"$LOG" 2>&1 </dev/null &
DEMO_PID=$!
echo "demo-smoke: started '$DEMO_CMD' as PID $DEMO_PID (log: $LOG)"

stop_demo() {
  # SIGTERM, as the JVM gets on Ctrl-C (a background job of a script ignores SIGINT): the shutdown hooks
  # stop the mail server and Kafka and remove PostgreSQL with its data
  if kill -0 "$DEMO_PID" 2>/dev/null; then
    kill -TERM -- "-$DEMO_PID" 2>/dev/null || kill -TERM "$DEMO_PID" 2>/dev/null || true
    for _ in $(seq 1 120); do
      pgrep -g "$DEMO_PID" >/dev/null 2>&1 || break
      sleep 0.5
    done
    if pgrep -g "$DEMO_PID" >/dev/null 2>&1; then
      echo "demo-smoke: the demo did not stop within 60s of SIGTERM" >&2
    else
      echo "demo-smoke: demo stopped"
    fi
  fi
}
trap stop_demo EXIT

elapsed() { echo $(( $(date +%s) - started )); }

# 1. the banner
until grep -q "export DEMO_ACCOUNT=" "$LOG"; do
  kill -0 "$DEMO_PID" 2>/dev/null || { tail -50 "$LOG"; fail "the demo stopped before printing its banner"; }
  (( $(elapsed) < DEADLINE )) || { tail -50 "$LOG"; fail "no banner within ${DEADLINE}s"; }
  sleep 1
done
TOKEN=$(sed -n 's/^ *export MAILSYNC_TOKEN=//p' "$LOG" | tail -1)
ACCOUNT=$(sed -n 's/^ *export DEMO_ACCOUNT=//p' "$LOG" | tail -1)
echo "demo-smoke: banner after $(elapsed)s, account $ACCOUNT"
[[ -n "$TOKEN" ]] || fail "the banner shows no operator token"
[[ "$ACCOUNT" != "ACCOUNT_ID" ]] || fail "the demo account was not registered (see $LOG)"

API=http://127.0.0.1:8080/api/v1/accounts/$ACCOUNT
get() { curl -sf -H "Authorization: Bearer $TOKEN" "$1"; }

# 2. folders and every message, page by page, until the mirror holds the whole seeded mailbox
SEEDED=$(sed -n 's/.*(demo@mailsync.test, \([0-9]*\) messages seeded).*/\1/p' "$LOG" | tail -1)
echo "demo-smoke: $SEEDED messages seeded"
while true; do
  get "$API/folders" >"$WORK/folders.json" || true
  : >"$WORK/messages.jsonl"
  cursor=""
  while :; do
    url="$API/messages?limit=200${cursor:+&cursor=$cursor}"
    get "$url" >"$WORK/page.json" || break
    cat "$WORK/page.json" >>"$WORK/messages.jsonl"; echo >>"$WORK/messages.jsonl"
    cursor=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("nextCursor") or "")' "$WORK/page.json")
    [[ -n "$cursor" ]] || break
  done
  count=$(python3 -c '
import json,sys
n=0
for line in open(sys.argv[1]):
    if line.strip(): n+=len(json.loads(line)["items"])
print(n)' "$WORK/messages.jsonl" 2>/dev/null || echo 0)
  (( count >= 300 )) && break
  (( $(elapsed) < DEADLINE )) || fail "only $count messages mirrored after ${DEADLINE}s"
  sleep 2
done
echo "demo-smoke: $count messages listed after $(elapsed)s"

python3 - "$WORK/folders.json" "$WORK/messages.jsonl" <<'PY'
import json, sys
folders = json.load(open(sys.argv[1]))["items"]
names = {f.get("path") or f.get("name") for f in folders}
print("demo-smoke: folders:", ", ".join(sorted(n for n in names if n)))
for wanted in ["INBOX", "Sent", "Drafts", "Trash", "Archive"]:
    assert any(n and n.split("/")[-1].split(".")[-1] == wanted for n in names), f"folder {wanted} missing"
assert any(n and "東京" in n for n in names), "the nested folder 東京 is missing or not decoded"
subjects = [m.get("subject") or "" for line in open(sys.argv[2]) if line.strip() for m in json.loads(line)["items"]]
for wanted in ["見積書", "議事録", "打ち合わせ", "Grüße", "다음 주", "Отчёт", "🎉"]:
    assert any(wanted in s for s in subjects), f"no decoded subject contains {wanted!r}"
assert not any("=?" in s for s in subjects), "some subjects are still MIME encoded words"
assert any(m.get("flagged") for line in open(sys.argv[2]) if line.strip() for m in json.loads(line)["items"]), "nothing flagged"
assert any(not m.get("seen") for line in open(sys.argv[2]) if line.strip() for m in json.loads(line)["items"]), "nothing unread"
print("demo-smoke: Japanese and other subjects decoded; read, unread and flagged present")
PY

# 3. one message in full
FIRST=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["items"][0]["id"])' "$WORK/messages.jsonl")
get "$API/messages/$FIRST" >"$WORK/message.json" || fail "GET one message failed"
echo "demo-smoke: OK in $(elapsed)s (banner, folders, $count messages, one message)"
