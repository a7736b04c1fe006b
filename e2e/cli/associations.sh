#!/usr/bin/env bash
# The association API with Debian's AWS CLI v2 (greengrassv2 commands) against a real server.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
start_server

for name in core:1 sensor-1 sensor-2 sensor-3; do aws_ iot create-thing --thing-name "$name" >/dev/null; done

out="$(aws_ greengrassv2 batch-associate-client-device-with-core-device --core-device-thing-name core:1 \
  --entries thingName=sensor-2 thingName=sensor-1 thingName=ghost thingName=core:1 \
  --query 'errorEntries[].[thingName, code]' --output text | tr '\t\n' '  ' | xargs)"
expect_eq "associate error entries" "ghost ResourceNotFoundException core:1 ValidationException" "$out"
expect_eq "associate nothing failed" "[]" \
  "$(aws_ greengrassv2 batch-associate-client-device-with-core-device --core-device-thing-name core:1 \
      --entries thingName=sensor-3 --query errorEntries --output json | tr -d ' \n')"
expect_eq "list in name order" "sensor-1 sensor-2 sensor-3" \
  "$(aws_ greengrassv2 list-client-devices-associated-with-core-device --core-device-thing-name core:1 \
      --query 'associatedClientDevices[].thingName' --output text | tr '\t\n' '  ' | xargs)"
expect_eq "paginated list" "sensor-1 sensor-2 sensor-3" \
  "$(aws_ greengrassv2 list-client-devices-associated-with-core-device --core-device-thing-name core:1 \
      --page-size 1 --query 'associatedClientDevices[].thingName' --output text | tr '\t\n' '  ' | xargs)"
ts="$(aws_ greengrassv2 list-client-devices-associated-with-core-device --core-device-thing-name core:1 \
      --query 'associatedClientDevices[0].associationTimestamp' --output text)"
expect_contains "timestamp parsed" "$(date -u +%Y-%m-%d)" "$ts"
expect_contains "maxResults over 100" "(ValidationException)" \
  "$(aws_ greengrassv2 list-client-devices-associated-with-core-device --core-device-thing-name core:1 \
      --max-results 101 2>&1 || true)"
expect_contains "unknown core" "(ResourceNotFoundException)" \
  "$(aws_ greengrassv2 list-client-devices-associated-with-core-device --core-device-thing-name nope 2>&1 || true)"
expect_eq "disassociate" "" \
  "$(aws_ greengrassv2 batch-disassociate-client-device-from-core-device --core-device-thing-name core:1 \
      --entries thingName=sensor-1 thingName=sensor-3 --query 'errorEntries[].thingName' --output text)"
expect_eq "after disassociate" "sensor-2" \
  "$(aws_ greengrassv2 list-client-devices-associated-with-core-device --core-device-thing-name core:1 \
      --query 'associatedClientDevices[].thingName' --output text)"
aws_ iot delete-thing --thing-name sensor-2
expect_eq "cascade on delete-thing" "[]" \
  "$(aws_ greengrassv2 list-client-devices-associated-with-core-device --core-device-thing-name core:1 \
      --query associatedClientDevices --output json | tr -d ' \n')"
finish
