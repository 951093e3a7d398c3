import { createHash } from 'node:crypto';
import { validateHeaderValue } from 'node:http';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { vectorB, vectorC } from '../../../test/support/aliyun-vectors.js';
import { oracleAuthorization } from '../../../test/support/v3-oracle.js';
import { sdkSignature } from '../../../tools/emulator/signature.js';

import { aliyunSmsConfigGuard } from '../../config/schema.js';

import { aliyunTimestamp, signRequest, type RpcCallSpec } from './rpc-request.js';

const specWithoutRegion: RpcCallSpec = {
  endpoint: 'https://dysmsapi.aliyuncs.com/',
  action: 'SendSms',
  version: '2017-05-25',
  parameters: {
    PhoneNumbers: '13800138000',
    SignName: '阿里云短信测试',
    TemplateCode: 'SMS_154950909',
    TemplateParam: '{"code":"482913"}',
  },
  credentials: { accessKeyId: 'LTAI5tRpcRequestTest', accessKeySecret: 'rpc secret&/+= 密' },
  signatureVersion: 'v1',
};
const spec: RpcCallSpec = { ...specWithoutRegion, regionId: 'cn-hangzhou' };

const clock = { now: new Date('2025-03-04T05:06:07.891Z'), nonce: '5d3c1e0a-1b2c-4d5e-8f90-123456789abc' };

/** The form a signed request sends, as a plain record. */
const formOf = (body: string): Record<string, string> => Object.fromEntries(new URLSearchParams(body));

/** The form without its Signature: what Aliyun signs. */
const unsigned = (form: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(form).filter(([name]) => name !== 'Signature'));

describe('aliyunTimestamp', () => {
  it('is UTC to the second, milliseconds cut off (not rounded)', () => {
    expect(aliyunTimestamp(new Date('2025-01-01T12:00:00.789Z'))).toBe('2025-01-01T12:00:00Z');
    expect(aliyunTimestamp(new Date('2025-01-01T23:59:59.999Z'))).toBe('2025-01-01T23:59:59Z');
    expect(aliyunTimestamp(new Date('2025-01-01T12:00:00.000Z'))).toBe('2025-01-01T12:00:00Z');
  });

  it('writes a time given in another zone as UTC', () => {
    expect(aliyunTimestamp(new Date('2025-01-01T20:00:00.500+08:00'))).toBe('2025-01-01T12:00:00Z');
  });
});

