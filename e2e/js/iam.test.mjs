// IAM users, keys and policies and STS GetCallerIdentity through the AWS SDK for JavaScript v3 (the query protocol's
// XML parsed by the SDK itself), and what a user's key may then do with the IoT client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  IAMClient, CreateUserCommand, CreateAccessKeyCommand, PutUserPolicyCommand, GetUserPolicyCommand,
  ListUsersCommand, DeleteUserCommand, CreatePolicyCommand, AttachUserPolicyCommand,
  ListAttachedUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { IoTClient, CreateThingCommand } from '@aws-sdk/client-iot';

const admin = {
  accessKeyId: process.env.CORELINK_ACCESS_KEY_ID,
  secretAccessKey: process.env.CORELINK_SECRET_ACCESS_KEY,
};
const client = (Client, credentials, region = 'us-east-1') => new Client({
  endpoint: process.env.CORELINK_ENDPOINT, region, credentials, maxAttempts: 1,
});
const iam = client(IAMClient, admin);

test('a user created with IAMClient signs as itself and gets AWS AccessDenied outside its policy', async () => {
  const { User } = await iam.send(new CreateUserCommand({ UserName: 'js-user', Path: '/js/' }));
  assert.equal(User.Arn, 'arn:aws:iam::000000000000:user/js/js-user');
  assert.ok(User.CreateDate instanceof Date);
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'js-user' }));
  assert.equal(AccessKey.Status, 'Active');
  const document = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'iot:CreateThing', Resource: 'arn:aws:iot:us-east-1:000000000000:thing/js-own-*' }],
  });
  await iam.send(new PutUserPolicyCommand({ UserName: 'js-user', PolicyName: 'own', PolicyDocument: document }));
  const stored = await iam.send(new GetUserPolicyCommand({ UserName: 'js-user', PolicyName: 'own' }));
  assert.equal(decodeURIComponent(stored.PolicyDocument), document);
  const listed = await iam.send(new ListUsersCommand({ PathPrefix: '/js/' }));
  assert.deepEqual(listed.Users.map((u) => u.UserName), ['js-user']);
  assert.equal(listed.IsTruncated, false);

  const user = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
  const identity = await client(STSClient, user).send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Arn, User.Arn);
  assert.equal(identity.Account, '000000000000');

  const iot = client(IoTClient, user);
  await iot.send(new CreateThingCommand({ thingName: 'js-own-1' }));
  await assert.rejects(iot.send(new CreateThingCommand({ thingName: 'js-other-1' })), (error) => {
    assert.equal(error.name, 'AccessDeniedException');
    assert.equal(error.$metadata.httpStatusCode, 403);
    assert.equal(error.message, 'User: arn:aws:iam::000000000000:user/js/js-user is not authorized to perform: '
      + 'iot:CreateThing on resource: arn:aws:iot:us-east-1:000000000000:thing/js-other-1 because no '
      + 'identity-based policy allows the iot:CreateThing action');
    return true;
  });
  await assert.rejects(client(IAMClient, user).send(new ListUsersCommand({})), (error) => {
    assert.equal(error.name, 'AccessDenied');
    assert.equal(error.$metadata.httpStatusCode, 403);
    return true;
  });
  await assert.rejects(iam.send(new DeleteUserCommand({ UserName: 'js-user' })), (error) => {
    assert.equal(error.name, 'DeleteConflictException');
    assert.equal(error.$metadata.httpStatusCode, 409);
    return true;
  });
});

test('managed policies attach to users; bad documents are MalformedPolicyDocument', async () => {
  await iam.send(new CreateUserCommand({ UserName: 'js-managed' }));
  const document = JSON.stringify({
    Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:List*', Resource: '*' }],
  });
  const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'js-read', PolicyDocument: document }));
  assert.equal(Policy.Arn, 'arn:aws:iam::000000000000:policy/js-read');
  assert.equal(Policy.DefaultVersionId, 'v1');
  await iam.send(new AttachUserPolicyCommand({ UserName: 'js-managed', PolicyArn: Policy.Arn }));
  const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'js-managed' }));
  assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: 'js-read', PolicyArn: Policy.Arn }]);
  await assert.rejects(iam.send(new CreatePolicyCommand({ PolicyName: 'js-bad', PolicyDocument: '{"Statement": 1}' })),
    (error) => {
      assert.equal(error.name, 'MalformedPolicyDocumentException');
      assert.equal(error.$metadata.httpStatusCode, 400);
      return true;
    });
});
