// End-to-end: credentialSource "environment" with an OIDC role (ACK RRSA), the emulator acting as
// STS over HTTPS. The library's default chain cannot be pointed at loopback (it only knows
// sts.<region>.aliyuncs.com on port 443), so the chain's provider is the library's own
// OIDCRoleArnCredentialsProvider with the emulator's HTTPS address as its STS endpoint, and the
// emulator's certificate is added to Node's default CA list while a test runs (the library's STS
// client takes no CA option). The environment holds what ACK injects, so failure advice reads it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { OIDCRoleArnCredentialsProvider } from '@alicloud/credentials';
import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createCredentialChain, type CredentialChain } from '../../src/aliyun/rpc/credentials/credentials.js';
import { chainVariables } from '../../src/aliyun/rpc/credentials/credential-sources.js';

import { environmentConfig, isolatedEnvironment } from './support/chain-environment.js';
import { deliverFailing, deliverOk } from './support/deliver.js';
import { withEnvironment, withTrustedCertificate, type EnvironmentChange } from './support/environment.js';
import { E2E_ACCOUNT, MAINLAND_PHONE, VIAS, dataField, distinctCode, useEmulator } from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { expectEndUserError } from './support/readers.js';
import { DEMO_ACCOUNT, DEMO_OIDC, type Emulator } from '../../tools/emulator/index.js';

const EMULATOR_OPTIONS = { accounts: [E2E_ACCOUNT, DEMO_ACCOUNT], oidc: DEMO_OIDC, https: true };
const SCRATCH_PREFIX = 'e2e-credentials-oidc-';
const PROVIDER_ARN = DEMO_OIDC.providers[0]?.arn ?? '';
const ROLE_ARN = DEMO_OIDC.roles[0]?.arn ?? '';
const OTHER_PHONE = { given: '8613900139000', sent: '13900139000' } as const;

const emulator = useEmulator(EMULATOR_OPTIONS);
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), SCRATCH_PREFIX));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const sendRequests = (): Emulator['requests'] => emulator().requests.filter(({ action }) => action === 'SendSms');

const stsHost = (): string => new URL(emulator().httpsUrl ?? '').host;

/** A chain whose provider is the library's OIDC provider, pointed at the emulator (the default chain only knows sts.<region>.aliyuncs.com:443). */
const oidcChain = (tokenFile: string): CredentialChain =>
  createCredentialChain({
    createProvider: () =>
      OIDCRoleArnCredentialsProvider.builder()
        .withRoleArn(ROLE_ARN)
        .withOIDCProviderArn(PROVIDER_ARN)
        .withOIDCTokenFilePath(tokenFile)
        .withStsEndpoint(stsHost())
        .build(),
  });

const tokenFileWith = (token: string): string => {
  const file = join(mkdtempSync(join(scratch, 'token-')), 'token');
  writeFileSync(file, token);
  return file;
};

/** What ACK injects into the pod, so the failure advice describes it. */
const rrsaEnvironment = (tokenFile: string): EnvironmentChange =>
  isolatedEnvironment(scratch, {
    [chainVariables.roleArn]: ROLE_ARN,
    [chainVariables.oidcProviderArn]: PROVIDER_ARN,
    [chainVariables.oidcTokenFile]: tokenFile,
  });