describe('signRequest (signature V1)', () => {
  it('posts a form to the endpoint', () => {
    const signed = signRequest(spec, clock);
    expect(signed.url).toBe('https://dysmsapi.aliyuncs.com/');
    expect(signed.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
  });

  it('sends the common parameters, the business ones and the signature, nothing else', () => {
    const form = formOf(signRequest(spec, clock).body);
    expect(unsigned(form)).toEqual({
      ...spec.parameters,
      AccessKeyId: 'LTAI5tRpcRequestTest',
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: clock.nonce,
      SignatureVersion: '1.0',
      Timestamp: '2025-03-04T05:06:07Z',
      Version: '2017-05-25',
    });
  });

  it('reproduces the known answers of vectors B and C (POST)', () => {
    const { AccessKeyId, Action, PhoneNumbers, SignName, SignatureNonce, TemplateCode, TemplateParam, Version } =
      vectorB.parameters;
    const vectorSpec: RpcCallSpec = {
      endpoint: 'https://dysmsapi.aliyuncs.com/',
      action: Action,
      version: Version,
      parameters: { PhoneNumbers, SignName, TemplateCode, TemplateParam },
      credentials: { accessKeyId: AccessKeyId, accessKeySecret: vectorB.secret },
      signatureVersion: 'v1',
    };
    const vectorClock = { now: new Date('2025-01-01T12:00:00.250Z'), nonce: SignatureNonce };
    const withRegion = signRequest({ ...vectorSpec, regionId: 'cn-hangzhou' }, vectorClock);
    expect(formOf(withRegion.body).Signature).toBe(vectorB.signatures.POST);
    const withoutRegion = signRequest(vectorSpec, vectorClock);
    expect(formOf(withoutRegion.body).Signature).toBe(vectorC.signatures.POST);
  });

  it('signs what it sends, as Alibaba’s own SDK would, for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
        fc.option(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), { nil: undefined }),
        (signName, templateParam, accessKeySecret, securityToken) => {
          const credentials = {
            accessKeyId: 'LTAI5tProperty',
            accessKeySecret,
            ...(securityToken === undefined ? {} : { securityToken }),
          };
          const signed = signRequest(
            { ...spec, parameters: { ...spec.parameters, SignName: signName, TemplateParam: templateParam }, credentials },
            clock
          );
          const form = formOf(signed.body);
          expect(form.SignName).toBe(signName);
          expect(form.TemplateParam).toBe(templateParam);
          expect(form.Signature).toBe(sdkSignature(unsigned(form), 'POST', accessKeySecret));
        }
      ),
      { numRuns: 200 }
    );
  });

  it('signs for POST, the method it is sent with', () => {
    const form = formOf(signRequest(spec, clock).body);
    expect(form.Signature).toBe(sdkSignature(unsigned(form), 'POST', spec.credentials.accessKeySecret));
    expect(form.Signature).not.toBe(sdkSignature(unsigned(form), 'GET', spec.credentials.accessKeySecret));
  });

  it('reports the signature as a secret to redact', () => {
    const signed = signRequest(spec, clock);
    expect(signed.secrets).toEqual([formOf(signed.body).Signature]);
  });

  it('takes the nonce and timestamp of the attempt, so each attempt signs differently', () => {
    const first = formOf(signRequest(spec, clock).body);
    const second = formOf(
      signRequest(spec, { now: new Date('2025-03-04T05:06:09.000Z'), nonce: 'another-nonce' }).body
    );
    expect(second.SignatureNonce).toBe('another-nonce');
    expect(second.Timestamp).toBe('2025-03-04T05:06:09Z');
    expect(second.Signature).not.toBe(first.Signature);
  });

  it('lets no business parameter replace a common one', () => {
    const hostile: RpcCallSpec = {
      ...spec,
      credentials: { ...spec.credentials, securityToken: 'sts-token-of-the-call' },
      parameters: {
        ...spec.parameters,
        AccessKeyId: 'LTAI5tSomeoneElse',
        Action: 'DeleteEverything',
        Format: 'XML',
        RegionId: 'eu-central-1',
        SecurityToken: 'forged-token',
        SignatureMethod: 'NONE',
        SignatureNonce: 'reused-nonce',
        SignatureVersion: '0.1',
        Timestamp: '2000-01-01T00:00:00Z',
        Version: '1999-01-01',
      },
    };
    const form = formOf(signRequest(hostile, clock).body);
    expect(form).toMatchObject({
      AccessKeyId: 'LTAI5tRpcRequestTest',
      Action: 'SendSms',
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
      SecurityToken: 'sts-token-of-the-call',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: clock.nonce,
      SignatureVersion: '1.0',
      Timestamp: '2025-03-04T05:06:07Z',
      Version: '2017-05-25',
    });
    expect(form.Signature).toBe(sdkSignature(unsigned(form), 'POST', spec.credentials.accessKeySecret));
  });

  // signRpcRequest signs every parameter it is given: a business "Signature" would be signed,
  // then replaced in the body, and the signature would no longer cover what is sent.
  it('neither signs nor sends a business parameter named Signature', () => {
    const form = formOf(signRequest({ ...spec, parameters: { ...spec.parameters, Signature: 'forged' } }, clock).body);
    expect(form.Signature).toBe(sdkSignature(unsigned(form), 'POST', spec.credentials.accessKeySecret));
  });

  it('sends and signs the STS SecurityToken when the credentials have one', () => {
    const form = formOf(
      signRequest({ ...spec, credentials: { ...spec.credentials, securityToken: 'CAIS+token/=' } }, clock).body
    );
    expect(form.SecurityToken).toBe('CAIS+token/=');
    expect(form.Signature).toBe(sdkSignature(unsigned(form), 'POST', spec.credentials.accessKeySecret));
    const withoutToken = Object.fromEntries(Object.entries(unsigned(form)).filter(([name]) => name !== 'SecurityToken'));
    expect(form.Signature).not.toBe(sdkSignature(withoutToken, 'POST', spec.credentials.accessKeySecret));
  });

  it('sends no SecurityToken without one', () => {
    expect(Object.keys(formOf(signRequest(spec, clock).body))).not.toContain('SecurityToken');
  });

  it('sends RegionId only when one is given', () => {
    const form = formOf(signRequest(specWithoutRegion, clock).body);
    expect(Object.keys(form)).not.toContain('RegionId');
    expect(form.Signature).toBe(sdkSignature(unsigned(form), 'POST', spec.credentials.accessKeySecret));
    expect(formOf(signRequest({ ...spec, regionId: 'ap-southeast-1' }, clock).body).RegionId).toBe('ap-southeast-1');
  });

  it('never puts the secret in the request', () => {
    const signed = signRequest(spec, clock);
    expect(signed.body).not.toContain(encodeURIComponent(spec.credentials.accessKeySecret));
    expect(Object.values(formOf(signed.body))).not.toContain(spec.credentials.accessKeySecret);
  });

});

