import { existsSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_GIFT_SIGNS, DEMO_ACCOUNT, giftSignState } from '../emulator/index.js';
import { captureDemo } from './capture.js';
import type { DoctorReports, RefusalReport } from './doctor-sections.js';
import { type DemoSummary, type SendReport } from './run.js';
import { shownFieldsOf } from './text.js';

let lines: string[] = [];
let summary: DemoSummary;

const sendAt = (index: number): SendReport => {
  const report = summary.sends[index];
  if (report === undefined) {
    throw new Error(`no send #${index + 1} in the summary (failure: ${summary.failure ?? 'none'})`);
  }
  return report;
};

const doctor = (): DoctorReports => {
  if (summary.doctor === undefined) throw new Error(`no doctor runs in the summary (failure: ${summary.failure ?? 'none'})`);
  return summary.doctor;
};

const refusal = (): RefusalReport => {
  if (summary.refusal === undefined) throw new Error(`no refused send in the summary (failure: ${summary.failure ?? 'none'})`);
  return summary.refusal;
};

/** The lines of one numbered section, from its heading to the next blank line. */
const section = (number: number): string[] => {
  const start = lines.findIndex((line) => line.startsWith(`${number}. `));
  if (start === -1) throw new Error(`section ${number} is missing`);
  const end = lines.indexOf('', start);
  return lines.slice(start, end === -1 ? undefined : end);
};

/** The values of a labelled block (`   label      value` and its continuation lines) within a section. */
const block = (sectionLines: readonly string[], label: string): string[] => {
  const start = sectionLines.findIndex((line) => line.startsWith(`   ${label.padEnd(11)}`));
  if (start === -1) return [];
  const rest = sectionLines.slice(start + 1);
  const continuation = rest.findIndex((line) => !line.startsWith(' '.repeat(14)));
  return [sectionLines[start] ?? '', ...rest.slice(0, continuation === -1 ? undefined : continuation)].map((line) => line.slice(14));
};

beforeAll(async () => {
  // loadConnectorFactories caches per process, so one run serves every assertion in this file.
  ({ summary, lines } = await captureDemo());
});

