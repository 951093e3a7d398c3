// The doctor command on a config with a fallback sender: both senders checked and labelled,
// and --send sending one test code through each, as the console's Send does.
import { describe, expect, it } from 'vitest';

import { DEMO_ACCOUNT } from '../../tools/emulator/index.js';
import { emulatorPerFile } from '../../test/support/emulator-per-file.js';

import { exitCodes, runDoctorCommand } from './doctor-command.js';

const emulator = emulatorPerFile({});

const sender = (signName = '阿里云短信测试') => ({
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName,
  templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_154950909', overseas: 'SMS_465000001' } }],
  endpoint: emulator().url,
});

const run = async (argv: string[], config: object) => {
  const out: string[] = [];
  const status = await runDoctorCommand(argv, {
    stdout: (text) => out.push(text),
    stderr: () => undefined,
    readFile: async () => Promise.resolve(JSON.stringify(config)),
    env: {},
  });
  return { status, stdout: out.join('') };
};

describe('connector-aliyun-dysms doctor with a fallback sender', () => {
  it('checks both senders, each line naming its sender, and fails on the fallback’s problem', async () => {
    const { status, stdout } = await run(['doctor', 'c.json'], { ...sender(), fallback: sender('不存在的签名') });
    expect(status).toBe(exitCodes.problem);
    expect(stdout).toMatch(/\[passed\] +main sender: sign name/);
    expect(stdout).toMatch(/\[problem\] +fallback sender: sign name \(fallback\.signName\)/);
    expect(emulator().messages).toEqual([]);
  });

  it('--send sends one test code through each sender', async () => {
    const { status, stdout } = await run(['doctor', 'c.json', '--send', '8613800138000'], { ...sender(), fallback: sender("Logto演示 (测试)!*'~") });
    expect(stdout).toMatch(/\[passed\] +test send/);
    expect(status).toBe(exitCodes.healthy);
    expect(emulator().messages.map(({ signName }) => signName)).toEqual(['阿里云短信测试', "Logto演示 (测试)!*'~"]);
  });
});
