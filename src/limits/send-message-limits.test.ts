// sendMessage with sendLimits: what Logto's callers see, and that a refused send never reaches
// the network.
import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { rejectionOf } from '../../test/support/rejection.js';
import type { AttemptOutcome, AttemptRequest } from '../aliyun/rpc/transport/transport.js';
import { createSendMessage } from '../send-message.js';

import { createLimitStores } from './registry.js';
import { endUserSentences } from '../end-user/sentences.js';

const config = {
  accessKeyId: 'LTAI5tLimitsTestKey',
  accessKeySecret: 'limits-unit-secret',
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_CN', overseas: 'SMS_INTL' } }],
};

const limited = { ...config, sendLimits: { perIp: { limit: 2, windowSeconds: 60 }, perRange: { limit: 3, windowSeconds: 60 } } };

const okAnswer = { Code: 'OK', Message: 'OK', RequestId: 'REQ-L', BizId: 'BIZ-L' };

const setUp = () => {
  const requests: AttemptRequest[] = [];
  const post = (request: AttemptRequest): Promise<AttemptOutcome> => {
    requests.push(request);
    return Promise.resolve({ kind: 'answered', statusCode: 200, body: JSON.stringify(okAnswer), contentType: 'application/json', date: undefined });
  };
  const warn = vi.fn<(line: string) => void>();
  const stores = createLimitStores({ warn });
  return { requests, warn, stores, runtime: { post, limits: { stores, warn } } };
};

let cleanUp: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanUp?.();
  cleanUp = undefined;
});

const endUserData = (to: string, ip?: string) => ({ to, type: TemplateType.SignIn, payload: { code: '123456', locale: 'fr' }, ...(ip === undefined ? {} : { ip }) });

const outcomesOf = async (sends: Promise<unknown>[]): Promise<string[]> =>
  Promise.all(sends.map(async (send) => send.then(() => 'sent', () => 'refused')));

describe('sendMessage with sendLimits', () => {
  it('refuses an end user over the IP limit before any request to Aliyun', async () => {
    const { requests, runtime, stores } = setUp();
    cleanUp = stores.closeAll;
    const send = createSendMessage(async () => Promise.resolve(limited), runtime);
    const outcomes: string[] = [];
    for (const to of ['447400111111', '447400222222', '447400333333']) {
      outcomes.push(...(await outcomesOf([send(endUserData(to, '198.51.100.7'))])));
    }
    expect(outcomes).toEqual(['sent', 'sent', 'refused']);
    expect(requests).toHaveLength(2);
  });

  it('refuses the fourth number of one range from different addresses, and counts other ranges apart', async () => {
    const { requests, runtime, stores } = setUp();
    cleanUp = stores.closeAll;
    const send = createSendMessage(async () => Promise.resolve(limited), runtime);
    const outcomes: string[] = [];
    for (const [to, ip] of [['447400120001', '198.51.100.1'], ['447400120002', '198.51.100.2'], ['447400120003', '198.51.100.3'], ['447400120004', '198.51.100.4'], ['447400130004', '198.51.100.5']] as const) {
      outcomes.push(...(await outcomesOf([send(endUserData(to, ip))])));
    }
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'refused', 'sent']);
    expect(requests).toHaveLength(4);
  });

  it('holds each country to its own limit: the override at home, the default elsewhere', async () => {
    const { requests, runtime, stores } = setUp();
    cleanUp = stores.closeAll;
    const perCountry = { ...config, sendLimits: { perCountry: { limit: 1, windowSeconds: 60, countries: { cn: { limit: 3, windowSeconds: 60 } } } } };
    const send = createSendMessage(async () => Promise.resolve(perCountry), runtime);
    const sends = ['447400111111', '447400222222', '8613800138001', '8613800138002', '8613800138003', '8613800138004', '85261234567'];
    const outcomes: string[] = [];
    for (const to of sends) {
      outcomes.push(...(await outcomesOf([send(endUserData(to))])));
    }
    expect(outcomes).toEqual(['sent', 'refused', 'sent', 'sent', 'sent', 'refused', 'sent']);
    expect(requests).toHaveLength(5);
  });

  it('gives the end user rate_limit_exceeded and a sentence in their language, nothing about the limit', async () => {
    const { runtime, stores, warn } = setUp();
    cleanUp = stores.closeAll;
    const send = createSendMessage(async () => Promise.resolve(limited), runtime);
    await send(endUserData('447400111111', '198.51.100.7'));
    await send(endUserData('447400222222', '198.51.100.7'));
    const error = await rejectionOf(send(endUserData('447400333333', '198.51.100.7')));
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(error.data).toEqual({ errorDescription: endUserSentences['send-limit'].fr });
    expect(warn.mock.calls).toEqual([
      ['connector-aliyun-dysms: refused an SMS send over sendLimits.perIp (2 per 60 s): recipient 447*******33, IP 198.51.100.7.'],
    ]);
  });

  it('never limits the console’s Send, which passes the config inline', async () => {
    const { requests, runtime, stores } = setUp();
    cleanUp = stores.closeAll;
    // The console's Send follows its receipt; this test is about the limits, so it does not wait.
    const send = createSendMessage(async () => Promise.reject(new Error('no getConfig in the console')), { ...runtime, receipts: { waitMs: 0 } });
    const sends = Array.from({ length: 5 }, async () => send({ to: '447400111111', type: TemplateType.Generic, payload: { code: '000000' }, ip: '198.51.100.7' }, limited));
    expect(await outcomesOf(sends)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(requests).toHaveLength(5);
  });

  it('sends as before with a config without sendLimits, or with {}', async () => {
    const { requests, runtime, stores } = setUp();
    cleanUp = stores.closeAll;
    const storeFor = vi.spyOn(stores, 'storeFor');
    for (const stored of [config, { ...config, sendLimits: {} }]) {
      const send = createSendMessage(async () => Promise.resolve(stored), runtime);
      for (let index = 0; index < 4; index += 1) {
        await send(endUserData('447400111111', '198.51.100.7'));
      }
    }
    expect(requests).toHaveLength(8);
    expect(storeFor).not.toHaveBeenCalled();
  });

  it('does not count an invalid number: it is refused before the limits', async () => {
    const { requests, runtime, stores } = setUp();
    cleanUp = stores.closeAll;
    const send = createSendMessage(async () => Promise.resolve(limited), runtime);
    for (let index = 0; index < 3; index += 1) {
      expect((await rejectionOf(send(endUserData('12', '198.51.100.7')))).code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    }
    await send(endUserData('447400111111', '198.51.100.7'));
    expect(requests).toHaveLength(1);
  });
});