describe('npm run demo, in-process', () => {
  it('succeeds, and says what it showed', () => {
    expect(summary.failure).toBeUndefined();
    expect(summary.ok).toBe(true);
    expect(lines.at(-1)).toBe(
      "Done: 5 sends accepted, 5 signatures verified by Alibaba's SDK; the doctor found the template under review and passed the stored config; the console's toast carried its finding; the console's Send saw one message delivered and explained one the carrier blocked; emulator closed, temporary Logto folder removed."
    );
  });

  it('shows its ten sections once each, in order', () => {
    const headings = lines.filter((line) => /^\d+\. /.test(line));
    expect(headings.map((line) => line.split(':')[0])).toEqual([
      '1. Console "Send" test button',
      '2. Sign-in',
      '3. SMS authentication service (service "dypns")',
      '4. Templates per language',
      "5. Config doctor, the package's own command line, on a misconfigured config",
      '6. Config doctor on the stored config of sends 1 and 2',
      '7. Console "Send" test button with the misconfigured config',
      '8. International site (service "intl", Dysmsapi 2018-05-01)',
      '9. Console "Send" waits for the delivery receipt',
      '10. Console "Send" with a message the carrier blocks',
    ]);
  });

  it("shows the connector as Logto's loader named it, and the metadata guard it passed", () => {
    expect(summary.connector).toEqual({ id: 'aliyun-dysms', name: 'Aliyun SMS (Dysms)', packageName: 'connector-aliyun-dysms' });
    const output = lines.join('\n');
    expect(output).toContain('packages/core/connectors/connector-aliyun-dysms');
    expect(output).toContain('id "aliyun-dysms"');
    expect(output).toContain('connectorFactoryResponseGuard');
  });

  it('shows five accepted sends, each with a signature verified by the emulator', () => {
    expect(summary.sends.map(({ action, verdictCode, signatureVerified }) => ({ action, verdictCode, signatureVerified }))).toEqual([
      { action: 'SendSms', verdictCode: 'OK', signatureVerified: true },
      { action: 'SendSms', verdictCode: 'OK', signatureVerified: true },
      { action: 'SendSmsVerifyCode', verdictCode: 'OK', signatureVerified: true },
      { action: 'SendSms', verdictCode: 'OK', signatureVerified: true },
      { action: 'SendMessageToGlobe', verdictCode: 'OK', signatureVerified: true },
    ]);
    for (const number of [1, 2, 3, 4]) {
      expect(block(section(number), 'verdict')[0], `section ${number}`).toMatch(
        /^200 OK: signature verified with Alibaba's SDK \(@alicloud\/openapi-util\); BizId \S+$/
      );
    }
  });

  it('presses the test button: Generic, code 000000, inline config, mainland template', () => {
    const testButton = sendAt(0);
    expect(testButton).toMatchObject({ to: '8613800138000', usageType: 'Generic', code: '000000', configRequestedFor: [] });
    expect(testButton.request).toMatchObject({
      Action: 'SendSms',
      AccessKeyId: DEMO_ACCOUNT.accessKeyId,
      PhoneNumbers: '13800138000',
      TemplateCode: 'SMS_154950909',
      TemplateParam: '{"code":"000000"}',
    });
    expect(testButton.sms).toMatch(/^【阿里云短信测试】.*000000/);
    expect(block(section(1), 'phone')).toEqual([`+8613800138000 (mainland) shows  ${testButton.sms ?? ''}`]);
  });

  it('sends a sign-in code with the stored config, choosing the overseas template for a Hong Kong number', () => {
    const signIn = sendAt(1);
    expect(signIn).toMatchObject({ to: '85261234567', usageType: 'SignIn', configRequestedFor: ['aliyun-dysms'] });
    expect(signIn.code).toMatch(/^\d{6}$/);
    expect(signIn.request).toMatchObject({ PhoneNumbers: '85261234567', TemplateCode: 'SMS_465000001' });
    expect(signIn.sms).toContain(signIn.code);
    expect(block(section(2), 'phone')).toEqual([`+85261234567 (international) shows  ${signIn.sms ?? ''}`]);
  });

  it('sends through the SMS authentication service with a gift sign valid now and gift template 100001', () => {
    const dypns = sendAt(2);
    expect(dypns).toMatchObject({ to: '8613800138000', usageType: 'SignIn', configRequestedFor: ['aliyun-dysms'] });
    const signName = dypns.request?.SignName ?? '';
    const gift = DEFAULT_GIFT_SIGNS.find((sign) => sign.name === signName);
    expect(gift, `${signName} is a gift sign`).toBeDefined();
    expect(gift && giftSignState(gift, new Date())).toBe('valid');
    expect(dypns.request).toMatchObject({
      Action: 'SendSmsVerifyCode',
      PhoneNumber: '13800138000',
      CountryCode: '86',
      TemplateCode: '100001',
      TemplateParam: JSON.stringify({ code: dypns.code, min: '10' }),
    });
    expect(dypns.sms).toBe(`【${signName}】您的验证码是${dypns.code}，有效期10分钟，请勿告诉他人。`);
    expect(block(section(3), 'phone')).toEqual([`+8613800138000 (mainland) shows  ${dypns.sms ?? ''}`]);
    expect(block(section(3), 'config')[0]).toContain(`service dypns, signName ${signName}: Aliyun's gift sign, valid`);
  });

  it('sends the English template to a user whose payload.locale is en', () => {
    const english = sendAt(3);
    expect(english).toMatchObject({ to: '8613900139000', usageType: 'SignIn', payload: { locale: 'en', code: english.code } });
    expect(english.request).toMatchObject({ TemplateCode: 'SMS_465000002', TemplateParam: JSON.stringify({ code: english.code }) });
    expect(english.sms).toBe(`【阿里云短信测试】Your Logto verification code is ${english.code}. It is valid for 5 minutes.`);
    expect(summary.chosenLocale).toBe('en');
    const lines4 = section(4);
    expect(block(lines4, 'config')).toEqual(['templates: Generic → SMS_154950909; SignIn zh-CN → SMS_154950909; SignIn en → SMS_465000002']);
    expect(block(lines4, 'phone')).toEqual([`+8613900139000 (mainland) shows  ${english.sms ?? ''}`]);
    expect(block(lines4, 'chosen')).toEqual(["the SignIn en entry's SMS_465000002, not zh-CN's SMS_154950909"]);
  });

  it("runs the packed package's doctor command on the misconfigured config and shows the template under review", () => {
    const run = doctor().misconfigured;
    expect(run.exitCode).toBe(1);
    expect(run.command).toBe('connector-aliyun-dysms doctor misconfigured.json');
    expect(run.ran).toBe('node packages/core/connectors/connector-aliyun-dysms/lib/cli.js doctor misconfigured.json');
    expect(run.findings.filter(({ status }) => status === 'problem')).toEqual([
      {
        status: 'problem',
        check: 'template SMS_465000010 (Generic) (templates)',
        advice: 'The template is still under review: sends fail until Aliyun approves it.',
      },
    ]);
    expect(doctor().problem).toEqual(run.findings.find(({ status }) => status === 'problem'));
    const lines5 = section(5);
    expect(block(lines5, 'command')[0]).toBe('$ ALIYUN_ACCESS_KEY_SECRET=Demo…Only connector-aliyun-dysms doctor misconfigured.json');
    expect(block(lines5, 'output')).toEqual(run.lines);
    expect(block(lines5, 'exit')).toEqual(['1 (a problem found)']);
  });

  it('runs the doctor on the stored config and shows every check passed', () => {
    const run = doctor().stored;
    expect(run.exitCode).toBe(0);
    expect(run.findings.length).toBe(run.lines.length - 1);
    expect(run.lines.at(-1)).toBe('No problem found in 9 checks, every one made. Exit status 0.');
    expect(run.findings.map(({ status, check }) => `${status} ${check}`)).toEqual([
      'passed configuration',
      'passed credentials',
      'passed server clock',
      'passed sign name',
      'passed sign name filing (China Mobile)',
      'passed sign name filing (China Unicom)',
      'passed sign name filing (China Telecom)',
      'passed template SMS_154950909 (Generic, SignIn)',
      'passed template SMS_465000001 (Generic, SignIn)',
    ]);
    const lines6 = section(6);
    expect(block(lines6, 'output')).toEqual(run.lines);
    expect(block(lines6, 'exit')).toEqual(['0 (no problem found): all 9 checks passed']);
  });

  it("presses Send with the misconfigured config and shows Logto's toast carrying the doctor's finding", () => {
    const refused = refusal();
    expect(refused.request).toMatchObject({ Action: 'SendSms', PhoneNumbers: '13700137000', TemplateCode: 'SMS_465000010' });
    expect(refused).toMatchObject({ verdictCode: 'isv.SMS_TEMPLATE_ILLEGAL', signatureVerified: true });
    expect(refused.reads).toEqual(expect.arrayContaining(['GetSmsSign 200 OK', 'GetSmsTemplate 200 OK']));
    expect(refused.answer).toMatchObject({ code: 'general', connectorCode: 'invalid_config' });
    const toast = refused.answer.toast ?? '';
    expect(toast).toBe(`Error occurred in connector: ${refused.answer.errorDescription ?? ''}`);
    expect(toast).toContain(
      'Doctor, template SMS_465000010 (Generic) (problem): The template is still under review: sends fail until Aliyun approves it.'
    );
    const lines7 = section(7);
    expect(block(lines7, 'verdict')[0]).toMatch(/^200 isv\.SMS_TEMPLATE_ILLEGAL: signature verified/);
    expect(block(lines7, 'error')).toEqual(['ConnectorError general (connectorCode invalid_config)']);
    expect(block(lines7, 'toast').join(' ')).toBe(toast);
    expect(block(lines7, 'phone')).toEqual([]);
  });

  it('prints every signed form field of every send', () => {
    const output = lines.join('\n');
    for (const request of [...summary.sends.map((report) => report.request), refusal().request]) {
      for (const name of shownFieldsOf(request?.Action).flat()) {
        const value = request?.[name];
        expect(value, name).toBeDefined();
        expect(output).toContain(`${name}=${value ?? ''}`);
      }
    }
  });

  it('never prints the AccessKey secret, only its mask', () => {
    const output = lines.join('\n');
    expect(output).not.toContain(DEMO_ACCOUNT.accessKeySecret);
    expect(output).toContain('accessKeySecret Demo…Only');
  });

  it('writes plain text when colour is off', () => {
    expect(lines.every((line) => stripVTControlCharacters(line) === line)).toBe(true);
  });

  it('closes the emulator and removes the temporary Logto folder', async () => {
    expect(summary.hostRoot).toBeDefined();
    expect(existsSync(summary.hostRoot ?? '')).toBe(false);
    await expect(fetch(summary.emulatorUrl ?? '')).rejects.toThrow();
  });

  it('sends free text through the international site with a sender ID, its MessageId shown', () => {
    const intl = sendAt(4);
    expect(intl).toMatchObject({ to: '6591234567', usageType: 'SignIn', configRequestedFor: ['aliyun-dysms'] });
    expect(intl.request).toMatchObject({ To: '6591234567', From: 'Logto', Type: 'OTP' });
    expect(intl.sms).toBe(`(from Logto) Your Logto verification code is ${intl.code}. It expires in 10 minutes.`);
    expect(block(section(8), 'verdict')[0]).toMatch(/^200 OK: signature verified with Alibaba's SDK \(@alicloud\/openapi-util\); MessageId \d+$/);
  });
});

describe('the console’s Send followed to the phone', () => {
  const receipts = () => {
    if (summary.receipts === undefined) throw new Error(`no receipt sections in the summary (failure: ${summary.failure ?? 'none'})`);
    return summary.receipts;
  };

  it('waits about once a second until the carrier delivers (section 9)', () => {
    expect(receipts().delivered.queries).toBeGreaterThanOrEqual(2);
    expect(receipts().delivered.errCode).toBe('OK');
    expect(section(9).join('\n')).toMatch(/delivered \(DELIVRD\)/);
  });

  it('shows the carrier’s block in the toast, with the code, its meaning and the number masked (section 10)', () => {
    const { answer, queries } = receipts().blocked;
    expect(queries).toBeGreaterThanOrEqual(1);
    expect(answer.code).toBe('general');
    expect(answer.toast).toMatch(/^Error occurred in connector: Aliyun accepted the message to 135\*+00, but the carrier did not deliver it: receipt code MK:0000, blocked by the carrier’s gateway/);
    expect(answer.toast).not.toContain('13500135000');
  });
});