describe('signRequest (signature V3)', () => {
  const v3: RpcCallSpec = { ...spec, endpoint: 'https://dysmsapi.aliyuncs.com:8443/', signatureVersion: 'v3' };
  const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

  /** The Authorization header Alibaba's SDK computes for what was sent, headers written from the inputs. */
  const oracleFor = (body: string, call: RpcCallSpec, at: typeof clock): string =>
    oracleAuthorization(
      {
        method: 'POST',
        pathname: '/',
        query: {},
        headers: {
          host: new URL(call.endpoint).host,
          'content-type': 'application/x-www-form-urlencoded',
          'x-acs-action': call.action,
          'x-acs-version': call.version,
          'x-acs-date': aliyunTimestamp(at.now),
          'x-acs-signature-nonce': at.nonce,
          'x-acs-content-sha256': sha256Hex(body),
          ...(call.credentials.securityToken === undefined ? {} : { 'x-acs-security-token': call.credentials.securityToken }),
        },
      },
      'ACS3-HMAC-SHA256',
      sha256Hex(body),
      call.credentials.accessKeyId,
      call.credentials.accessKeySecret
    );

  it('sends only the business parameters in the body', () => {
    const signed = signRequest(v3, clock);
    expect(signed.url).toBe(v3.endpoint);
    expect(formOf(signed.body)).toEqual(spec.parameters);
  });

  it('signs the action, version, time, nonce and body hash in headers, as Alibaba’s SDK does', () => {
    const signed = signRequest(v3, clock);
    expect(signed.headers).toMatchObject({
      host: 'dysmsapi.aliyuncs.com:8443',
      'content-type': 'application/x-www-form-urlencoded',
      'x-acs-action': 'SendSms',
      'x-acs-version': '2017-05-25',
      'x-acs-date': '2025-03-04T05:06:07Z',
      'x-acs-signature-nonce': clock.nonce,
      'x-acs-content-sha256': sha256Hex(signed.body),
    });
    expect(signed.headers.authorization).toBe(oracleFor(signed.body, v3, clock));
    expect(signed.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI5tRpcRequestTest,/);
  });

  it('sends and signs the STS token as x-acs-security-token', () => {
    const withToken: RpcCallSpec = { ...v3, credentials: { ...v3.credentials, securityToken: 'CAIS+token/=' } };
    const signed = signRequest(withToken, clock);
    expect(signed.headers['x-acs-security-token']).toBe('CAIS+token/=');
    expect(signed.headers.authorization).toBe(oracleFor(signed.body, withToken, clock));
    expect(Object.keys(signRequest(v3, clock).headers)).not.toContain('x-acs-security-token');
  });

  it('reports the signature as a secret and never sends the secret', () => {
    const signed = signRequest(v3, clock);
    const [secretValue] = signed.secrets;
    expect(signed.secrets).toHaveLength(1);
    expect(signed.headers.authorization).toContain(`Signature=${secretValue ?? 'none'}`);
    expect(JSON.stringify(signed)).not.toContain(spec.credentials.accessKeySecret);
  });

  it('signs each attempt afresh', () => {
    const first = signRequest(v3, clock);
    const second = signRequest(v3, { now: clock.now, nonce: 'another-nonce' });
    expect(second.headers['x-acs-signature-nonce']).toBe('another-nonce');
    expect(second.headers.authorization).not.toBe(first.headers.authorization);
  });
});

