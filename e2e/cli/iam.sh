#!/usr/bin/env bash
# IAM users, keys and policies with Debian's AWS CLI v2 (aws iam …, aws sts get-caller-identity), and what a user's
# key may then do: its own things, not another's; nothing of IAM; corelink diagnose-discovery only once allowed.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
start_server
cd "$work"
account=000000000000

expect_eq "create-user" "arn:aws:iam::$account:user/ci/deployer" \
  "$(aws_ iam create-user --user-name deployer --path /ci/ --query User.Arn --output text)"
read -r key_id secret < <(aws_ iam create-access-key --user-name deployer \
  --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
printf '[deployer]\naws_access_key_id = %s\naws_secret_access_key = %s\n' "$key_id" "$secret" > user-credentials
as_user() { AWS_SHARED_CREDENTIALS_FILE="$work/user-credentials" AWS_PROFILE=deployer aws_ "$@"; }

cat > provisioning.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["iot:CreateThing", "iot:DescribeThing"],
     "Resource": "arn:aws:iot:us-east-1:000000000000:thing/line1-*"}
  ]
}
JSON
aws_ iam put-user-policy --user-name deployer --policy-name provisioning --policy-document file://provisioning.json
expect_eq "get-user-policy (the CLI decodes the document)" "Allow" \
  "$(aws_ iam get-user-policy --user-name deployer --policy-name provisioning \
     --query 'PolicyDocument.Statement[0].Effect' --output text)"
expect_eq "list-user-policies" "provisioning" \
  "$(aws_ iam list-user-policies --user-name deployer --query 'PolicyNames[0]' --output text)"
expect_eq "sts get-caller-identity as the user" "arn:aws:iam::$account:user/ci/deployer" \
  "$(as_user sts get-caller-identity --query Arn --output text)"
expect_eq "sts get-caller-identity as the administrator" "arn:aws:iam::$account:root" \
  "$(aws_ sts get-caller-identity --query Arn --output text)"

expect_eq "the user creates its own thing" "line1-sensor" \
  "$(as_user iot create-thing --thing-name line1-sensor --query thingName --output text)"
expect_contains "another line's thing is refused in AWS's words" \
  "User: arn:aws:iam::$account:user/ci/deployer is not authorized to perform: iot:CreateThing on resource: arn:aws:iot:us-east-1:$account:thing/line2-sensor because no identity-based policy allows the iot:CreateThing action" \
  "$(as_user iot create-thing --thing-name line2-sensor 2>&1 || true)"
expect_contains "and not created" "(ResourceNotFoundException)" \
  "$(aws_ iot describe-thing --thing-name line2-sensor 2>&1 || true)"
expect_contains "IAM itself needs a policy" "(AccessDenied)" "$(as_user iam list-users 2>&1 || true)"

expect_contains "a malformed document" "(MalformedPolicyDocument)" \
  "$(aws_ iam put-user-policy --user-name deployer --policy-name bad --policy-document '{"Statement":[]}' 2>&1 || true)"
aws_ iam create-access-key --user-name deployer >/dev/null
expect_contains "a third key" "(LimitExceeded)" "$(aws_ iam create-access-key --user-name deployer 2>&1 || true)"
expect_contains "delete-user with keys" "(DeleteConflict)" "$(aws_ iam delete-user --user-name deployer 2>&1 || true)"

# corelink diagnose-discovery with the user's key: AWS's sentence without the permission, the diagnosis with it.
diagnose() {
  CORELINK_ACCESS_KEY_ID="$key_id" CORELINK_SECRET_ACCESS_KEY="$secret" \
    "$root/corelink" diagnose-discovery line1-sensor --endpoint "$endpoint" 2>&1 || true
}
expect_contains "diagnose-discovery without the permission" \
  "is not authorized to perform: corelink:DiagnoseDiscovery on resource: arn:aws:iot:us-east-1:$account:thing/line1-sensor" \
  "$(diagnose)"
aws_ iam create-policy --policy-name diagnose --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"corelink:DiagnoseDiscovery","Resource":"*"}]}' \
  >/dev/null
aws_ iam attach-user-policy --user-name deployer --policy-arn "arn:aws:iam::$account:policy/diagnose"
expect_contains "diagnose-discovery with it" "line1-sensor" "$(diagnose)"
expect_eq "list-attached-user-policies" "diagnose" \
  "$(aws_ iam list-attached-user-policies --user-name deployer --query 'AttachedPolicies[0].PolicyName' --output text)"

aws_ iam update-access-key --user-name deployer --access-key-id "$key_id" --status Inactive
expect_contains "an inactive key is an unknown key" "(InvalidClientTokenId)" \
  "$(as_user sts get-caller-identity 2>&1 || true)"
finish
