// serve --rate-limit through the AWS SDK for JavaScript v3 (e2e/js/run.sh starts the server with
// greengrass:ListCoreDevices=2/1): the SDK's default retry strategy honours Greengrass's 429 and Retry-After and gets
// every call through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GreengrassV2Client, ListCoreDevicesCommand } from '@aws-sdk/client-greengrassv2';

const greengrass = new GreengrassV2Client({
  endpoint: process.env.CORELINK_ENDPOINT,
  region: 'us-east-1',
  credentials: {
    accessKeyId: process.env.CORELINK_ACCESS_KEY_ID,
    secretAccessKey: process.env.CORELINK_SECRET_ACCESS_KEY,
  },
  // The SDK's default (3 attempts, the standard strategy): e2e/lib.sh sets AWS_MAX_ATTEMPTS=1 for the CLI checks.
  maxAttempts: 3,
});

test('throttled Greengrass calls are retried by the SDK until they succeed', async () => {
  let attempts = 0;
  for (let i = 0; i < 4; i += 1) {
    const answer = await greengrass.send(new ListCoreDevicesCommand({}));
    assert.ok(Array.isArray(answer.coreDevices));
    attempts += answer.$metadata.attempts;
  }
  assert.ok(attempts > 4, `some calls were throttled and retried (${attempts} attempts for 4 calls)`);
});
