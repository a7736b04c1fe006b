#!/usr/bin/env bash
# The README's quick start (operations.md §5), command for command, with curl as the device: corelink apply of
# examples/quickstart.yaml alone gives sensor-1 a Discover that answers 200; corelink import registers more devices
# that discover too; corelink export writes what is there. Only the ports differ from the README (free ones here).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
start_server
dport=$(sed -n 's#^corelink: data plane listening on https://127.0.0.1:\([0-9]*\)$#\1#p' "$work/server.log")
cd "$work"
connection=(--endpoint "$endpoint" --data-dir "$work/data")

out="$("$root/corelink" apply "$root/examples/quickstart.yaml" --out certs "${connection[@]}" \
  --data-plane-endpoint "https://localhost:$dport")"
expect_contains "apply reports its changes" "corelink apply: 12 changes" "$out"
expect_eq "the device's key is 0600" "600" "$(stat -c %a certs/sensor-1.private.key)"
discover() { # thing → status and body
  curl -s -w '\n%{http_code}' --cert "certs/$1.cert.pem" --key "certs/$1.private.key" \
    --cacert data/ca/root-ca.pem "https://localhost:$dport/greengrass/discover/thing/$1"
}
answer="$(discover sensor-1)"
expect_eq "Discover answers 200" "200" "$(tail -n1 <<<"$answer")"
expect_contains "with core-1's group" '"GGGroupId":"greengrassV2-coreDevice-core-1"' "$answer"
expect_contains "with core-1's CA as apply made it" "$(sed -n 2p certs/core-1.ca.pem)" "$answer"
expect_contains "core-1 is a core device, HEALTHY: it put its CA itself" "HEALTHY" \
  "$(aws_ greengrassv2 get-core-device --core-device-thing-name core-1 --query status --output text)"
expect_eq "a second apply changes nothing" "corelink apply: nothing to change" \
  "$("$root/corelink" apply "$root/examples/quickstart.yaml" --out certs "${connection[@]}" \
     --data-plane-endpoint "https://localhost:$dport")"

printf 'thingName,attributes,certificate,policy,coreDeviceThingName\n' > fleet.csv
for i in 1 2 3; do printf 'line-%s,site=plant-7;line=%s,generate,discover-self,core-1\n' "$i" "$i" >> fleet.csv; done
printf 'line-4,,generate,no-such-policy,core-1\n' >> fleet.csv
status=0; out="$("$root/corelink" import fleet.csv --out certs "${connection[@]}" 2>/dev/null)" || status=$?
expect_eq "import exits 1 when a row failed" "1" "$status"
expect_contains "import's summary" "corelink import: 4 rows: 3 created, 0 already there, 1 failed" "$out"
expect_contains "and the failed row with its AWS error" "line 5 (line-4): ResourceNotFoundException" "$out"
expect_eq "an imported device discovers core-1" "200" "$(discover line-2 | tail -n1)"
expect_eq "import wrote the attributes" "plant-7" \
  "$(aws_ iot describe-thing --thing-name line-3 --query attributes.site --output text)"
status=0; out="$("$root/corelink" import fleet.csv --out certs "${connection[@]}" 2>/dev/null)" || status=$?
expect_contains "a rerun creates nothing" "4 rows: 0 created, 3 already there, 1 failed" "$out"
expect_eq "one certificate per device" "6" \
  "$(aws_ iot list-certificates --query 'length(certificates)' --output text)"

printf 'thingName,certificate\ntty-1,generate\ntty-2,generate\n' > tty.csv
bar="$(script -qec "'$root/corelink' import tty.csv --out certs --endpoint '$endpoint' --data-dir '$work/data'" /dev/null)"
expect_contains "a progress bar on a terminal" "import 100%" "$bar"
expect_contains "counting rows" "2/2 rows" "$bar"

"$root/corelink" export --output fleet.yaml "${connection[@]}"
expect_contains "export names the things" 'name: "line-3"' "$(cat fleet.yaml)"
expect_contains "and the core's connectivity" 'hostAddress: "192.0.2.10"' "$(cat fleet.yaml)"
finish