describe('an OIDC role (ACK RRSA) exchanged at the emulator’s STS over HTTPS', () => {
  it('one STS call for two sends; each SendSms carries the STS AccessKeyId and SecurityToken and is accepted', async () => {
    const tokenFile = tokenFileWith(emulator().issueOidcToken({ providerArn: PROVIDER_ARN }));
    const chain = oidcChain(tokenFile);
    const issuedBefore = emulator().issuedCredentials.length;
    const config = environmentConfig(emulator(), { signName: DEMO_ACCOUNT.signNames[0], templates: [{ usageType: TemplateType.Generic, templateCode: 'SMS_154950909' }] });
    const codes = [distinctCode('oidc first'), distinctCode('oidc second')];

    await withEnvironment(rrsaEnvironment(tokenFile), async () =>
      withTrustedCertificate(emulator().ca ?? '', async () => {
        await deliverOk(config, { to: MAINLAND_PHONE.given, payload: { code: codes[0] } }, 'runtime', { credentialChain: chain });
        await deliverOk(config, { to: OTHER_PHONE.given, payload: { code: codes[1] } }, 'runtime', { credentialChain: chain });
      })
    );

    const stsCalls = emulator().requests.filter(({ action }) => action === 'AssumeRoleWithOIDC');
    expect(stsCalls).toHaveLength(1);
    expect(stsCalls[0]?.verdict.code).toBe('OK');
    expect(stsCalls[0]?.params).toMatchObject({ RoleArn: ROLE_ARN, OIDCProviderArn: PROVIDER_ARN });
    expect(emulator().issuedCredentials).toHaveLength(issuedBefore + 1);
    const issued = emulator().issuedCredentials.at(-1);
    expect(issued?.accessKeyId).toMatch(/^STS\./);
    expect(sendRequests().map(({ params, verdict }) => [params.AccessKeyId, params.SecurityToken, verdict.code])).toEqual([
      [issued?.accessKeyId, issued?.securityToken, 'OK'],
      [issued?.accessKeyId, issued?.securityToken, 'OK'],
    ]);
    expect(emulator().messages.map(({ accessKeyId, templateParam }) => [accessKeyId, templateParam.code])).toEqual([
      [issued?.accessKeyId, codes[0]],
      [issued?.accessKeyId, codes[1]],
    ]);
  });

  it.each(VIAS)('%s: a token STS refuses (wrong audience) → invalid_config, no SMS, nothing of STS’s answer or the token in the error', async (via) => {
    const token = emulator().issueOidcToken({ providerArn: PROVIDER_ARN, audience: 'not-sts.example.com' });
    const tokenFile = tokenFileWith(token);
    const code = distinctCode(`oidc refused ${via}`);

    const { error } = await withEnvironment(rrsaEnvironment(tokenFile), async () =>
      withTrustedCertificate(emulator().ca ?? '', async () =>
        deliverFailing(environmentConfig(emulator()), { to: MAINLAND_PHONE.given, payload: { code } }, via, { credentialChain: oidcChain(tokenFile) })
      )
    );

    expect(emulator().requests.filter(({ action }) => action === 'AssumeRoleWithOIDC').map(({ verdict }) => verdict.code)).toContain(
      'AuthenticationFail.OIDCToken.AudienceNotMatch'
    );
    expect(sendRequests()).toHaveLength(0);
    if (via === 'runtime') {
      expectEndUserError(error, { code: ConnectorErrorCodes.InvalidConfig });
    } else {
      expect(dataField(error, 'connectorCode')).toBe(ConnectorErrorCodes.InvalidConfig);
      expect(String(dataField(error, 'errorDescription'))).toContain(
        '2) OIDC role (RRSA): ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are set, but the token file could not be read or STS AssumeRoleWithOIDC refused it'
      );
    }
    expect(JSON.stringify(error.data)).not.toContain('AudienceNotMatch');
    expectNoLeak(error, { token: [token], code: [code] });
  });
});

describe('a slow STS and the one deadline', () => {
  it.each(VIAS)('%s: STS answering after the timeout → general (timeout), no SendSms, within the timeout', async (via) => {
    const tokenFile = tokenFileWith(emulator().issueOidcToken({ providerArn: PROVIDER_ARN }));
    const chain = oidcChain(tokenFile);
    emulator().injectFault({ kind: 'delay', ms: 1500 });
    const config = environmentConfig(emulator(), { timeout: 1000 });

    const { error, elapsedMs } = await withEnvironment(rrsaEnvironment(tokenFile), async () =>
      withTrustedCertificate(emulator().ca ?? '', async () =>
        deliverFailing(config, { to: MAINLAND_PHONE.given, payload: { code: distinctCode(`slow sts ${via}`) } }, via, { credentialChain: chain })
      )
    );

    expect(via === 'runtime' ? error.code : dataField(error, 'connectorCode')).toBe(ConnectorErrorCodes.General);
    expect(dataField(error, 'failure')).toBe('timeout');
    expect(elapsedMs).toBeGreaterThanOrEqual(950);
    expect(elapsedMs).toBeLessThan(1400);
    if (via === 'console') {
      expect(String(dataField(error, 'errorDescription'))).toContain('no credentials arrived within 1000 ms, so no SMS was sent');
    }
    // The late STS answer still arrives: wait for it, so it is not counted in the next test.
    await vi.waitFor(() => {
      expect(emulator().requests.map(({ action }) => action)).toEqual(['AssumeRoleWithOIDC']);
    }, { timeout: 3000 });
  });
});
