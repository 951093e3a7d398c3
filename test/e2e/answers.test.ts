// End-to-end: answers that look like success but are not Aliyun's verdict, played by a tiny
// local HTTP server (the emulator cannot play them). An SMS counts as accepted only on a 2xx
// status with Code OK and a BizId; a body over 64 KiB is not read to its end; a redirect is
// never followed, since following it would post the signed form, and the code, elsewhere.
import type { ServerResponse } from 'node:http';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import { afterEach, describe, expect, it } from 'vitest';

import {
  MAINLAND_PHONE,
  SECRET,
  VIAS,
  configFor,
  dataField,
  distinctCode,
  phoneForms,
  sendFailing,
  sendOk,
  type Via,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { startLocalServer, type Handler, type LocalServer } from './support/local-server.js';
import { expectReaderSees } from './support/readers.js';

const servers: LocalServer[] = [];

const serve = async (handler: Handler): Promise<LocalServer> => {
  const server = await startLocalServer(handler);
  servers.push(server);
  return server;
};

afterEach(async () => {
  await Promise.all(servers.splice(0).map(async (server) => server.close()));
});

const okAnswer = { RequestId: 'D3F2A1B0-5C4E-4F6A-9B8C-7D6E5F4A3B21', BizId: '900619746936498440^0', Code: 'OK', Message: 'OK' };

const answer = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
  response.end(body);
};

/** What must never leave: the secret, the code, the number, and every signature the server saw. */
const forbiddenAfter = (server: LocalServer, code: string) => ({
  secret: [SECRET],
  code: [code],
  phone: phoneForms(MAINLAND_PHONE),
  signature: server.requests.flatMap(({ body }) => new URLSearchParams(body).getAll('Signature')),
});

const fail = async (server: LocalServer, label: string, via: Via) => {
  const code = distinctCode(`${label} ${via}`);
  const config = configFor(server.url, { timeout: 3000 });
  const { error, elapsedMs } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);
  expectNoLeak(error, forbiddenAfter(server, code));
  return { error, elapsedMs, config };
};

