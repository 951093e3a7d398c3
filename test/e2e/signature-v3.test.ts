// End-to-end: the main paths in both of Aliyun's signature versions (V1, the official
// connector's HMAC-SHA1 Signature parameter; V3, the ACS3-HMAC-SHA256 Authorization header). The
// emulator recomputes every signature with Alibaba's own @alicloud/openapi-util and records
// which version each request used: accepted sends, a wrong secret, STS temporary credentials
// (right, wrong, missing and expired tokens) and the console doctor's read calls.
import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import type { AliyunSmsConfigInput } from '../../src/index.js';

import {
  ACCESS_KEY_ID,
  E2E_ACCOUNT,
  MAINLAND_PHONE,
  PUNCTUATED_SIGN_NAME,
  SECRET,
  VIAS,
  configFor,
  dataField,
  distinctCode,
  phoneForms,
  sendFailing,
  sendOk,
  useEmulator,
} from './support/harness.js';
import { expectNoLeak, type Forbidden } from './support/leaks.js';
import { withTrustedCertificate } from './support/environment.js';
import { expectReaderSees } from './support/readers.js';
import { DEMO_ACCOUNT, type Account, type Emulator, type TemporaryCredential } from '../../tools/emulator/index.js';

const held: TemporaryCredential | undefined = DEMO_ACCOUNT.temporaryCredentials?.[0];
if (held === undefined) {
  throw new Error('DEMO_ACCOUNT holds no temporary credentials');
}
const STS = held;
const DEMO_SIGN = DEMO_ACCOUNT.signNames[0] ?? '';
const DEMO_TEMPLATE = 'SMS_154950909';
const UNDER_REVIEW_TEMPLATE = 'SMS_465000010';

const EXPIRED_STS: TemporaryCredential = {
  accessKeyId: 'STS.ExpiredE2eTemporaryKey',
  accessKeySecret: 'expired/Temporary+Secret=',
  securityToken: 'CAISExpiredE2eSecurityToken',
  expiration: new Date('2021-01-01T00:00:00Z'),
};

/** An account whose only temporary credential has expired. */
const EXPIRED_ACCOUNT: Account = {
  accessKeyId: 'LTAI5tExpiredStsOwner',
  accessKeySecret: 'expired-owner/Secret',
  signNames: [DEMO_SIGN],
  templates: DEMO_ACCOUNT.templates,
  temporaryCredentials: [EXPIRED_STS],
};

const emulator = useEmulator({ accounts: [E2E_ACCOUNT, DEMO_ACCOUNT, EXPIRED_ACCOUNT], https: true });

/** Every signature the emulator received (V1 parameter or V3 hex), for leak checks. */
const signaturesReceived = (): string[] => emulator().requests.flatMap(({ signature }) => (signature === undefined ? [] : [signature]));

const forbidden = (code: string, secrets: readonly string[]): Forbidden => ({
  secret: secrets,
  code: [code],
  phone: phoneForms(MAINLAND_PHONE),
  signature: signaturesReceived(),
});

// By the recorded action: a V3 request names it in a header, not in the form (the harness's sendRequests reads the form).
const sendRequests = (): Emulator['requests'] => emulator().requests.filter(({ action }) => action === 'SendSms');

const lastAnswer = () => ({
  RequestId: sendRequests().at(-1)?.requestId,
  Message: sendRequests().at(-1)?.verdict.message,
});

/** A config signing with the demo account's held STS credential. */
const stsConfig = (overrides: Partial<AliyunSmsConfigInput>): AliyunSmsConfigInput =>
  configFor(emulator().url, {
    accessKeyId: STS.accessKeyId,
    accessKeySecret: STS.accessKeySecret,
    securityToken: STS.securityToken,
    signName: DEMO_SIGN,
    templates: [{ usageType: TemplateType.Generic, templateCode: DEMO_TEMPLATE }],
    ...overrides,
  });

// First in the file: no kept-alive TLS connection of a trusting test exists yet to be reused.
describe('HTTPS to a certificate the Logto host does not trust', () => {
  it.each(['v1', 'v3'] as const)('%s: general (tls), not retried, nothing sent', async (signatureVersion) => {
    const config = configFor(emulator().httpsUrl ?? '', { signatureVersion });
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode(`untrusted ${signatureVersion}`) }, 'console');
    expect(dataField(error, 'connectorCode')).toBe(ConnectorErrorCodes.General);
    expect(dataField(error, 'failure')).toBe('tls');
    expect(dataField(error, 'attempts')).toBe(1);
    expect(emulator().requests).toHaveLength(0);
  });
});

