// The AWS SDK for JavaScript v3 against an HTTPS control plane (operations.md §7): nothing in the SDK's setup
// changes but the https:// endpoint; Node trusts the deployment's root CA through NODE_EXTRA_CA_CERTS, as for any
// private CA. e2e/js/run.sh runs this file against a server started with --control-plane-tls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { GreengrassV2Client, BatchAssociateClientDeviceWithCoreDeviceCommand,
  ListClientDevicesAssociatedWithCoreDeviceCommand } from '@aws-sdk/client-greengrassv2';
import { IoTClient, CreateThingCommand, CreateKeysAndCertificateCommand } from '@aws-sdk/client-iot';

const endpoint = process.env.CORELINK_HTTPS_ENDPOINT;
const config = {
  endpoint,
  region: 'us-east-1',
  credentials: {
    accessKeyId: process.env.CORELINK_ACCESS_KEY_ID,
    secretAccessKey: process.env.CORELINK_SECRET_ACCESS_KEY,
  },
  maxAttempts: 1,
};

test('the SDK works unchanged over HTTPS', { skip: !endpoint && 'no CORELINK_HTTPS_ENDPOINT' }, async () => {
  assert.match(endpoint, /^https:\/\//);
  const iot = new IoTClient(config);
  const greengrass = new GreengrassV2Client(config);
  await iot.send(new CreateThingCommand({ thingName: 'https:core' }));
  await iot.send(new CreateThingCommand({ thingName: 'https-sensor' }));
  const associated = await greengrass.send(new BatchAssociateClientDeviceWithCoreDeviceCommand({
    coreDeviceThingName: 'https:core', entries: [{ thingName: 'https-sensor' }],
  }));
  assert.deepEqual(associated.errorEntries, []);
  const listed = await greengrass.send(new ListClientDevicesAssociatedWithCoreDeviceCommand({
    coreDeviceThingName: 'https:core' }));
  assert.deepEqual(listed.associatedClientDevices.map((d) => d.thingName), ['https-sensor']);
  const keys = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: false }));
  assert.match(keys.keyPair.PrivateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
});

test('a client without the root CA is refused in the handshake', { skip: !endpoint && 'no CORELINK_HTTPS_ENDPOINT' },
  async () => {
    const error = await new Promise((resolve) => {
      // ca replaces the trusted CAs (NODE_EXTRA_CA_CERTS among them) with a list that lacks Corelink's.
      const request = https.get(`${endpoint}/things`, { ca: [] }, () => resolve(null));
      request.on('error', resolve);
    });
    assert.ok(error, 'the handshake should fail');
    assert.match(error.code, /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
  });
