import { existsSync } from 'node:fs';

import { beforeAll, describe, expect, it } from 'vitest';

import { DEMO_ACCOUNT } from '../emulator/index.js';
import { captureDemo } from './capture.js';
import { type DemoSummary } from './run.js';

// Its own file: loadConnectorFactories caches per process, and vitest runs each file apart.
let lines: string[] = [];
let summary: DemoSummary;

beforeAll(async () => {
  ({ summary, lines } = await captureDemo({
    faults: [{ kind: 'aliyun-code', code: 'isv.SMS_TEMPLATE_ILLEGAL', message: '模板不合法(不存在或被拉黑)' }],
  }));
});

describe('a demo run whose send the emulator rejects', () => {
  it("fails with one line naming the emulator's Code and Message", () => {
    expect(summary.ok).toBe(false);
    expect(summary.failure).toBe(
      'test button send: the emulator rejected the request with isv.SMS_TEMPLATE_ILLEGAL (HTTP 200): 模板不合法(不存在或被拉黑)'
    );
    expect(summary.sends).toEqual([]);
    expect(summary.doctor).toBeUndefined();
    expect(summary.refusal).toBeUndefined();
  });

  it('still shows the send request that was rejected (not the read calls that followed), and stops there', () => {
    const output = lines.join('\n');
    expect(output).toContain('Action=SendSms');
    expect(output).toContain('200 isv.SMS_TEMPLATE_ILLEGAL');
    expect(output).toContain('TemplateCode=SMS_154950909');
    expect(output).not.toContain('Action=GetSmsTemplate');
    expect(lines.filter((line) => /^\d+\. /.test(line))).toHaveLength(1);
    expect(output).not.toContain('Done:');
    expect(output).not.toContain(DEMO_ACCOUNT.accessKeySecret);
  });

  it('cleans up all the same', async () => {
    expect(existsSync(summary.hostRoot ?? '')).toBe(false);
    await expect(fetch(summary.emulatorUrl ?? '')).rejects.toThrow();
  });
});
