import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { parseConfig } from './config/parse.js';
import { consoleFindings, findingSentences, incompleteSentence, isConfigurationFailure } from './console-diagnosis.js';
import { reportOf } from './doctor/diagnose.js';
import { finding, type Finding } from './doctor/finding.js';

// A config of the SMS authentication service: the doctor checks it without any request, so its
// findings are known in advance. Both entries lack ${min}, so they earn the same advice.
const dypnsConfig = () =>
  parseConfig({
    accessKeyId: 'LTAI5tUnitTestKey',
    accessKeySecret: 'unit-test-secret',
    signName: '速通互联验证码',
    service: 'dypns',
    templates: [
      { usageType: 'SignIn', templateCode: '100001', params: { code: '{{code}}' } },
      { usageType: 'Generic', templateCode: '100002', params: { code: '{{code}}' } },
    ],
  });

const minAdvice = 'Aliyun’s gift templates contain ${min}: add "min" (the minutes the code is valid) to this entry’s params.';
const templatesSentence = `Doctor, template 100001 (SignIn), template 100002 (Generic) (problem): ${minAdvice}`;
const signSentence =
  'Doctor, sign name (note): Aliyun offers no read API for the SMS authentication service’s gift sign names: press Send in the console to test it, and copy a current one from 号码认证 → 短信认证 → 赠送签名配置 if it fails.';

const templateRefusal = (data: unknown = { Code: 'isv.SMS_TEMPLATE_ILLEGAL', RequestId: 'REQ-T', errorDescription: 'Aliyun refused the template.' }) =>
  new ConnectorError(ConnectorErrorCodes.InvalidConfig, data);

describe('isConfigurationFailure', () => {
  it.each([
    ['invalid_config answered by Aliyun', ConnectorErrorCodes.InvalidConfig, { Code: 'isv.SMS_TEMPLATE_ILLEGAL' }, true],
    ['invalid_request_parameters answered by Aliyun', ConnectorErrorCodes.InvalidRequestParameters, { Code: 'isv.MOBILE_NUMBER_ILLEGAL' }, true],
    ['invalid_config found before any request (no Code)', ConnectorErrorCodes.InvalidConfig, { errorDescription: 'signName is empty.' }, false],
    ['a Code that is not text', ConnectorErrorCodes.InvalidConfig, { Code: 400 }, false],
    ['null data', ConnectorErrorCodes.InvalidConfig, null, false],
    ['data that is text', ConnectorErrorCodes.InvalidConfig, 'isv.SMS_TEMPLATE_ILLEGAL', false],
    ['a rate limit', ConnectorErrorCodes.RateLimitExceeded, { Code: 'isv.BUSINESS_LIMIT_CONTROL' }, false],
    ['a transport failure', ConnectorErrorCodes.General, { Code: 'ServiceUnavailable' }, false],
    ['a missing template', ConnectorErrorCodes.TemplateNotFound, { Code: 'isv.SMS_TEMPLATE_ILLEGAL' }, false],
  ])('is %s → %s', (_name, code, data, expected) => {
    expect(isConfigurationFailure(new ConnectorError(code, data))).toBe(expected);
  });
});

describe('findingSentences', () => {
  const findings: Finding[] = [
    { check: 'template SMS_1 (SignIn)', status: 'problem', advice: 'Under review.' },
    { check: 'sign name', status: 'note', advice: 'Under review.' },
    { check: 'template SMS_2 (Register)', status: 'problem', advice: 'Under review.' },
    { check: 'server clock', status: 'problem', advice: 'Set NTP.' },
  ];

  it('joins the checks of one status and advice into one sentence, in the order first seen', () => {
    expect(findingSentences(findings)).toEqual([
      'Doctor, template SMS_1 (SignIn), template SMS_2 (Register) (problem): Under review.',
      'Doctor, sign name (note): Under review.',
      'Doctor, server clock (problem): Set NTP.',
    ]);
  });

  it('says nothing for no findings', () => {
    expect(findingSentences([])).toEqual([]);
  });
});

