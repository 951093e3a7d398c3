// End-to-end: credentialSource "environment". The connector takes its AccessKey from Alibaba's
// credential chain (@alicloud/credentials) instead of its config, and signs with it against the
// local server: a key pair and an STS pair from the environment, and an environment that offers
// nothing. The OIDC role (ACK RRSA) source: credentials-oidc.test.ts.
//
// The connector's process-wide chain (processCredentialChain) caches its provider for the life
// of the process, so each test builds a fresh chain with createCredentialChain() and hands it to
// createSendMessage's runtime; one test at the end uses the process chain, once, on purpose.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCredentialChain } from '../../src/aliyun/rpc/credentials/credentials.js';
import { chainVariables } from '../../src/aliyun/rpc/credentials/credential-sources.js';

import { environmentConfig, isolatedEnvironment } from './support/chain-environment.js';
import { deliverFailing, deliverOk } from './support/deliver.js';
import { withEnvironment, type EnvironmentChange } from './support/environment.js';
import { ACCESS_KEY_ID, E2E_ACCOUNT, MAINLAND_PHONE, SECRET, VIAS, dataField, distinctCode, phoneForms, sendOk, useEmulator } from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { expectEndUserError, expectNoConfigDetail } from './support/readers.js';
import { DEMO_ACCOUNT, type Emulator } from '../../tools/emulator/index.js';

const EMULATOR_OPTIONS = { accounts: [E2E_ACCOUNT, DEMO_ACCOUNT] };
const SCRATCH_PREFIX = 'e2e-credentials-';
const STS = DEMO_ACCOUNT.temporaryCredentials?.[0];

const emulator = useEmulator(EMULATOR_OPTIONS);
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), SCRATCH_PREFIX));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const sendRequests = (): Emulator['requests'] => emulator().requests.filter(({ action }) => action === 'SendSms');

const accessKeyEnvironment = (): EnvironmentChange =>
  isolatedEnvironment(scratch, {
    [chainVariables.accessKeyId]: ACCESS_KEY_ID,
    [chainVariables.accessKeySecret]: SECRET,
  });

