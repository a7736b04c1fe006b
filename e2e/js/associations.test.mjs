// The association API through the AWS SDK for JavaScript v3, against a running Corelink server
// (CORELINK_ENDPOINT, CORELINK_ACCESS_KEY_ID, CORELINK_SECRET_ACCESS_KEY; e2e/js/run.sh starts one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GreengrassV2Client,
  BatchAssociateClientDeviceWithCoreDeviceCommand,
  BatchDisassociateClientDeviceFromCoreDeviceCommand,
  ListClientDevicesAssociatedWithCoreDeviceCommand,
  paginateListClientDevicesAssociatedWithCoreDevice,
} from '@aws-sdk/client-greengrassv2';
import { IoTClient, CreateThingCommand, DeleteThingCommand } from '@aws-sdk/client-iot';

const config = {
  endpoint: process.env.CORELINK_ENDPOINT,
  region: 'us-east-1',
  credentials: {
    accessKeyId: process.env.CORELINK_ACCESS_KEY_ID,
    secretAccessKey: process.env.CORELINK_SECRET_ACCESS_KEY,
  },
  maxAttempts: 1,
};
const greengrass = new GreengrassV2Client(config);
const iot = new IoTClient(config);

const things = async (...names) => {
  for (const thingName of names) await iot.send(new CreateThingCommand({ thingName }));
};
const associate = (core, ...names) => greengrass.send(new BatchAssociateClientDeviceWithCoreDeviceCommand({
  coreDeviceThingName: core, entries: names.map((thingName) => ({ thingName })),
}));
const disassociate = (core, ...names) => greengrass.send(new BatchDisassociateClientDeviceFromCoreDeviceCommand({
  coreDeviceThingName: core, entries: names.map((thingName) => ({ thingName })),
}));
const listAll = async (core, pageSize) => {
  const names = [];
  for await (const page of paginateListClientDevicesAssociatedWithCoreDevice(
    { client: greengrass, pageSize }, { coreDeviceThingName: core })) {
    for (const device of page.associatedClientDevices) names.push(device.thingName);
  }
  return names;
};

test('associate, list with timestamps, disassociate', async () => {
  await things('js:core', 'js-b', 'js-a');
  const before = Date.now();
  const associated = await associate('js:core', 'js-b', 'js-a', 'js-ghost', 'js:core', 'js-a');
  assert.deepEqual(associated.errorEntries.map((e) => [e.thingName, e.code]),
    [['js-ghost', 'ResourceNotFoundException'], ['js:core', 'ValidationException']]);

  const listed = await greengrass.send(new ListClientDevicesAssociatedWithCoreDeviceCommand({ coreDeviceThingName: 'js:core' }));
  assert.deepEqual(listed.associatedClientDevices.map((d) => d.thingName), ['js-a', 'js-b']);
  for (const device of listed.associatedClientDevices) {
    assert.ok(device.associationTimestamp instanceof Date);
    assert.ok(Math.abs(device.associationTimestamp.getTime() - before) < 60_000);
  }
  assert.equal(listed.nextToken, undefined);

  const removed = await disassociate('js:core', 'js-a', 'js-ghost');
  assert.deepEqual(removed.errorEntries.map((e) => e.thingName), ['js-ghost']);
  assert.deepEqual(await listAll('js:core', 10), ['js-b']);
});

test('the paginator walks keyset pages in name order', async () => {
  const names = Array.from({ length: 23 }, (_, i) => `js-page-${String(i).padStart(2, '0')}`);
  await things('js:pages', ...names);
  await associate('js:pages', ...names);
  assert.deepEqual(await listAll('js:pages', 5), names);
});

test('an unknown core device is a ResourceNotFoundException naming the thing', async () => {
  await assert.rejects(associate('js-no-such-core', 'js-b'), (e) => {
    assert.equal(e.name, 'ResourceNotFoundException');
    assert.equal(e.$metadata.httpStatusCode, 404);
    assert.equal(e.resourceId, 'js-no-such-core');
    assert.equal(e.resourceType, 'thing');
    return true;
  });
});

test('invalid requests are ValidationExceptions with reason and fields', async () => {
  await things('js:invalid');
  await assert.rejects(greengrass.send(new ListClientDevicesAssociatedWithCoreDeviceCommand({
    coreDeviceThingName: 'js:invalid', maxResults: 101,
  })), (e) => {
    assert.equal(e.name, 'ValidationException');
    assert.equal(e.reason, 'FIELD_VALIDATION_FAILED');
    assert.deepEqual(e.fields.map((f) => f.name), ['maxResults']);
    return true;
  });
  await assert.rejects(associate('js:invalid', 'x'.repeat(129)), (e) => {
    assert.equal(e.name, 'ValidationException');
    assert.deepEqual(e.fields.map((f) => f.name), ['entries[0].thingName']);
    return true;
  });
  await assert.rejects(greengrass.send(new ListClientDevicesAssociatedWithCoreDeviceCommand({
    coreDeviceThingName: 'js:invalid', nextToken: 'forged',
  })), (e) => e.name === 'ValidationException' && e.fields[0].name === 'nextToken');
});

test('deleting a client thing removes its association', async () => {
  await things('js:cascade', 'js-gone');
  await associate('js:cascade', 'js-gone');
  await iot.send(new DeleteThingCommand({ thingName: 'js-gone' }));
  assert.deepEqual(await listAll('js:cascade', 10), []);
});
