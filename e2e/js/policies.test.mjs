// IoT policies through the AWS SDK for JavaScript v3, and what they do to a device's Discover over mutual TLS
// (CORELINK_DATA_PLANE_PORT and CORELINK_ROOT_CA come from e2e/js/run.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import {
  IoTClient, AttachPolicyCommand, AttachThingPrincipalCommand, CreateKeysAndCertificateCommand, CreatePolicyCommand,
  CreatePolicyVersionCommand, CreateThingCommand, DeletePolicyCommand, DetachPolicyCommand,
  GetEffectivePoliciesCommand, ListAttachedPoliciesCommand, ListTargetsForPolicyCommand,
} from '@aws-sdk/client-iot';

const iot = new IoTClient({
  endpoint: process.env.CORELINK_ENDPOINT,
  region: 'us-east-1',
  credentials: {
    accessKeyId: process.env.CORELINK_ACCESS_KEY_ID,
    secretAccessKey: process.env.CORELINK_SECRET_ACCESS_KEY,
  },
  maxAttempts: 1,
});

const discover = (keys, thing) => new Promise((resolve, reject) => {
  const request = https.request({
    host: '127.0.0.1', port: Number(process.env.CORELINK_DATA_PLANE_PORT), path: `/greengrass/discover/thing/${thing}`,
    cert: keys.certificatePem, key: keys.keyPair.PrivateKey, ca: readFileSync(process.env.CORELINK_ROOT_CA),
    servername: 'localhost',
  }, (response) => {
    let body = '';
    response.on('data', (chunk) => { body += chunk; });
    response.on('end', () => resolve({ status: response.statusCode, body }));
  });
  request.on('error', reject);
  request.end();
});

const clientDevicePolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['greengrass:Discover'], Resource: ['arn:aws:iot:us-east-1:000000000000:thing/js-*'] }],
});

test('create a policy, attach it, and Discover is allowed; detach it, and Discover is denied', async () => {
  await iot.send(new CreateThingCommand({ thingName: 'js-sensor' }));
  const keys = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
  await iot.send(new AttachThingPrincipalCommand({ thingName: 'js-sensor', principal: keys.certificateArn }));
  const denied = await discover(keys, 'js-sensor');
  assert.equal(denied.status, 403);
  assert.equal(JSON.parse(denied.body).message, null);

  const created = await iot.send(new CreatePolicyCommand({ policyName: 'js-client', policyDocument: clientDevicePolicy }));
  assert.equal(created.policyArn, 'arn:aws:iot:us-east-1:000000000000:policy/js-client');
  assert.equal(created.policyVersionId, '1');
  await iot.send(new AttachPolicyCommand({ policyName: 'js-client', target: keys.certificateArn }));
  const attached = await iot.send(new ListAttachedPoliciesCommand({ target: keys.certificateArn }));
  assert.deepEqual(attached.policies.map((p) => p.policyName), ['js-client']);
  const targets = await iot.send(new ListTargetsForPolicyCommand({ policyName: 'js-client' }));
  assert.deepEqual(targets.targets, [keys.certificateArn]);
  const effective = await iot.send(new GetEffectivePoliciesCommand({ principal: keys.certificateArn }));
  assert.equal(effective.effectivePolicies[0].policyDocument, clientDevicePolicy);
  assert.equal((await discover(keys, 'js-sensor')).status, 404, 'allowed; no core device is associated');

  const version = await iot.send(new CreatePolicyVersionCommand({
    policyName: 'js-client', policyDocument: clientDevicePolicy, setAsDefault: true,
  }));
  assert.equal(version.policyVersionId, '2');
  assert.equal(version.isDefaultVersion, true);

  await iot.send(new DetachPolicyCommand({ policyName: 'js-client', target: keys.certificateArn }));
  assert.equal((await discover(keys, 'js-sensor')).status, 403);
});

test('a malformed document and a policy still attached are refused with the modelled errors', async () => {
  await assert.rejects(iot.send(new CreatePolicyCommand({ policyName: 'js-bad', policyDocument: '{"Statement":[]}' })),
    (e) => e.name === 'MalformedPolicyException' && e.$metadata.httpStatusCode === 400);
  const keys = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: false }));
  await iot.send(new CreatePolicyCommand({ policyName: 'js-held', policyDocument: clientDevicePolicy }));
  await iot.send(new AttachPolicyCommand({ policyName: 'js-held', target: keys.certificateArn }));
  await assert.rejects(iot.send(new DeletePolicyCommand({ policyName: 'js-held' })),
    (e) => e.name === 'DeleteConflictException' && e.$metadata.httpStatusCode === 409);
});
