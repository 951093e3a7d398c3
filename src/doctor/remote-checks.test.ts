import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { parseConfig } from '../config/parse.js';

import {
  clockFinding,
  clockWindowMs,
  credentialsFinding,
  isReadDenied,
  readCall,
  signFinding,
  templateAnswer,
  type ReadOutcome,
} from './remote-checks.js';

const failed = (data: unknown): ReadOutcome => ({ ok: false, error: new ConnectorError(ConnectorErrorCodes.General, data) });
const answered = (body: unknown): ReadOutcome => ({ ok: true, body: JSON.stringify(body), date: undefined });

describe('credentialsFinding', () => {
  it('passes a signed request Aliyun answered', () => {
    expect(credentialsFinding(answered({ Code: 'OK' }))).toEqual({
      check: 'credentials',
      status: 'passed',
      advice: 'Aliyun accepted the signed request: the AccessKey and secret work.',
    });
  });

  it('passes a refusal from past authentication, such as an unknown sign', () => {
    expect(credentialsFinding(failed({ Code: 'isv.SMS_SIGNATURE_ILLEGAL' })).status).toBe('passed');
  });

  it('names the key to fix and Aliyun’s Code for an authentication failure', () => {
    const outcome = failed({ Code: 'SignatureDoesNotMatch', errorDescription: 'The secret is wrong.', fields: ['accessKeySecret'] });
    expect(credentialsFinding(outcome)).toEqual({
      check: 'credentials',
      status: 'problem',
      advice: 'The secret is wrong. (Aliyun Code SignatureDoesNotMatch)',
      field: 'accessKeySecret',
    });
  });

  it('names no key when Aliyun’s refusal points at none', () => {
    expect(credentialsFinding(failed({ Code: 'InvalidTimeStamp.Expired', errorDescription: 'Clock.', fields: [42] }))).toEqual({
      check: 'credentials',
      status: 'problem',
      advice: 'Clock. (Aliyun Code InvalidTimeStamp.Expired)',
    });
  });

  it('leaves the credentials unchecked and points at the endpoint when Aliyun did not answer', () => {
    expect(credentialsFinding(failed({ errorDescription: 'The endpoint did not answer within 3000 ms.' }))).toEqual({
      check: 'credentials',
      status: 'unchecked',
      advice: 'No answer from Aliyun: The endpoint did not answer within 3000 ms.',
      field: 'endpoint',
    });
  });

  it('falls back on the error’s message when it carries no description', () => {
    const outcome: ReadOutcome = { ok: false, error: new ConnectorError(ConnectorErrorCodes.General) };
    expect(credentialsFinding(outcome).advice).toBe(`No answer from Aliyun: ConnectorError: ${ConnectorErrorCodes.General}`);
    expect(credentialsFinding(failed({ errorDescription: 42, Code: 7 })).advice).toBe('No answer from Aliyun: ConnectorError: {"errorDescription":42,"Code":7}');
  });
});

describe('isReadDenied', () => {
  it.each([
    ['Forbidden.RAM', true],
    ['isp.RAM_PERMISSION_DENY', true],
    ['isv.SMS_SIGNATURE_ILLEGAL', false],
  ])('reads Code %s as a RAM denial: %s', (code, denied) => {
    expect(isReadDenied(failed({ Code: code }))).toBe(denied);
  });

  it('does not read an answer or a failure without Code as a denial', () => {
    expect(isReadDenied(answered({ Code: 'OK' }))).toBe(false);
    expect(isReadDenied(failed({ errorDescription: 'timeout' }))).toBe(false);
  });
});

describe('clockFinding', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const at = (offsetMs: number) => new Date(now.getTime() - offsetMs).toUTCString();

  it.each([
    ['no Date', undefined],
    ['an unreadable Date', 'yesterday-ish'],
  ])('leaves the clock unchecked with %s', (_name, date) => {
    expect(clockFinding(date, now)).toEqual({
      check: 'server clock',
      status: 'unchecked',
      advice: 'Aliyun’s answer carried no usable Date header to compare the clock with.',
    });
  });

  it.each([
    [0, 'passed', 'The Logto server’s clock is within Aliyun’s window (0 s ahead of Aliyun).'],
    [5000, 'passed', 'The Logto server’s clock is within Aliyun’s window (5 s ahead of Aliyun).'],
    [-5000, 'passed', 'The Logto server’s clock is within Aliyun’s window (5 s behind Aliyun).'],
    [clockWindowMs, 'passed', 'The Logto server’s clock is within Aliyun’s window (900 s ahead of Aliyun).'],
    [clockWindowMs + 1000, 'problem', 'The Logto server’s clock is 901 s ahead of Aliyun, beyond Aliyun’s 15-minute window: synchronise it (NTP).'],
    [-(clockWindowMs + 1000), 'problem', 'The Logto server’s clock is 901 s behind Aliyun, beyond Aliyun’s 15-minute window: synchronise it (NTP).'],
  ])('finds a clock %s ms ahead %s', (offsetMs, status, advice) => {
    expect(clockFinding(at(offsetMs), now)).toEqual({ check: 'server clock', status, advice });
  });
});

