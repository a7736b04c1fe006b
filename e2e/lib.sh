# Shared helpers of the AWS CLI end-to-end scripts: start a Corelink server on a free port with its own data
# directory, point Debian's AWS CLI v2 (/usr/bin/aws, not a PATH shim) at it, and assert on what it prints.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AWS=/usr/bin/aws
work="$(mktemp -d)"
server_pid=""

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

start_server() { # extra serve options
  "$root/corelink" serve --data-dir "$work/data" --port 0 --data-plane-port 0 "$@" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    port=$(sed -n 's#^corelink: control plane listening on https*://127.0.0.1:\([0-9]*\)$#\1#p' "$work/server.log")
    scheme=$(sed -n 's#^corelink: control plane listening on \(https*\)://.*#\1#p' "$work/server.log")
    # The control plane's line comes first: waiting for it alone could read the log before the data plane's line
    # (which the scripts read next) was written.
    [ -n "$port" ] && grep -q '^corelink: data plane listening on ' "$work/server.log" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; echo "server died"; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$work/server.log"; echo "server did not start"; exit 1; }
  export AWS_SHARED_CREDENTIALS_FILE="$work/data/admin-credentials" AWS_PROFILE=corelink
  export AWS_CONFIG_FILE=/dev/null AWS_REGION=us-east-1 AWS_PAGER="" AWS_RETRY_MODE=standard AWS_MAX_ATTEMPTS=1
  endpoint="$scheme://127.0.0.1:$port"
}

aws_() { "$AWS" --endpoint-url "$endpoint" "$@"; }

passed=0
failed=0
expect_eq() { # name expected actual
  if [ "$2" == "$3" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1: expected [$2], got [$3]"; fi
}
expect_contains() { # name needle haystack
  if [[ "$3" == *"$2"* ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $1: [$3] lacks [$2]"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