// Node refuses a header value it cannot send when the request is made, and that surfaces as a
// network error: every config value that reaches a header must be refused when saved instead.
describe('the headers of a request signed with a config the guard accepts', () => {
  /** Whether Node would send every header as it is, and each is plain ASCII. */
  const sendable = (headers: Readonly<Record<string, string>>): boolean =>
    Object.entries(headers).every(([name, value]) => {
      try {
        validateHeaderValue(name, value);
      } catch {
        return false;
      }
      return /^[\x20-\x7e]*$/.test(value);
    });

  const visibleAscii = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1 });
  const anyText = fc.string({ unit: 'grapheme', minLength: 1 }).filter((text) => text.trim() !== '');
  // Half of the key IDs and tokens are any text: the guard must refuse those a header cannot carry.
  const keyText = fc.oneof(visibleAscii, anyText);
  const hosts = fc.constantFrom('dysmsapi.aliyuncs.com', '短信.example', 'bücher.example', '127.0.0.1:8787', '[::1]:8443');

  it.each(['v1', 'v3'] as const)('%s: are all sendable, whatever the sign name, token, key ID and endpoint host', (signatureVersion) => {
    fc.assert(
      fc.property(keyText, keyText, anyText, anyText, hosts, (accessKeyId, securityToken, accessKeySecret, signName, host) => {
        const parsed = aliyunSmsConfigGuard.safeParse({
          accessKeyId,
          accessKeySecret,
          securityToken,
          signName,
          templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909' }],
          endpoint: `${host.startsWith('127.') || host.startsWith('[') ? 'http' : 'https'}://${host}/`,
          signatureVersion,
        });
        fc.pre(parsed.success);
        const config = parsed.data;
        const signed = signRequest(
          {
            ...spec,
            endpoint: config.endpoint ?? spec.endpoint,
            parameters: { ...spec.parameters, SignName: config.signName ?? signName },
            credentials: {
              accessKeyId: config.accessKeyId ?? '',
              accessKeySecret: config.accessKeySecret ?? '',
              ...(config.securityToken === undefined ? {} : { securityToken: config.securityToken }),
            },
            signatureVersion,
          },
          clock
        );
        expect(sendable(signed.headers)).toBe(true);
      })
    );
  });

  it('would not be sendable with a token the guard refuses: the guard is what keeps it out', () => {
    const signed = signRequest(
      { ...spec, signatureVersion: 'v3', credentials: { ...spec.credentials, securityToken: 'CAIS令牌' } },
      clock
    );
    expect(sendable(signed.headers)).toBe(false);
    expect(aliyunSmsConfigGuard.safeParse({ accessKeyId: 'LTAI5t', accessKeySecret: 's', securityToken: 'CAIS令牌', signName: 'x', templates: [{ usageType: 'Generic', templateCode: 'SMS_1' }] }).success).toBe(false);
  });

  it('sends an IDN endpoint’s host in ASCII, as the URL parser writes it', () => {
    const signed = signRequest({ ...spec, endpoint: 'https://短信.example/', signatureVersion: 'v3' }, clock);
    expect(signed.headers.host).toBe('xn--vuq298g.example');
  });
});