describe('an OK body on an error status', () => {
  it.each(VIAS)('%s: HTTP 500 with Code OK and a BizId is invalid_response, and not retried', async (via) => {
    const server = await serve((_request, response) => {
      answer(response, 500, JSON.stringify(okAnswer));
    });

    const { error, config } = await fail(server, 'ok on 500', via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidResponse,
      reason: 'ok-with-error-status',
      // An OK Code on an error status is no verdict: neither reader is handed it.
      RequestId: okAnswer.RequestId,
      userSays: /within a minute/,
      fields: ['endpoint'],
      adminSays: /HTTP 500 with Code OK but an error status/,
      adminData: { httpStatus: 500, smsMayHaveBeenSent: true },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('the same body on HTTP 200 is accepted: only the status made it a failure', async () => {
    const server = await serve((_request, response) => {
      answer(response, 200, JSON.stringify(okAnswer));
    });
    const result = await sendOk(configFor(server.url), { to: MAINLAND_PHONE.given, code: distinctCode('ok on 200') });
    expect(result).toEqual({ BizId: okAnswer.BizId, RequestId: okAnswer.RequestId });
  });
});

describe('an answer over 64 KiB', () => {
  /** An OK answer padded to `bytes`: it would be accepted if it were read. */
  const paddedOkAnswer = (bytes: number): string => {
    const shell = JSON.stringify({ ...okAnswer, Message: '' });
    return JSON.stringify({ ...okAnswer, Message: 'x'.repeat(bytes - shell.length) });
  };

  it('a 60 KiB OK answer is still read and accepted', async () => {
    const server = await serve((_request, response) => {
      answer(response, 200, paddedOkAnswer(60 * 1024));
    });
    const result = await sendOk(configFor(server.url), { to: MAINLAND_PHONE.given, code: distinctCode('60 KiB') });
    expect(result.BizId).toBe(okAnswer.BizId);
  });

  /** A server that starts an oversized OK answer and records when the client drops the connection. */
  const oversizedServer = async (declareLength: boolean) => {
    const seen = { written: 0, finished: false, clientClosed: false };
    const server = await serve((_request, response) => {
      const chunk = Buffer.from('x'.repeat(16 * 1024));
      const total = 8 * 1024 * 1024;
      const head = `{"RequestId":"D3F2A1B0-5C4E-4F6A-9B8C-7D6E5F4A3B21","BizId":"900619746936498440^0","Code":"OK","Message":"`;
      response.writeHead(200, {
        'content-type': 'application/json;charset=utf-8',
        ...(declareLength ? { 'content-length': String(total) } : {}),
      });
      response.on('close', () => {
        seen.finished = response.writableFinished;
        seen.clientClosed = !response.writableFinished;
      });
      response.write(head);
      seen.written = head.length;
      // With a declared length the client must give up on the head alone; without one, as
      // soon as it has read 64 KiB. Either way the rest is never written.
      const pump = setInterval(() => {
        if (response.destroyed || seen.written >= total) {
          clearInterval(pump);
          return;
        }
        if (!declareLength) {
          response.write(chunk);
          seen.written += chunk.length;
        }
      }, 2);
    });
    return { server, seen };
  };

  it.each(VIAS)(
    '%s: an answer streamed past 64 KiB without a Content-Length: invalid_response (too-large), the client closes the connection, not retried',
    async (via) => {
      const { server, seen } = await oversizedServer(false);

      const { error, elapsedMs, config } = await fail(server, 'too large streamed', via);

      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.InvalidResponse,
        reason: 'too-large',
        userSays: /within a minute/,
        fields: ['endpoint'],
        adminSays: /longer than the 64 KiB the connector reads/,
        adminData: { smsMayHaveBeenSent: true },
      });
      // The client dropped the connection long before the 3 s timeout, mid-answer.
      expect(elapsedMs).toBeLessThan(1500);
      await expect.poll(() => seen.clientClosed, { timeout: 1000 }).toBe(true);
      expect(seen.finished).toBe(false);
      expect(seen.written).toBeLessThan(4 * 1024 * 1024);
      expect(server.requests).toHaveLength(1);
    }
  );

  // got's promise emits 'response' only after the whole body: the transport reads the head
  // from the native request, so the status is known when the cap drops the connection.
  it('the too-large error reports the answer’s HTTP status', async () => {
    const { server } = await oversizedServer(false);
    const { error } = await fail(server, 'too large status', 'console');
    expect(error.data).toMatchObject({ reason: 'too-large', httpStatus: 200 });
    expect(String(dataField(error, 'errorDescription'))).toContain('answered HTTP 200');
  });

  // An answer that announces 8 MiB and then stalls is dropped on its head, not waited for.
  it('an answer declaring a Content-Length over 64 KiB is dropped on its head', async () => {
    const { server, seen } = await oversizedServer(true);
    const { error, elapsedMs } = await fail(server, 'too large declared', 'runtime');
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
    expect(dataField(error, 'reason')).toBe('too-large');
    expect(elapsedMs).toBeLessThan(1500);
    await expect.poll(() => seen.clientClosed, { timeout: 1000 }).toBe(true);
  });
});

describe('a redirect', () => {
  it.each(VIAS.flatMap((via) => [301, 302, 303, 307, 308].map((status) => ({ via, status }))))(
    '$via: HTTP $status to a second server is not followed: the second server receives nothing',
    async ({ via, status }) => {
      const elsewhere = await serve((_request, response) => {
        answer(response, 200, JSON.stringify(okAnswer));
      });
      // The nastiest redirect carries an OK body: neither it nor the target may count as success.
      const server = await serve((_request, response) => {
        answer(response, status, JSON.stringify(okAnswer), { location: elsewhere.url });
      });

      const { error, config } = await fail(server, `redirect ${status}`, via);

      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.InvalidResponse,
        reason: 'ok-with-error-status',
        RequestId: okAnswer.RequestId,
        fields: ['endpoint'],
        adminSays: new RegExp(`HTTP ${status} .*redirects`),
        adminData: { httpStatus: status },
      });
      expect(server.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    }
  );

  it('an empty-bodied 302 is invalid_response (not-an-answer) and not followed either', async () => {
    const elsewhere = await serve((_request, response) => {
      answer(response, 200, JSON.stringify(okAnswer));
    });
    const server = await serve((_request, response) => {
      response.writeHead(302, { location: elsewhere.url });
      response.end();
    });

    const { error, config } = await fail(server, 'empty redirect', 'runtime');

    expectReaderSees('runtime', error, config, { code: ConnectorErrorCodes.InvalidResponse, reason: 'not-an-answer' });
    expect(elsewhere.requests).toHaveLength(0);
  });
});
