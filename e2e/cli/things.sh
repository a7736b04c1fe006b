#!/usr/bin/env bash
# The README's quick start, run with Debian's AWS CLI v2 against a real server: the thing registry.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
start_server

expect_eq "create-thing arn" "arn:aws:iot:us-east-1:000000000000:thing/sensor:1" \
  "$(aws_ iot create-thing --thing-name sensor:1 --attribute-payload '{"attributes":{"site":"plant-7"}}' \
      --query thingArn --output text)"
expect_eq "corelink aws (no --endpoint-url, no profile)" "sensor:1" \
  "$(env -u AWS_SHARED_CREDENTIALS_FILE -u AWS_PROFILE -u AWS_REGION PATH="/usr/bin:/bin" \
       "$root/corelink" aws --endpoint "$endpoint" --data-dir "$work/data" iot describe-thing --thing-name sensor:1 \
       --query thingName --output text)"
expect_eq "describe-thing" "sensor:1 sensor:1 plant-7 1" \
  "$(aws_ iot describe-thing --thing-name sensor:1 \
      --query '[thingName, defaultClientId, attributes.site, version]' --output text | tr '\t' ' ')"
aws_ iot update-thing --thing-name sensor:1 --attribute-payload '{"attributes":{"line":"3"},"merge":true}'
expect_eq "update-thing merge" "3 plant-7 2" \
  "$(aws_ iot describe-thing --thing-name sensor:1 --query '[attributes.line, attributes.site, version]' \
      --output text | tr '\t' ' ')"
for i in 1 2 3 4 5; do aws_ iot create-thing --thing-name "page-$i" >/dev/null; done
expect_eq "list-things paginates" "page-1 page-2 page-3 page-4 page-5 sensor:1" \
  "$(aws_ iot list-things --page-size 2 --query 'things[].thingName' --output text | tr '\t\n' '  ' | xargs)"
expect_eq "list-things filter" "sensor:1" \
  "$(aws_ iot list-things --attribute-name site --attribute-value plant --use-prefix-attribute-value \
      --query 'things[].thingName' --output text)"
expect_contains "describe unknown" "(ResourceNotFoundException)" \
  "$(aws_ iot describe-thing --thing-name nope 2>&1 || true)"
expect_contains "bad name" "(InvalidRequestException)" "$(aws_ iot create-thing --thing-name 'bad name' 2>&1 || true)"
expect_contains "stale version" "(VersionConflictException)" \
  "$(aws_ iot delete-thing --thing-name sensor:1 --expected-version 1 2>&1 || true)"
aws_ iot delete-thing --thing-name sensor:1 --expected-version 2
expect_eq "describe-endpoint" "127.0.0.1" \
  "$(aws_ iot describe-endpoint --endpoint-type iot:Data-ATS --query endpointAddress --output text)"
expect_contains "describe-endpoint unknown type" "(InvalidRequestException)" \
  "$(aws_ iot describe-endpoint --endpoint-type iot:Nope 2>&1 || true)"
expect_contains "deleted" "(ResourceNotFoundException)" "$(aws_ iot describe-thing --thing-name sensor:1 2>&1 || true)"
expect_contains "wrong secret" "(InvalidSignatureException)" \
  "$(env -u AWS_PROFILE AWS_SECRET_ACCESS_KEY=wrong \
       AWS_ACCESS_KEY_ID="$(sed -n 's/^aws_access_key_id = //p' "$AWS_SHARED_CREDENTIALS_FILE")" \
       "$AWS" --endpoint-url "$endpoint" iot list-things 2>&1 || true)"
finish
