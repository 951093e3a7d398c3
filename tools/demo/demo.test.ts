import { existsSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

import { DEMO_ACCOUNT } from '../emulator/index.js';
import { captureDemo } from './capture.js';
import { type DemoSummary, type SendReport } from './run.js';
import { shownRequestFields } from './text.js';

let lines: string[] = [];
let summary: DemoSummary;

const sendAt = (index: number): SendReport => {
  const report = summary.sends[index];
  if (report === undefined) {
    throw new Error(`no send #${index + 1} in the summary (failure: ${summary.failure ?? 'none'})`);
  }
  return report;
};

beforeAll(async () => {
  // loadConnectorFactories caches per process, so one run serves every assertion in this file.
  ({ summary, lines } = await captureDemo());
});

describe('npm run demo, in-process', () => {
  it('succeeds', () => {
    expect(summary.failure).toBeUndefined();
    expect(summary.ok).toBe(true);
    expect(lines.at(-1)).toMatch(/^Done: 2 sends accepted, 2 signatures verified/);
  });

  it("shows the connector as Logto's loader named it, and the metadata guard it passed", () => {
    expect(summary.connector).toEqual({ id: 'aliyun-dysms', name: 'Aliyun SMS (Dysms)', packageName: 'connector-aliyun-dysms' });
    const output = lines.join('\n');
    expect(output).toContain('packages/core/connectors/connector-aliyun-dysms');
    expect(output).toContain('id "aliyun-dysms"');
    expect(output).toContain('connectorFactoryResponseGuard');
  });

  it('shows two accepted sends, each with a signature verified by the emulator', () => {
    expect(summary.sends.map(({ verdictCode, signatureVerified }) => ({ verdictCode, signatureVerified }))).toEqual([
      { verdictCode: 'OK', signatureVerified: true },
      { verdictCode: 'OK', signatureVerified: true },
    ]);
    const verdicts = lines.filter((line) => line.includes("200 OK: signature verified with Alibaba's SDK (@alicloud/openapi-util)"));
    expect(verdicts).toHaveLength(2);
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
    expect(lines.join('\n')).toContain(testButton.sms);
  });

  it('sends a sign-in code with the stored config, choosing the overseas template for a Hong Kong number', () => {
    const signIn = sendAt(1);
    expect(signIn).toMatchObject({ to: '85261234567', usageType: 'SignIn', configRequestedFor: ['aliyun-dysms'] });
    expect(signIn.code).toMatch(/^\d{6}$/);
    expect(signIn.request).toMatchObject({ PhoneNumbers: '85261234567', TemplateCode: 'SMS_465000001' });
    expect(signIn.sms).toContain(signIn.code);
    expect(lines.join('\n')).toContain(signIn.sms);
  });

  it('prints every signed form field of both requests', () => {
    const output = lines.join('\n');
    for (const report of summary.sends) {
      for (const name of shownRequestFields.flat()) {
        const value = report.request?.[name];
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
});
