#!/usr/bin/env bash
# The Debian package as an operator gets it (issue 15, item 6): dpkg -i, the files and the user it makes, the unit's
# ExecStart run as the unit would run it (its user, its environment, /etc/default/corelink; no systemd in CI), the
# health check, a call with the AWS CLI, then dpkg --purge leaving nothing behind. Needs root; run by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
deb="$(ls "$root"/target/corelink_*_all.deb | head -1)"
[ "$(id -u)" -eq 0 ] || { echo "e2e/deb: needs root (dpkg -i)"; exit 1; }
# It purges what it installed: never on a machine where Corelink is installed for real.
if dpkg -s corelink >/dev/null 2>&1 || [ -e /var/lib/corelink ]; then
  echo "e2e/deb: corelink is already installed here (or /var/lib/corelink exists); not touching it"; exit 1
fi
passed=0
failed=0
check() { # name command...
  local name="$1"; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -TERM "$server_pid"; wait "$server_pid" || true; fi
  if dpkg -s corelink >/dev/null 2>&1; then dpkg --purge corelink >/dev/null || true; fi
}
trap cleanup EXIT

echo "== dpkg -i ${deb##*/}"
dpkg -i "$deb"
check "package installed" dpkg -s corelink
check "jar" test -f /usr/share/corelink/corelink.jar
check "launcher executable" test -x /usr/bin/corelink
check "unit" test -f /lib/systemd/system/corelink.service
check "settings are a conffile" grep -qx "/etc/default/corelink" /var/lib/dpkg/info/corelink.conffiles
check "settings 0600 root (they may hold a secret)" test "$(stat -c '%a %U' /etc/default/corelink)" = "600 root"
check "user corelink" getent passwd corelink
check "data directory 0700 corelink" test "$(stat -c '%a %U' /var/lib/corelink)" = "700 corelink"
check "--version" bash -c '/usr/bin/corelink --version | grep -q "^corelink "'
unit=/lib/systemd/system/corelink.service
for setting in "User=corelink" "ExecStart=/usr/bin/corelink serve" "Restart=on-failure" \
    "EnvironmentFile=-/etc/default/corelink" "NoNewPrivileges=yes" "ProtectSystem=strict"; do
  check "unit: $setting" grep -qx "$setting" "$unit"
done

# The operator's settings, as they would write them (ports of their own: the defaults may be taken in CI).
cat >>/etc/default/corelink <<'SETTINGS'
CORELINK_PORT=18080
CORELINK_DATA_PLANE_PORT=18443
SETTINGS

# ExecStart as systemd runs it: the unit's user, Environment= then EnvironmentFile= (a clean environment otherwise),
# and signals straight to the JVM (setpriv and env exec, as the launcher does: one process, as under systemd).
exec_start="$(sed -n 's/^ExecStart=//p' "$unit")"
mapfile -t unit_env < <(sed -n 's/^Environment=//p' "$unit")
mapfile -t file_env < <(grep -E '^[A-Z_]+=' /etc/default/corelink)
log="$(mktemp)"
# shellcheck disable=SC2086 # ExecStart is a command line
setpriv --reuid=corelink --regid=corelink --init-groups env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "${unit_env[@]}" \
  "${file_env[@]}" $exec_start \
  >"$log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  grep -q "data plane listening" "$log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log"; echo "corelink died"; exit 1; }
  sleep 0.1
done
check "listening line" grep -q "^corelink: control plane listening on http://127.0.0.1:18080$" "$log"
check "health" bash -c '[ "$(curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1:18080/_corelink/health)" = 200 ]'
check "store in /var/lib/corelink" test -f /var/lib/corelink/corelink.db
check "administrator key file 0600 corelink" test "$(stat -c '%a %U' /var/lib/corelink/admin-credentials)" = "600 corelink"
created="$(runuser -u corelink -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/corelink \
  /usr/bin/corelink aws --endpoint http://127.0.0.1:18080 --data-dir /var/lib/corelink \
  iot create-thing --thing-name from-the-package --query thingName --output text 2>&1 || true)"
check "corelink aws against the service ($created)" test "$created" = "from-the-package"
kill -TERM "$server_pid"
wait "$server_pid" && stopped=0 || stopped=$?
server_pid=""
check "SIGTERM stops it with exit 0" test "$stopped" -eq 0

echo "== dpkg --purge corelink"
dpkg --purge corelink
check "files gone" bash -c '! test -e /usr/bin/corelink && ! test -e /usr/share/corelink && ! test -e /lib/systemd/system/corelink.service'
check "settings gone" test ! -e /etc/default/corelink
check "data gone" test ! -e /var/lib/corelink
check "user gone" bash -c '! getent passwd corelink'
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
