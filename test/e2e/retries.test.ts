// End-to-end: failures before any request reaches a server, the only transport failures that
// are retried (nothing can have been sent), and the deadline rule: a retry starts only when at
// least 1 s of the send's timeout remains after its backoff.
import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { createSendMessage } from '../../src/send-message.js';
import { rejectionOf } from '../support/rejection.js';

import {
  MAINLAND_PHONE,
  SECRET,
  VIAS,
  closedLoopbackPort,
  configFor,
  dataField,
  distinctCode,
  phoneForms,
  sendFailing,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { expectReaderSees } from './support/readers.js';

const forbiddenFor = (code: string) => ({ secret: [SECRET], code: [code], phone: phoneForms(MAINLAND_PHONE) });

describe('failures before any request reaches a server', () => {
  it.each(VIAS)('%s: connection refused on a closed loopback port: retried twice, "127.0.0.1:<port> refused the connection"', async (via) => {
    const code = distinctCode(`refused ${via}`);
    const port = await closedLoopbackPort();
    const config = configFor(`http://127.0.0.1:${port}/`, { timeout: 5000 });

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.General,
      failure: 'connection-refused',
      userSays: /could not be reached/,
      fields: ['endpoint'],
      adminSays: new RegExp(`127\\.0\\.0\\.1:${port} refused the connection \\(3 attempts\\), so no SMS was sent`),
      adminData: { host: '127.0.0.1', port, attempts: 3, timeoutMs: 5000, smsMayHaveBeenSent: false },
    });
    // Logto's log line names host and port for either reader.
    expect(error.message).toContain(`127.0.0.1:${port} refused the connection (3 attempts)`);
    expectNoLeak(error, forbiddenFor(code));
  });

  it.each(VIAS)('%s: DNS failure: retried twice, names host and port, nothing sent', async (via) => {
    const code = distinctCode(`dns ${via}`);
    const config = configFor('https://dysmsapi.does-not-exist.invalid/', { timeout: 5000 });

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.General,
      failure: 'dns',
      userSays: /could not be reached/,
      fields: ['endpoint'],
      adminSays: /dysmsapi\.does-not-exist\.invalid:443 could not be resolved \(3 attempts\)/,
      adminData: { host: 'dysmsapi.does-not-exist.invalid', port: 443, attempts: 3, smsMayHaveBeenSent: false },
    });
    expectNoLeak(error, forbiddenFor(code));
  });
});

describe('a retry starts only when 1 s of the timeout remains after its backoff', () => {
  it('timeout 1000 ms: a refused connection is not retried at all (less than 1 s is left after any backoff)', async () => {
    const port = await closedLoopbackPort();
    const { error } = await sendFailing(
      configFor(`http://127.0.0.1:${port}/`, { timeout: 1000 }),
      { to: MAINLAND_PHONE.given, code: distinctCode('refused 1000') },
      'console'
    );
    expect(dataField(error, 'failure')).toBe('connection-refused');
    expect(dataField(error, 'attempts')).toBe(1);
    expect(error.message).toContain(`127.0.0.1:${port} refused the connection (1 attempt)`);
  });

  it('timeout 1500 ms: the first retry always starts, the second only when the backoffs leave 1 s', async () => {
    const port = await closedLoopbackPort();
    const { error, elapsedMs } = await sendFailing(
      configFor(`http://127.0.0.1:${port}/`, { timeout: 1500 }),
      { to: MAINLAND_PHONE.given, code: distinctCode('refused 1500') },
      'console'
    );
    // The first backoff is 100–200 ms, so over 1.3 s remain; the second is 200–400 ms, so a
    // third attempt needs the two backoffs to sum to under about 500 ms.
    const attempts = dataField(error, 'attempts');
    expect([2, 3]).toContain(attempts);
    // Whatever the jitter, the last attempt started with at least 1 s of the 1.5 s left.
    expect(elapsedMs).toBeLessThan(600);
  });

  // The jitter pinned through the connector's runtime seam (the network stays real), so each
  // side of the rule is drawn every run.
  const refusedWithJitter = async (random: number, timeout: number) => {
    const port = await closedLoopbackPort();
    const config = configFor(`http://127.0.0.1:${port}/`, { timeout });
    const sendMessage = createSendMessage(async () => Promise.reject(new Error('the config is inline')), {
      random: () => random,
    });
    return rejectionOf(
      sendMessage({ to: MAINLAND_PHONE.given, type: TemplateType.SignIn, payload: { code: distinctCode('jitter') } }, config)
    );
  };

  it.each([
    { random: 0, timeout: 1500, attempts: 3, why: 'backoffs of 100 + 200 ms leave 1.2 s' },
    { random: 0.999, timeout: 1500, attempts: 2, why: 'backoffs of 200 + 400 ms would leave 0.9 s' },
    { random: 0.999, timeout: 1700, attempts: 3, why: 'backoffs of 200 + 400 ms leave 1.1 s' },
    { random: 0, timeout: 1000, attempts: 1, why: 'a 100 ms backoff would leave 0.9 s' },
  ])('timeout $timeout ms, jitter $random: $attempts attempts ($why)', async ({ random, timeout, attempts }) => {
    const error = await refusedWithJitter(random, timeout);
    expect(dataField(error, 'attempts')).toBe(attempts);
    expect(dataField(error, 'connectorCode')).toBe(ConnectorErrorCodes.General);
    expect(dataField(error, 'failure')).toBe('connection-refused');
  });
});
