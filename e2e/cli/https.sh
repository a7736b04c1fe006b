#!/usr/bin/env bash
# The control plane over HTTPS (operations.md §7) with Debian's AWS CLI v2: the deployment's root CA as --ca-bundle,
# corelink aws and diagnose-discovery following the https:// endpoint, and an operator's own certificate from openssl.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
start_server --control-plane-tls
bundle="$work/data/ca/root-ca.pem"

expect_eq "listening line says https" "https" "$scheme"
expect_eq "create-thing over https" "arn:aws:iot:us-east-1:000000000000:thing/tls-sensor" \
  "$(aws_ --ca-bundle "$bundle" iot create-thing --thing-name tls-sensor --query thingArn --output text)"
aws_ --ca-bundle "$bundle" iot create-thing --thing-name tls-core >/dev/null
aws_ --ca-bundle "$bundle" greengrassv2 batch-associate-client-device-with-core-device \
  --core-device-thing-name tls-core --entries thingName=tls-sensor >/dev/null
expect_eq "greengrassv2 over https" "tls-sensor" \
  "$(aws_ --ca-bundle "$bundle" greengrassv2 list-client-devices-associated-with-core-device \
      --core-device-thing-name tls-core --query 'associatedClientDevices[].thingName' --output text)"
expect_contains "private key over https" "BEGIN RSA PRIVATE KEY" \
  "$(aws_ --ca-bundle "$bundle" iot create-keys-and-certificate --query keyPair.PrivateKey --output text)"
expect_contains "without the CA bundle the AWS CLI refuses the server" "SSL validation failed" \
  "$(aws_ iot list-things 2>&1 || true)"
expect_eq "corelink aws passes the root CA itself" "tls-sensor" \
  "$(env -u AWS_SHARED_CREDENTIALS_FILE -u AWS_PROFILE PATH="/usr/bin:/bin" \
       "$root/corelink" aws --endpoint "$endpoint" --data-dir "$work/data" iot describe-thing \
       --thing-name tls-sensor --query thingName --output text)"
expect_contains "diagnose-discovery over https" "tls-sensor: would NOT discover" \
  "$("$root/corelink" diagnose-discovery tls-sensor --endpoint "$endpoint" --data-dir "$work/data" 2>&1 || true)"

# An operator's own certificate and key, made with openssl (an EC key in PKCS#8, the certificate for 127.0.0.1).
kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=corelink-e2e" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$work/own-key.pem" -out "$work/own.pem" 2>/dev/null
start_server --tls-cert-file "$work/own.pem" --tls-key-file "$work/own-key.pem"
expect_eq "own certificate implies https" "https" "$scheme"
expect_eq "list-things with the operator's certificate" "tls-core tls-sensor" \
  "$(aws_ --ca-bundle "$work/own.pem" iot list-things --query 'things[].thingName' --output text | tr '\t' ' ')"
expect_contains "the root CA does not vouch for the operator's certificate" "SSL validation failed" \
  "$(aws_ --ca-bundle "$bundle" iot list-things 2>&1 || true)"
expect_eq "corelink aws --ca-bundle" "tls-sensor" \
  "$(env -u AWS_SHARED_CREDENTIALS_FILE -u AWS_PROFILE PATH="/usr/bin:/bin" \
       "$root/corelink" aws --endpoint "$endpoint" --data-dir "$work/data" --ca-bundle "$work/own.pem" \
       iot describe-thing --thing-name tls-sensor --query thingName --output text)"
finish
