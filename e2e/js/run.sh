#!/usr/bin/env bash
# Runs the AWS SDK for JavaScript v3 checks against a fresh Corelink server.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
js="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ -d "$js/node_modules" ] || (cd "$js" && npm ci --no-audit --no-fund --loglevel=error)
export CORELINK_RATE_LIMIT="greengrass:ListCoreDevices=2/1"
start_server
export CORELINK_ENDPOINT="$endpoint"
export CORELINK_ACCESS_KEY_ID="$(sed -n 's/^aws_access_key_id = //p' "$AWS_SHARED_CREDENTIALS_FILE")"
export CORELINK_SECRET_ACCESS_KEY="$(sed -n 's/^aws_secret_access_key = //p' "$AWS_SHARED_CREDENTIALS_FILE")"
export CORELINK_DATA_PLANE_PORT="$(sed -n 's#^corelink: data plane listening on https://127.0.0.1:\([0-9]*\)$#\1#p' \
  "$work/server.log" | head -1)"
export CORELINK_ROOT_CA="$work/data/ca/root-ca.pem"
cd "$js" && node --test

# The same SDK against an HTTPS control plane: the server again, now with --control-plane-tls.
kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
unset CORELINK_RATE_LIMIT
start_server --control-plane-tls
export CORELINK_HTTPS_ENDPOINT="$endpoint"
NODE_EXTRA_CA_CERTS="$CORELINK_ROOT_CA" node --test https.test.mjs
