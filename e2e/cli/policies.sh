#!/usr/bin/env bash
# IoT policies with Debian's AWS CLI v2, and what they do to a device's Discover (curl over mutual TLS): denied without
# a policy, allowed with AWS's minimal client-device policy, denied again once it is detached.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
start_server
cd "$work"
data_port="$(sed -n 's#^corelink: data plane listening on https://127.0.0.1:\([0-9]*\)$#\1#p' server.log | head -1)"

aws_ iot create-thing --thing-name sensor-1 >/dev/null
cert_arn="$(aws_ iot create-keys-and-certificate --set-as-active --certificate-pem-outfile cert.pem \
  --private-key-outfile key.pem --query certificateArn --output text)"
aws_ iot attach-thing-principal --thing-name sensor-1 --principal "$cert_arn"
discover() {
  curl -s -o body.json -w '%{http_code}' --cert cert.pem --key key.pem --cacert data/ca/root-ca.pem \
    "https://127.0.0.1:$data_port/greengrass/discover/thing/sensor-1"
}
expect_eq "discover without a policy" "403" "$(discover)"
expect_eq "AWS's denial body" "null" "$(jq -r .message body.json)"

cat > client-device.json <<'EOF'
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["greengrass:Discover"], "Resource": ["arn:aws:iot:us-east-1:000000000000:thing/sensor-*"]}
  ]
}
EOF
expect_eq "create-policy" "1" "$(aws_ iot create-policy --policy-name client-device \
  --policy-document file://client-device.json --query policyVersionId --output text)"
expect_eq "get-policy" "arn:aws:iot:us-east-1:000000000000:policy/client-device" \
  "$(aws_ iot get-policy --policy-name client-device --query policyArn --output text)"
aws_ iot attach-policy --policy-name client-device --target "$cert_arn"
expect_eq "list-attached-policies (the ARN in one path label)" "client-device" \
  "$(aws_ iot list-attached-policies --target "$cert_arn" --query 'policies[0].policyName' --output text)"
expect_eq "list-targets-for-policy" "$cert_arn" \
  "$(aws_ iot list-targets-for-policy --policy-name client-device --query 'targets[0]' --output text)"
expect_eq "get-effective-policies" "client-device" \
  "$(aws_ iot get-effective-policies --principal "$cert_arn" --query 'effectivePolicies[0].policyName' --output text)"
expect_eq "discover with the policy (no core device yet: 404)" "404" "$(discover)"

expect_eq "create-policy-version" "2" "$(aws_ iot create-policy-version --policy-name client-device \
  --policy-document file://client-device.json --query policyVersionId --output text)"
expect_eq "list-policy-versions" "2" \
  "$(aws_ iot list-policy-versions --policy-name client-device --query 'length(policyVersions)' --output text)"
aws_ iot delete-policy-version --policy-name client-device --policy-version-id 2
expect_contains "a malformed document" "(MalformedPolicyException)" \
  "$(aws_ iot create-policy --policy-name bad --policy-document '{"Statement":[]}' 2>&1 || true)"
expect_contains "delete-policy while attached" "(DeleteConflictException)" \
  "$(aws_ iot delete-policy --policy-name client-device 2>&1 || true)"

aws_ iot detach-policy --policy-name client-device --target "$cert_arn"
expect_eq "discover once detached" "403" "$(discover)"
aws_ iot delete-policy --policy-name client-device
expect_contains "deleted" "(ResourceNotFoundException)" \
  "$(aws_ iot get-policy --policy-name client-device 2>&1 || true)"
finish