describe.each(['v1', 'v3'] as const)('signature %s', (signatureVersion) => {
  it('over HTTPS (the emulator’s certificate trusted): the Host signed with its port, accepted', async () => {
    const code = distinctCode(`https ${signatureVersion}`);
    const url = new URL(emulator().httpsUrl ?? '');
    await withTrustedCertificate(emulator().ca ?? '', async () => sendOk(configFor(url.href, { signatureVersion }), { to: MAINLAND_PHONE.given, code }));
    expect(emulator().requests[0]?.headers.host).toBe(url.host);
    expect(emulator().requests[0]).toMatchObject({ signatureVersion, verdict: { code: 'OK', signatureVerified: true } });
    expect(emulator().messages[0]?.templateParam).toEqual({ code });
  });

  it('an accepted send: recorded in this version, verified by openapi-util, the SMS carrying the code', async () => {
    const code = distinctCode(`accepted ${signatureVersion}`);
    // The sign name with the characters encodeURIComponent leaves alone, a space and Chinese.
    const config = configFor(emulator().url, { signatureVersion, signName: PUNCTUATED_SIGN_NAME });

    const result = await sendOk(config, { to: MAINLAND_PHONE.given, code });

    const [request] = emulator().requests;
    expect(emulator().requests).toHaveLength(1);
    expect(request).toMatchObject({ action: 'SendSms', version: '2017-05-25', signatureVersion });
    expect(request?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    expect(emulator().messages[0]).toMatchObject({
      signatureVersion,
      accessKeyId: ACCESS_KEY_ID,
      signName: PUNCTUATED_SIGN_NAME,
      templateParam: { code },
      bizId: result.BizId,
    });
    if (signatureVersion === 'v3') {
      expect(request?.headers.authorization).toMatch(new RegExp(`^ACS3-HMAC-SHA256 Credential=${ACCESS_KEY_ID},SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}$`));
      expect(request?.headers).toMatchObject({ 'x-acs-action': 'SendSms', 'x-acs-version': '2017-05-25' });
      // V3 carries the common parameters in headers: none of V1's remain in the form.
      expect(request?.params.Signature).toBeUndefined();
      expect(request?.params.AccessKeyId).toBeUndefined();
      expect(request?.params.RegionId).toBeUndefined();
    } else {
      expect(request?.headers.authorization).toBeUndefined();
      expect(request?.params).toMatchObject({ SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', AccessKeyId: ACCESS_KEY_ID, RegionId: 'cn-hangzhou' });
    }
  });

  it.each(VIAS)('%s: a wrong secret → SignatureDoesNotMatch → invalid_config naming accessKeySecret, not retried', async (via) => {
    const wrongSecret = 'wr0ng/Secret+= 错';
    const code = distinctCode(`wrong secret ${signatureVersion} ${via}`);
    const config = configFor(emulator().url, { signatureVersion, accessKeySecret: wrongSecret });

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      Code: 'SignatureDoesNotMatch',
      ...lastAnswer(),
      userSays: /problem on this site/,
      fields: ['accessKeySecret'],
      // The doctor's credentials finding would only repeat this advice: it is said once.
      adminSays: via === 'console' ? /^(?![\s\S]*re-enter accessKeySecret[\s\S]*re-enter accessKeySecret)[\s\S]*re-enter accessKeySecret/ : undefined,
    });
    expect(sendRequests().map(({ verdict, signatureVersion: used }) => [verdict.code, used])).toEqual([['SignatureDoesNotMatch', signatureVersion]]);
    expect(emulator().messages).toHaveLength(0);
    expectNoLeak(error, forbidden(code, [wrongSecret, SECRET]));
  });

  describe('STS temporary credentials', () => {
    it('with their securityToken: accepted, the token sent where this version carries it', async () => {
      const code = distinctCode(`sts ok ${signatureVersion}`);
      await sendOk(stsConfig({ signatureVersion }), { to: MAINLAND_PHONE.given, code });

      const [request] = emulator().requests;
      expect(request?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
      expect(emulator().messages[0]).toMatchObject({ accessKeyId: STS.accessKeyId, signatureVersion, templateParam: { code } });
      if (signatureVersion === 'v3') {
        expect(request?.headers['x-acs-security-token']).toBe(STS.securityToken);
        expect(request?.headers.authorization).toContain('x-acs-security-token');
        expect(request?.params.SecurityToken).toBeUndefined();
      } else {
        expect(request?.params.SecurityToken).toBe(STS.securityToken);
      }
    });

    it.each(
      VIAS.flatMap((via) => [
        { via, what: 'another token', overrides: { securityToken: 'CAISSomeoneElsesToken123' }, aliyunCode: 'InvalidSecurityToken.MismatchWithAccessKey' },
        { via, what: 'no token', overrides: { securityToken: undefined }, aliyunCode: 'MissingSecurityToken' },
        {
          via,
          what: 'an expired credential',
          overrides: { accessKeyId: EXPIRED_STS.accessKeyId, accessKeySecret: EXPIRED_STS.accessKeySecret, securityToken: EXPIRED_STS.securityToken },
          aliyunCode: 'InvalidSecurityToken.Expired',
        },
        {
          via,
          what: 'a token with a permanent AccessKey',
          overrides: { accessKeyId: DEMO_ACCOUNT.accessKeyId, accessKeySecret: DEMO_ACCOUNT.accessKeySecret },
          aliyunCode: 'InvalidSecurityToken.MismatchWithAccessKey',
        },
      ])
    )('$via: $what → $aliyunCode → invalid_config naming securityToken', async ({ via, overrides, aliyunCode }) => {
      const code = distinctCode(`sts ${aliyunCode} ${JSON.stringify(overrides)} ${signatureVersion} ${via}`);
      const config = stsConfig({ signatureVersion, ...overrides });

      const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.InvalidConfig,
        Code: aliyunCode,
        ...lastAnswer(),
        userSays: /problem on this site/,
        fields: ['securityToken'],
        adminData: { fields: ['securityToken'] },
      });
      expect(sendRequests().map(({ verdict }) => verdict.code)).toEqual([aliyunCode]);
      expect(sendRequests()[0]?.signatureVersion).toBe(signatureVersion);
      expect(emulator().messages).toHaveLength(0);
      expectNoLeak(error, forbidden(code, [STS.accessKeySecret, STS.securityToken, EXPIRED_STS.accessKeySecret, EXPIRED_STS.securityToken, DEMO_ACCOUNT.accessKeySecret]));
    });
  });

  describe('the console doctor’s read calls', () => {
    it('a template under review: GetSmsSign and GetSmsTemplate signed in this version, verified, and the finding in the advice', async () => {
      const config = configFor(emulator().url, {
        signatureVersion,
        accessKeyId: DEMO_ACCOUNT.accessKeyId,
        accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
        signName: DEMO_SIGN,
        templates: [{ usageType: TemplateType.Generic, templateCode: UNDER_REVIEW_TEMPLATE }],
      });
      const code = distinctCode(`doctor ${signatureVersion}`);

      const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, 'console');

      expectReaderSees('console', error, config, {
        code: ConnectorErrorCodes.InvalidConfig,
        Code: 'isv.SMS_TEMPLATE_ILLEGAL',
        ...lastAnswer(),
        fields: ['templates'],
        adminSays: new RegExp(`Doctor, template ${UNDER_REVIEW_TEMPLATE} \\(Generic\\) \\(problem\\): The template is still under review`),
      });
      expect(emulator().requests.map(({ action, signatureVersion: used, verdict }) => [action, used, verdict.code, verdict.signatureVerified])).toEqual([
        ['SendSms', signatureVersion, 'isv.SMS_TEMPLATE_ILLEGAL', true],
        ['GetSmsSign', signatureVersion, 'OK', true],
        ['GetSmsTemplate', signatureVersion, 'OK', true],
      ]);
      expect(emulator().requests[2]?.params.TemplateCode).toBe(UNDER_REVIEW_TEMPLATE);
      expectNoLeak(error, forbidden(code, [DEMO_ACCOUNT.accessKeySecret]));
    });

    it('with STS credentials the read calls carry the token too', async () => {
      const config = stsConfig({ signatureVersion, templates: [{ usageType: TemplateType.Generic, templateCode: UNDER_REVIEW_TEMPLATE }] });
      const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode(`doctor sts ${signatureVersion}`) }, 'console');
      expect(dataField(error, 'connectorCode')).toBe(ConnectorErrorCodes.InvalidConfig);
      const reads = emulator().requests.filter(({ action }) => action !== 'SendSms');
      expect(reads.map(({ action, verdict }) => [action, verdict.code])).toEqual([
        ['GetSmsSign', 'OK'],
        ['GetSmsTemplate', 'OK'],
      ]);
      for (const read of reads) {
        expect(signatureVersion === 'v3' ? read.headers['x-acs-security-token'] : read.params.SecurityToken).toBe(STS.securityToken);
      }
    });

    it('a runtime send never makes the read calls', async () => {
      const config = configFor(emulator().url, { signatureVersion, templates: [{ usageType: TemplateType.Generic, templateCode: 'SMS_000000404' }] });
      await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode(`no doctor ${signatureVersion}`) });
      expect(emulator().requests.map(({ action }) => action)).toEqual(['SendSms']);
    });
  });
});
