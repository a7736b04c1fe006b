#!/usr/bin/env bash
# Runs every AWS CLI end-to-end script; fails when one does.
set -euo pipefail
dir="$(dirname "${BASH_SOURCE[0]}")"
status=0
for script in "$dir"/things.sh "$dir"/associations.sh "$dir"/certificates-and-core-devices.sh "$dir"/policies.sh "$dir"/iam.sh "$dir"/https.sh "$dir"/quickstart.sh; do
  echo "== ${script##*/}"
  bash "$script" || status=1
done
exit $status