describe('an AccessKey pair from the environment', () => {
  it.each(VIAS.flatMap((via) => (['v1', 'v3'] as const).map((signatureVersion) => ({ via, signatureVersion }))))(
    '$via, $signatureVersion: signed with ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET and accepted',
    async ({ via, signatureVersion }) => {
      const code = distinctCode(`environment key ${via} ${signatureVersion}`);
      await withEnvironment(accessKeyEnvironment(), async () => {
        const chain = createCredentialChain();
        await deliverOk(environmentConfig(emulator(), { signatureVersion }), { to: MAINLAND_PHONE.given, payload: { code } }, via, { credentialChain: chain });
      });

      expect(sendRequests()).toHaveLength(1);
      expect(sendRequests()[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
      expect(sendRequests()[0]?.signatureVersion).toBe(signatureVersion);
      expect(emulator().messages[0]).toMatchObject({ accessKeyId: ACCESS_KEY_ID, templateParam: { code } });
      // A plain AccessKey: no token travels.
      expect(sendRequests()[0]?.params.SecurityToken).toBeUndefined();
      expect(sendRequests()[0]?.headers['x-acs-security-token']).toBeUndefined();
    }
  );

  it('the environment wins over nothing else: the config carries no key, and the variables are restored afterwards', async () => {
    const before = process.env[chainVariables.accessKeyId];
    await withEnvironment(accessKeyEnvironment(), async () => {
      expect(process.env[chainVariables.accessKeyId]).toBe(ACCESS_KEY_ID);
      await deliverOk(environmentConfig(emulator()), { to: MAINLAND_PHONE.given, payload: { code: distinctCode('restore') } }, 'runtime', {
        credentialChain: createCredentialChain(),
      });
    });
    expect(process.env[chainVariables.accessKeyId]).toBe(before);
  });

  it('keys left in the config are ignored: the environment’s key signs', async () => {
    const config = environmentConfig(emulator(), { accessKeyId: 'LTAI5tLeftOverConfigKey', accessKeySecret: 'left-over/Secret' });
    await withEnvironment(accessKeyEnvironment(), async () =>
      deliverOk(config, { to: MAINLAND_PHONE.given, payload: { code: distinctCode('left over keys') } }, 'runtime', {
        credentialChain: createCredentialChain(),
      })
    );
    expect(sendRequests()[0]?.params.AccessKeyId).toBe(ACCESS_KEY_ID);
    expect(emulator().messages[0]?.accessKeyId).toBe(ACCESS_KEY_ID);
  });

  it('console: the doctor’s read calls use the same chain', async () => {
    const config = environmentConfig(emulator(), { templates: [{ usageType: TemplateType.Generic, templateCode: 'SMS_000000404' }] });
    const { error } = await withEnvironment(accessKeyEnvironment(), async () =>
      deliverFailing(config, { to: MAINLAND_PHONE.given, payload: { code: distinctCode('doctor env') } }, 'console', {
        credentialChain: createCredentialChain(),
      })
    );
    expect(dataField(error, 'connectorCode')).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(emulator().requests.map(({ action, verdict }) => [action, verdict.code, verdict.signatureVerified])).toEqual([
      ['SendSms', 'isv.SMS_TEMPLATE_ILLEGAL', true],
      ['GetSmsSign', 'OK', true],
      ['GetSmsTemplate', 'isv.SMS_TEMPLATE_ILLEGAL', true],
    ]);
    // Only findings that are not passes reach the advice: the environment's key worked for the doctor too.
    expect(String(dataField(error, 'errorDescription'))).not.toContain('Doctor, credentials');
    expect(String(dataField(error, 'errorDescription'))).toContain('Doctor, template SMS_000000404');
    expect(emulator().requests.every(({ params, headers }) => (params.AccessKeyId ?? headers.authorization ?? '').includes(ACCESS_KEY_ID))).toBe(true);
  });
});

describe('an STS pair from the environment (ALIBABA_CLOUD_SECURITY_TOKEN)', () => {
  it.each(['v1', 'v3'] as const)('%s: the token is sent and the temporary key accepted', async (signatureVersion) => {
    if (STS === undefined) {
      throw new Error('DEMO_ACCOUNT holds no temporary credentials');
    }
    const code = distinctCode(`environment sts ${signatureVersion}`);
    const config = environmentConfig(emulator(), {
      signatureVersion,
      signName: DEMO_ACCOUNT.signNames[0],
      templates: [{ usageType: TemplateType.Generic, templateCode: 'SMS_154950909' }],
    });

    await withEnvironment(
      isolatedEnvironment(scratch, {
        [chainVariables.accessKeyId]: STS.accessKeyId,
        [chainVariables.accessKeySecret]: STS.accessKeySecret,
        [chainVariables.securityToken]: STS.securityToken,
      }),
      async () => deliverOk(config, { to: MAINLAND_PHONE.given, payload: { code } }, 'runtime', { credentialChain: createCredentialChain() })
    );

    expect(emulator().messages[0]).toMatchObject({ accessKeyId: STS.accessKeyId, signatureVersion });
    const [request] = sendRequests();
    expect(signatureVersion === 'v3' ? request?.headers['x-acs-security-token'] : request?.params.SecurityToken).toBe(STS.securityToken);
  });
});

describe('an environment that offers no credentials', () => {
  const failWith = async (variables: EnvironmentChange, via: 'runtime' | 'console', code: string) =>
    withEnvironment(isolatedEnvironment(scratch, variables), async () =>
      deliverFailing(environmentConfig(emulator()), { to: MAINLAND_PHONE.given, payload: { code } }, via, { credentialChain: createCredentialChain() })
    );

  it('runtime: invalid_config, and nothing of the credential sources reaches the end user', async () => {
    const code = distinctCode('no environment runtime');
    const config = environmentConfig(emulator());

    const { error } = await failWith({}, 'runtime', code);

    expectEndUserError(error, { code: ConnectorErrorCodes.InvalidConfig, says: /problem on this site/ });
    expectNoConfigDetail(error, config);
    expect(JSON.stringify(error.data)).not.toMatch(/ALIBABA_CLOUD|environment|RRSA|ECS|\.aliyun/);
    // Logto's log line, read by administrators only, names what was tried.
    expect(error.message).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set');
    expect(emulator().requests).toHaveLength(0);
    expectNoLeak(error, { code: [code], phone: phoneForms(MAINLAND_PHONE) });
  });

  it('console: the advice names the variables tried, in the chain’s order', async () => {
    const { error } = await failWith({}, 'console', distinctCode('no environment console'));

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataField(error, 'connectorCode')).toBe(ConnectorErrorCodes.InvalidConfig);
    const advice = String(dataField(error, 'errorDescription'));
    expect(advice).toMatch(/^credentialSource is "environment", but Alibaba’s default credential chain found no credentials, so no SMS was sent/);
    expect(advice).toContain('1) environment variables: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set');
    expect(advice).toContain('2) OIDC role (RRSA): not configured: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set');
    expect(advice).toContain('ECS RAM role: skipped because ALIBABA_CLOUD_ECS_METADATA_DISABLED is true');
    expect(advice).toContain('set credentialSource to "config" with accessKeyId and accessKeySecret');
    expect(dataField(error, 'sources')).toEqual(['environment variables', 'Aliyun CLI profile', 'credentials file']);
    expect(emulator().requests).toHaveLength(0);
  });

  // The doctor runs only after Aliyun answered: a chain that found nothing is explained once,
  // and is not asked again (an OIDC chain would make a second STS call).
  it('console: the chain’s failure is explained once, not repeated by the doctor’s credentials finding', async () => {
    const { error } = await failWith({}, 'console', distinctCode('no environment said once'));
    const advice = String(dataField(error, 'errorDescription'));
    expect(advice.split('found no credentials').length - 1).toBe(1);
  });

  it('console: only the key ID set → the advice says the secret is missing', async () => {
    const { error } = await failWith({ [chainVariables.accessKeyId]: ACCESS_KEY_ID }, 'console', distinctCode('half environment'));
    const advice = String(dataField(error, 'errorDescription'));
    expect(advice).toContain('1) environment variables: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set');
    expect(emulator().requests).toHaveLength(0);
    expectNoLeak(error, { secret: [SECRET] });
  });

  it('a wrong secret in the environment → SignatureDoesNotMatch → invalid_config, the secret nowhere in the error', async () => {
    const wrong = 'environment/Wrong+Secret=';
    const code = distinctCode('environment wrong secret');
    const { error } = await failWith({ [chainVariables.accessKeyId]: ACCESS_KEY_ID, [chainVariables.accessKeySecret]: wrong }, 'runtime', code);
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(dataField(error, 'Code')).toBe('SignatureDoesNotMatch');
    expectNoLeak(error, { secret: [wrong, SECRET], code: [code] });
  });
});

describe('the process-wide chain, as Logto’s connector uses it (once: it caches for the life of the process)', () => {
  it('credentialSource "environment" through createConnector signs with the environment’s key', async () => {
    const code = distinctCode('process chain');
    await withEnvironment(accessKeyEnvironment(), async () => sendOk(environmentConfig(emulator()), { to: MAINLAND_PHONE.given, code }));
    expect(emulator().messages[0]).toMatchObject({ accessKeyId: ACCESS_KEY_ID, templateParam: { code } });
  });
});
