import { expect, test } from 'vitest';
import { describeRequest, formatSms } from './format.js';
import type { RecordedRequest } from './records.js';

test('formatSms puts the sign name in 【】 before the text', () => {
  expect(formatSms({ signName: '阿里云短信测试', text: '验证码是：123456' })).toBe('【阿里云短信测试】验证码是：123456');
});

const base: RecordedRequest = {
  seq: 3,
  receivedAt: new Date('2025-01-01T12:00:00Z'),
  method: 'POST',
  path: '/',
  params: { PhoneNumbers: '13800138000' },
  fault: undefined,
  delayMs: 0,
  verdict: { code: 'OK', message: 'OK', httpStatus: 200, signatureVerified: true },
  answered: true,
  requestId: 'R',
  action: undefined,
  version: undefined,
  signatureVersion: 'v1',
  signature: undefined,
  headers: {},
};

test('describeRequest gives one line per accepted request', () => {
  expect(describeRequest(base)).toBe('2025-01-01T12:00:00.000Z #3 POST / 200 OK signature ok to 13800138000');
});

test('describeRequest names the API and the signature version when known', () => {
  const verify: RecordedRequest = { ...base, params: { PhoneNumber: '13800138000' }, action: 'SendSmsVerifyCode', version: '2017-05-25', signatureVersion: 'v3' };
  expect(describeRequest(verify)).toBe('2025-01-01T12:00:00.000Z #3 POST / 200 OK signature ok to 13800138000 [SendSmsVerifyCode, signature V3]');
});

test('describeRequest explains refusals and faults', () => {
  const refused: RecordedRequest = {
    ...base,
    verdict: { code: 'SignatureDoesNotMatch', message: 'Specified signature is not matched', httpStatus: 400, signatureVerified: false },
  };
  expect(describeRequest(refused)).toBe(
    '2025-01-01T12:00:00.000Z #3 POST / 400 SignatureDoesNotMatch signature not verified to 13800138000\n    Specified signature is not matched',
  );
  const reset: RecordedRequest = { ...base, answered: false, fault: { kind: 'reset-after-body' }, delayMs: 50 };
  expect(describeRequest(reset)).toContain('connection reset after processing (would have been 200 OK)');
  expect(describeRequest(reset)).toContain('[fault reset-after-body] [delayed 50 ms]');
});

test('formatSms shows a SendMessageToGlobe text as sent, its sender ID before it', () => {
  expect(formatSms({ signName: 'Logto', text: 'Your code is 123456.', api: 'SendMessageToGlobe' })).toBe('(from Logto) Your code is 123456.');
  expect(formatSms({ signName: '', text: 'Your code is 123456.', api: 'SendMessageToGlobe' })).toBe('Your code is 123456.');
  expect(formatSms({ signName: '阿里云短信测试', text: '验证码', api: 'SendMessageWithTemplate' })).toBe('【阿里云短信测试】验证码');
});
