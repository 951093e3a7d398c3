// End-to-end: the connector as Logto loads it, and the config doctor, read HTTPS_PROXY from the
// process environment, with no seam at all. The process-wide transport reads the variables once,
// on its first send, so they are set for this whole file (vitest runs each file in its own
// module graph) and removed after it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { diagnose } from '../../src/doctor/diagnose.js';

import { startConnectProxy, type ConnectProxy } from './support/connect-proxy.js';
import { withTrustedCertificate } from './support/environment.js';
import { E2E_ACCOUNT, MAINLAND_PHONE, configFor, distinctCode, sendOk, useEmulator } from './support/harness.js';

const emulator = useEmulator({ accounts: [E2E_ACCOUNT], https: true });
let proxy: ConnectProxy;

beforeAll(async () => {
  proxy = await startConnectProxy({ user: 'logto', password: 'Env-Pr0xy-Secret' });
  vi.stubEnv('https_proxy', undefined);
  vi.stubEnv('ALL_PROXY', undefined);
  vi.stubEnv('all_proxy', undefined);
  vi.stubEnv('no_proxy', undefined);
  vi.stubEnv('NO_PROXY', undefined);
  vi.stubEnv('HTTPS_PROXY', proxy.url);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await proxy.close();
});

beforeEach(() => {
  proxy.clear();
});

const endpoint = (): string => emulator().httpsUrl ?? '';
const host = (): string => new URL(endpoint()).host;

describe('HTTPS_PROXY in the process environment', () => {
  it('a send through the connector Logto loads goes through it', async () => {
    await withTrustedCertificate(emulator().ca ?? '', async () =>
      sendOk(configFor(endpoint()), { to: MAINLAND_PHONE.given, code: distinctCode('env proxy send') })
    );

    expect(proxy.connects).toEqual([host()]);
    expect(emulator().requests.map(({ action }) => action)).toEqual(['SendSms']);
  });

  it('the doctor’s read calls go through it', async () => {
    // The tunnel opened for the send may still be kept alive and reused, so what shows the
    // calls went through the proxy is the bytes it carried, not a new CONNECT.
    const before = proxy.bytesFromClients();

    await withTrustedCertificate(emulator().ca ?? '', async () => diagnose(configFor(endpoint())));

    expect(emulator().requests.length).toBeGreaterThan(0);
    expect(proxy.bytesFromClients() - before).toBeGreaterThan(500 * emulator().requests.length);
    expect(proxy.connects.every((target) => target === host())).toBe(true);
  });
});