describe('signFinding', () => {
  it('finds a sign the account does not have a problem of signName', () => {
    expect(signFinding(failed({ Code: 'isv.SMS_SIGNATURE_ILLEGAL' }), 'Logto')).toEqual({
      check: 'sign name',
      status: 'problem',
      advice: 'The account has no sign name "Logto": copy an approved one exactly from the SMS console.',
      field: 'signName',
    });
  });

  it('leaves the sign unchecked, saying why of the read call, when Aliyun could not be asked', () => {
    const outcome = failed({ Code: 'ServiceUnavailable', httpStatus: 503, errorDescription: 'The SMS may still have been sent.' });
    expect(signFinding(outcome, 'Logto')).toEqual({
      check: 'sign name',
      status: 'unchecked',
      advice:
        'Aliyun could not be asked about the sign name: Aliyun answered the GetSmsSign read call with ServiceUnavailable (HTTP 503): run the doctor again, and look the Code up in Aliyun’s error center if it persists.',
      field: 'signName',
    });
  });

  it('leaves the sign unchecked when the answer does not describe a sign', () => {
    expect(signFinding(answered({ Code: 'OK' }), 'Logto')).toEqual({
      check: 'sign name',
      status: 'unchecked',
      advice: 'Aliyun’s description of the sign name could not be read.',
      field: 'signName',
    });
  });

  it('reads the review state and reject reason of the sign', () => {
    expect(signFinding(answered({ SignStatus: 1 }), 'Logto')).toEqual({ check: 'sign name', status: 'passed', advice: 'The sign name "Logto" is approved.' });
    expect(signFinding(answered({ SignStatus: '2', AuditInfo: { RejectInfo: '资质不符' } }), 'Logto').advice).toBe(
      'The sign name "Logto" was rejected (资质不符): fix it and apply again, or use another one.'
    );
    expect(signFinding(answered({ SignStatus: 2 }), 'Logto').advice).toContain('(no reason given)');
  });
});

describe('templateAnswer', () => {
  const check = 'template SMS_1 (Generic)';

  it('finds a template the account does not have a problem of templates', () => {
    expect(templateAnswer(failed({ Code: 'isv.SMS_TEMPLATE_ILLEGAL' }), check)).toEqual({
      check,
      status: 'problem',
      advice: 'The account has no such template: check the code against the SMS console.',
      field: 'templates',
    });
  });

  it('leaves the template unchecked, saying why, when Aliyun could not be asked', () => {
    const error = new ConnectorError(ConnectorErrorCodes.General, { Code: 'Throttling' });
    expect(templateAnswer({ ok: false, error }, check)).toEqual({
      check,
      status: 'unchecked',
      advice:
        'Aliyun could not be asked about the template: Aliyun answered the GetSmsTemplate read call with Throttling: run the doctor again, and look the Code up in Aliyun’s error center if it persists.',
      field: 'templates',
    });
  });

  it('leaves the template unchecked when the answer does not describe a template', () => {
    expect(templateAnswer(answered({ TemplateStatus: 1 }), check)).toEqual({
      check,
      status: 'unchecked',
      advice: 'Aliyun’s description of the template could not be read.',
      field: 'templates',
    });
  });

  it('returns the template Aliyun describes', () => {
    expect(templateAnswer(answered({ TemplateStatus: '1', TemplateType: 0, TemplateContent: '您的验证码为${code}' }), check)).toMatchObject({
      TemplateStatus: 1,
      TemplateType: 0,
      TemplateContent: '您的验证码为${code}',
    });
  });
});

describe('readCall', () => {
  const config = parseConfig({
    accessKeyId: 'LTAI5tExampleKey',
    accessKeySecret: 'example-secret',
    signName: 'Logto',
    templates: [{ usageType: 'Generic', templateCode: 'SMS_1' }],
  });
  const credentials = { accessKeyId: 'LTAI5tExampleKey', accessKeySecret: 'example-secret' };
  const call = { action: 'GetSmsSign', parameters: { SignName: 'Logto' }, timeoutMs: 1000 } as const;

  it('returns Aliyun’s refusal as a failed outcome', async () => {
    const outcome = await readCall(config, credentials, 'https://dysmsapi.aliyuncs.com', call, {
      post: async () =>
        Promise.resolve({
          kind: 'answered',
          statusCode: 200,
          body: JSON.stringify({ Code: 'isv.SMS_SIGNATURE_ILLEGAL', Message: 'no sign', RequestId: 'r-1' }),
          contentType: 'application/json',
          date: undefined,
        }),
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? undefined : Reflect.get(outcome.error.data ?? {}, 'Code')).toBe('isv.SMS_SIGNATURE_ILLEGAL');
  });

  it('lets an error that is not a connector error through', async () => {
    const broken = new TypeError('the clock broke');
    await expect(
      readCall(config, credentials, 'https://dysmsapi.aliyuncs.com', call, {
        now: () => {
          throw broken;
        },
      })
    ).rejects.toBe(broken);
  });
});