describe('consoleFindings', () => {
  it('asks the doctor about a configuration failure Aliyun answered and says its findings that did not pass', async () => {
    expect(await consoleFindings(templateRefusal(), dypnsConfig(), 1000, {})).toEqual([templatesSentence, signSentence]);
  });

  it.each([
    ['a failure before Aliyun answered', templateRefusal({ errorDescription: 'The credentials could not be obtained.' })],
    ['a rate limit', new ConnectorError(ConnectorErrorCodes.RateLimitExceeded, { Code: 'isv.BUSINESS_LIMIT_CONTROL' })],
  ])('does not ask the doctor about %s', async (_name, error) => {
    expect(await consoleFindings(error, dypnsConfig(), 1000, {})).toEqual([]);
  });

  it('asks the doctor only with at least 300 ms left', async () => {
    expect(await consoleFindings(templateRefusal(), dypnsConfig(), 299, {})).toEqual([]);
    expect(await consoleFindings(templateRefusal(), dypnsConfig(), 300, {})).toEqual([templatesSentence, signSentence]);
  });

  it('leaves out a finding that repeats the start of the send’s own advice', async () => {
    const error = templateRefusal({ Code: 'isv.SMS_SIGNATURE_ILLEGAL', errorDescription: 'Aliyun offers no read API' });
    expect(await consoleFindings(error, dypnsConfig(), 1000, {})).toEqual([templatesSentence]);
  });

  it('keeps a finding that only ends like the send’s advice', async () => {
    const error = templateRefusal({ Code: 'isv.SMS_TEMPLATE_ILLEGAL', errorDescription: 'to this entry’s params.' });
    expect(await consoleFindings(error, dypnsConfig(), 1000, {})).toEqual([templatesSentence, signSentence]);
  });

  it('compares only a text errorDescription with the findings', async () => {
    const error = templateRefusal({ Code: 'isv.SMS_SIGNATURE_ILLEGAL', errorDescription: ['Aliyun offers no read API'] });
    expect(await consoleFindings(error, dypnsConfig(), 1000, {})).toEqual([templatesSentence, signSentence]);
  });

  it('says that no problem was found but checks could not be made, when that is the verdict', async () => {
    const dysms = parseConfig({ ...dypnsConfig(), service: 'dysms', templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909' }] });
    // Aliyun cannot be reached for the doctor's read calls: nothing was checked, nothing found.
    const unreachable = {
      post: async () =>
        Promise.resolve({ kind: 'never-sent' as const, failure: 'connection-refused' as const, destination: { host: 'dysmsapi.aliyuncs.com', port: 443 } }),
    };
    const sentences = await consoleFindings(templateRefusal(), dysms, 1000, unreachable);
    expect(sentences.at(-1)).toBe('Doctor: no problem found, but 1 check could not be made, so the cause may lie there.');
    expect(sentences.slice(0, -1).every((sentence) => sentence.includes('(unchecked)'))).toBe(true);
  });

  it('says nothing when the doctor itself fails, so the send’s error stays', async () => {
    const failingClock = {
      elapsed: (): number => {
        throw new Error('clock unavailable');
      },
    };
    expect(await consoleFindings(templateRefusal(), dypnsConfig(), 1000, failingClock)).toEqual([]);
  });
});

describe('incompleteSentence', () => {
  const passed = finding('credentials', 'passed', '.');
  const unchecked = finding('sign name', 'unchecked', '.');
  const problem = finding('server clock', 'problem', '.');

  it('says nothing when every check was made', () => {
    expect(incompleteSentence(reportOf([passed]))).toBeUndefined();
    expect(incompleteSentence(reportOf([passed, problem]))).toBeUndefined();
  });

  it('counts the checks that could not be made beside a problem', () => {
    expect(incompleteSentence(reportOf([problem, unchecked, unchecked]))).toBe(
      'Doctor: besides, 2 checks could not be made, so there may be more to fix than it says.'
    );
  });

  it('says the cause may lie in what could not be checked when nothing was found', () => {
    expect(incompleteSentence(reportOf([passed, unchecked]))).toBe(
      'Doctor: no problem found, but 1 check could not be made, so the cause may lie there.'
    );
  });
});
