#!/usr/bin/env bash
# A happy path of every certificate, principal, core-device, connectivity and tag command with Debian's AWS CLI v2.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
start_server
cd "$work"
account=000000000000

aws_ iot create-thing --thing-name core-1 >/dev/null
aws_ iot create-thing --thing-name sensor-1 >/dev/null

# Certificates and principals (iot).
cert_id="$(aws_ iot create-keys-and-certificate --set-as-active --certificate-pem-outfile cert.pem \
  --private-key-outfile key.pem --public-key-outfile pub.pem --query certificateId --output text)"
expect_eq "certificate id is the SHA-256 of the DER" \
  "$(openssl x509 -in cert.pem -outform DER | sha256sum | cut -d' ' -f1)" "$cert_id"
expect_eq "issued by the root CA" "cert.pem: OK" "$(openssl verify -CAfile data/ca/root-ca.pem cert.pem)"
expect_eq "private key is PKCS#1 RSA 2048" "-----BEGIN RSA PRIVATE KEY----- 2048" \
  "$(head -1 key.pem) $(openssl rsa -in key.pem -noout -text 2>/dev/null | sed -n 's/.*(\([0-9]*\) bit.*/\1/p')"
expect_eq "describe-certificate" "ACTIVE" \
  "$(aws_ iot describe-certificate --certificate-id "$cert_id" --query certificateDescription.status --output text)"

openssl req -x509 -newkey rsa:2048 -nodes -keyout device-key.pem -out device.pem -days 30 -subj /CN=device-1 2>/dev/null
device_id="$(aws_ iot register-certificate-without-ca --certificate-pem file://device.pem \
  --query certificateId --output text)"
expect_eq "register-certificate-without-ca" "$(openssl x509 -in device.pem -outform DER | sha256sum | cut -d' ' -f1)" \
  "$device_id"
aws_ iot update-certificate --certificate-id "$device_id" --new-status ACTIVE
expect_eq "update-certificate" "ACTIVE" \
  "$(aws_ iot describe-certificate --certificate-id "$device_id" --query certificateDescription.status --output text)"
expect_eq "list-certificates" "2" "$(aws_ iot list-certificates --query 'length(certificates)' --output text)"

# A CSR made with openssl (an EC P-256 key that never leaves the device), signed by the root CA.
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout csr-key.pem -out device.csr \
  -subj /CN=csr-device 2>/dev/null
csr_id="$(aws_ iot create-certificate-from-csr --certificate-signing-request file://device.csr --set-as-active \
  --query certificatePem --output text > csr-cert.pem && openssl x509 -in csr-cert.pem -outform DER | sha256sum \
  | cut -d' ' -f1)"
expect_eq "create-certificate-from-csr signed by the root CA" "csr-cert.pem: OK" \
  "$(openssl verify -CAfile data/ca/root-ca.pem csr-cert.pem)"
expect_eq "create-certificate-from-csr keeps the CSR's key" "$(openssl pkey -in csr-key.pem -pubout)" \
  "$(openssl x509 -in csr-cert.pem -noout -pubkey)"
expect_eq "create-certificate-from-csr is ACTIVE" "ACTIVE" \
  "$(aws_ iot describe-certificate --certificate-id "$csr_id" --query certificateDescription.status --output text)"
expect_contains "create-certificate-from-csr refuses a non-CSR" "(InvalidRequestException)" \
  "$(aws_ iot create-certificate-from-csr --certificate-signing-request file://device.pem 2>&1 || true)"
aws_ iot update-certificate --certificate-id "$csr_id" --new-status INACTIVE
aws_ iot delete-certificate --certificate-id "$csr_id"

device_arn="arn:aws:iot:us-east-1:$account:cert/$device_id"
aws_ iot attach-thing-principal --thing-name sensor-1 --principal "$device_arn"
expect_eq "list-thing-principals" "$device_arn" \
  "$(aws_ iot list-thing-principals --thing-name sensor-1 --query 'principals[0]' --output text)"
expect_eq "list-principal-things" "sensor-1" \
  "$(aws_ iot list-principal-things --principal "$device_arn" --query 'things[0]' --output text)"
expect_contains "delete an active certificate" "(CertificateStateException)" \
  "$(aws_ iot delete-certificate --certificate-id "$device_id" 2>&1 || true)"
aws_ iot update-certificate --certificate-id "$device_id" --new-status INACTIVE
expect_contains "delete an attached certificate" "(DeleteConflictException)" \
  "$(aws_ iot delete-certificate --certificate-id "$device_id" 2>&1 || true)"
aws_ iot detach-thing-principal --thing-name sensor-1 --principal "$device_arn"
aws_ iot delete-certificate --certificate-id "$device_id"
expect_eq "delete-certificate" "1" "$(aws_ iot list-certificates --query 'length(certificates)' --output text)"

# Core devices, connectivity and tags (greengrassv2).
version="$(aws_ greengrassv2 update-connectivity-info --thing-name core-1 \
  --connectivity-info id=lan,hostAddress=192.168.1.20,portNumber=8883,metadata=broker --query version --output text)"
expect_contains "update-connectivity-info version" "-" "$version"
expect_eq "get-connectivity-info" "lan 192.168.1.20 8883 broker" \
  "$(aws_ greengrassv2 get-connectivity-info --thing-name core-1 \
      --query 'connectivityInfo[0].[id, hostAddress, portNumber, metadata]' --output text | tr '\t' ' ')"
expect_eq "get-core-device" "core-1 UNHEALTHY" \
  "$(aws_ greengrassv2 get-core-device --core-device-thing-name core-1 \
      --query '[coreDeviceThingName, status]' --output text | tr '\t' ' ')"
expect_eq "list-core-devices" "core-1" \
  "$(aws_ greengrassv2 list-core-devices --query 'coreDevices[].coreDeviceThingName' --output text)"
core_arn="arn:aws:greengrass:us-east-1:$account:coreDevices:core-1"
aws_ greengrassv2 tag-resource --resource-arn "$core_arn" --tags site=plant-7,line=3
expect_eq "list-tags-for-resource" "3 plant-7" \
  "$(aws_ greengrassv2 list-tags-for-resource --resource-arn "$core_arn" --query '[tags.line, tags.site]' \
      --output text | tr '\t' ' ')"
aws_ greengrassv2 untag-resource --resource-arn "$core_arn" --tag-keys line
expect_eq "untag-resource" "plant-7" \
  "$(aws_ greengrassv2 get-core-device --core-device-thing-name core-1 --query 'tags.site' --output text)"
aws_ greengrassv2 delete-core-device --core-device-thing-name core-1
expect_contains "delete-core-device" "(ResourceNotFoundException)" \
  "$(aws_ greengrassv2 get-core-device --core-device-thing-name core-1 2>&1 || true)"
expect_eq "the thing stays" "core-1" \
  "$(aws_ iot describe-thing --thing-name core-1 --query thingName --output text)"
finish
