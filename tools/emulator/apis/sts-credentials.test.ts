// Alibaba's own credentials library against the emulator's STS, over HTTPS, as an admin would
// run it: OIDC variables in the environment, the emulator's CA trusted through
// NODE_EXTRA_CA_CERTS, the STS host given as `stsEndpoint` (host:port). The library runs in a
// child process because Node reads NODE_EXTRA_CA_CERTS only at start.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_OIDC, startEmulator, type Emulator } from '../index.js';
import { json } from '../test-client.js';
import { sendV3, signedV3Call } from '../test-client-v3.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const PROVIDER = DEMO_OIDC.providers[0]?.arn ?? '';
const ROLE = DEMO_OIDC.roles[0]?.arn ?? '';

// Plain CommonJS, so the child needs neither tsx nor the emulator's code.
const CLIENT = `
const { default: Credential, Config } = require('@alicloud/credentials');
new Credential(new Config({ type: 'oidc_role_arn', stsEndpoint: process.env.STS_ENDPOINT, roleSessionName: 'credentials-e2e' }))
  .getCredential()
  .then((model) => process.stdout.write(JSON.stringify({ accessKeyId: model.accessKeyId, accessKeySecret: model.accessKeySecret, securityToken: model.securityToken })))
  .catch((error) => { process.stderr.write(String(error && error.message)); process.exit(1); });
`;

const CredentialsSchema = z.object({ accessKeyId: z.string(), accessKeySecret: z.string(), securityToken: z.string() });

let emulator: Emulator;
let folder: string;

beforeAll(async () => {
  emulator = await startEmulator({ https: true });
  folder = mkdtempSync(join(tmpdir(), 'emulator-sts-'));
});

afterAll(async () => {
  await emulator.close();
  rmSync(folder, { recursive: true, force: true });
});

function runClient(env: Readonly<Record<string, string>>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', CLIENT], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

function oidcEnvironment(): Record<string, string> {
  const tokenFile = join(folder, 'token');
  writeFileSync(tokenFile, emulator.issueOidcToken({ providerArn: PROVIDER }));
  return {
    ALIBABA_CLOUD_ROLE_ARN: ROLE,
    ALIBABA_CLOUD_OIDC_PROVIDER_ARN: PROVIDER,
    ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
    STS_ENDPOINT: new URL(emulator.httpsUrl ?? '').host,
  };
}

test('@alicloud/credentials gets temporary credentials from the emulator over HTTPS, and they send SMS', async () => {
  const caFile = join(folder, 'ca.pem');
  writeFileSync(caFile, emulator.ca ?? '');
  const result = await runClient({ ...oidcEnvironment(), NODE_EXTRA_CA_CERTS: caFile });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const credentials = CredentialsSchema.parse(JSON.parse(result.stdout));
  expect(credentials.accessKeyId).toMatch(/^STS\./);
  expect(emulator.issuedCredentials.map((issued) => issued.accessKeyId)).toContain(credentials.accessKeyId);
  const sts = emulator.requests.find((request) => request.action === 'AssumeRoleWithOIDC');
  expect(sts).toMatchObject({ verdict: { code: 'OK' }, params: { RoleSessionName: 'credentials-e2e', DurationSeconds: '3600' } });

  const send = signedV3Call({
    url: emulator.url,
    now: emulator.clock.now(),
    action: 'SendSms',
    accessKeyId: credentials.accessKeyId,
    secret: credentials.accessKeySecret,
    securityToken: credentials.securityToken,
    params: { PhoneNumbers: '13800138000', SignName: '阿里云短信测试', TemplateCode: 'SMS_154950909', TemplateParam: '{"code":"730415"}' },
  });
  expect(json(await sendV3(send))).toMatchObject({ Code: 'OK' });
  expect(emulator.messages.at(-1)?.accessKeyId).toBe(credentials.accessKeyId);
  expect(emulator.messages.at(-1)?.text).toContain('730415');
}, 30_000);

test('without the CA trusted the library refuses the emulator certificate, and STS is never reached', async () => {
  const before = emulator.issuedCredentials.length;
  const result = await runClient(oidcEnvironment());
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(/self[- ]signed|unable to verify/i);
  expect(emulator.issuedCredentials).toHaveLength(before);
}, 30_000);
