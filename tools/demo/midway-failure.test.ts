import { existsSync } from 'node:fs';

import { beforeAll, describe, expect, it } from 'vitest';

import { captureDemo } from './capture.js';
import { type DemoSummary } from './run.js';

// Its own file: loadConnectorFactories caches per process, and vitest runs each file apart.
let lines: string[] = [];
let summary: DemoSummary;

beforeAll(async () => {
  // Every gift sign withdrawn: the SMS authentication service's section has nothing to send with.
  ({ summary, lines } = await captureDemo({ giftSigns: [{ name: '已下线签名', validUntil: new Date('2020-01-01T00:00:00+08:00') }] }));
});

describe('a demo run that fails midway', () => {
  it('fails with one line naming the section and why', () => {
    expect(summary.ok).toBe(false);
    expect(summary.failure).toMatch(/^SMS authentication service send: no gift sign is valid on the emulator's clock \(\d{4}-\d\d-\d\dT/);
  });

  it('keeps the sections that ran, and shows none after the failure', () => {
    expect(summary.sends.map(({ label }) => label)).toEqual(['test button send', 'sign-in send']);
    expect(summary.doctor).toBeUndefined();
    expect(summary.refusal).toBeUndefined();
    expect(lines.filter((line) => /^\d+\. /.test(line)).map((line) => line.slice(0, 2))).toEqual(['1.', '2.']);
    expect(lines.join('\n')).not.toContain('Done:');
  });

  it('cleans up all the same', async () => {
    expect(existsSync(summary.hostRoot ?? '')).toBe(false);
    await expect(fetch(summary.emulatorUrl ?? '')).rejects.toThrow();
  });
});
