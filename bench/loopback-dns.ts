// Routes dysmsapi.aliyuncs.com to 127.0.0.1 inside a client process, so the official connector
// (whose endpoint is fixed) reaches the emulator's TLS front without any change to its code.
// Node's net module resolves every host name through the `dns.lookup` property of the dns
// module at connect time, so replacing that property is enough; the TLS host name and SNI stay
// dysmsapi.aliyuncs.com and are verified against the bench's own certificate.
import dns from 'node:dns';
import { connect } from 'node:net';

import { aliyunHost } from './scenario.js';

type Callback = (...results: unknown[]) => void;

const isCallback = (value: unknown): value is Callback => typeof value === 'function';

const wantsAll = (options: unknown): boolean =>
  typeof options === 'object' && options !== null && Reflect.get(options, 'all') === true;

const isLiteralOrLocal = (hostname: string): boolean =>
  hostname === 'localhost' || /^[\d.]+$/.test(hostname) || hostname.includes(':');

const notFound = (hostname: string): Error =>
  Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (the bench resolves no other names)`), {
    code: 'ENOTFOUND',
    hostname,
  });

/**
 * Replaces `dns.lookup` for this process: dysmsapi.aliyuncs.com → 127.0.0.1, IP literals and
 * localhost as before, every other name refused, so nothing in the bench can leave the machine.
 */
export const routeAliyunToLoopback = (): void => {
  const original: unknown = Reflect.get(dns, 'lookup');
  if (!isCallback(original)) {
    throw new Error('dns.lookup is not a function');
  }
  const lookup = (hostname: string, ...rest: unknown[]): void => {
    if (isLiteralOrLocal(hostname)) {
      Reflect.apply(original, dns, [hostname, ...rest]);
      return;
    }
    const [options, maybeCallback] = rest;
    const callback = isCallback(options) ? options : maybeCallback;
    if (!isCallback(callback)) {
      throw new TypeError('dns.lookup needs a callback');
    }
    const all = wantsAll(options);
    process.nextTick(() => {
      if (hostname !== aliyunHost) {
        callback(notFound(hostname));
      } else if (all) {
        callback(null, [{ address: '127.0.0.1', family: 4 }]);
      } else {
        callback(null, '127.0.0.1', 4);
      }
    });
  };
  if (!Reflect.set(dns, 'lookup', lookup)) {
    throw new Error('could not replace dns.lookup');
  }
};

/** Proves the override is what net uses: a TCP connection to dysmsapi.aliyuncs.com:port must land on 127.0.0.1. */
export const checkLoopbackRoute = async (port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const socket = connect({ host: aliyunHost, port });
    socket.once('connect', () => {
      const address = socket.remoteAddress;
      socket.destroy();
      if (address === '127.0.0.1') {
        resolve();
      } else {
        reject(new Error(`${aliyunHost} resolved to ${address ?? 'nothing'}, not 127.0.0.1`));
      }
    });
    socket.once('error', reject);
  });
