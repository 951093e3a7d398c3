import { describe, expect, it } from 'vitest';

import { bypassesProxy, emptyNoProxyList, parseNoProxy } from './no-proxy.js';

const bypasses = (noProxy: string, host: string, port = 443): boolean =>
  bypassesProxy(parseNoProxy(noProxy), host, port);

describe('NO_PROXY host names and domains', () => {
  it.each([
    ['aliyuncs.com', 'aliyuncs.com'],
    ['aliyuncs.com', 'dysmsapi.aliyuncs.com'],
    ['aliyuncs.com', 'dysmsapi.ap-southeast-1.aliyuncs.com'],
    ['.aliyuncs.com', 'dysmsapi.aliyuncs.com'],
    // curl drops the leading dot, so the domain itself matches too.
    ['.aliyuncs.com', 'aliyuncs.com'],
    ['*.aliyuncs.com', 'dysmsapi.aliyuncs.com'],
    ['ALIYUNCS.COM', 'dysmsapi.aliyuncs.com'],
    ['aliyuncs.com.', 'dysmsapi.aliyuncs.com'],
    ['aliyuncs.com', 'dysmsapi.aliyuncs.com.'],
    ['localhost', 'localhost'],
  ])('%s covers %s', (noProxy, host) => {
    expect(bypasses(noProxy, host)).toBe(true);
  });

  it.each([
    ['aliyuncs.com', 'notaliyuncs.com'],
    ['.aliyuncs.com', 'xaliyuncs.com'],
    ['dysmsapi.aliyuncs.com', 'aliyuncs.com'],
    ['sms.aliyuncs.com', 'dysmsapi.aliyuncs.com'],
    ['aliyuncs', 'dysmsapi.aliyuncs.com'],
  ])('%s does not cover %s', (noProxy, host) => {
    expect(bypasses(noProxy, host)).toBe(false);
  });

  it('reads a list separated by commas and spaces, skipping empty items', () => {
    const list = ' example.org, ,internal.corp  aliyuncs.com,';
    expect(bypasses(list, 'dysmsapi.aliyuncs.com')).toBe(true);
    expect(bypasses(list, 'a.internal.corp')).toBe(true);
    expect(bypasses(list, 'example.com')).toBe(false);
  });

  it('a lone * covers every host, an * inside a name does not', () => {
    expect(bypasses('*', 'dysmsapi.aliyuncs.com')).toBe(true);
    expect(bypasses('example.org,*', '10.0.0.1')).toBe(true);
    expect(bypasses('dysms*.aliyuncs.com', 'dysmsapi.aliyuncs.com')).toBe(false);
  });

  it('the empty list covers nothing', () => {
    expect(bypassesProxy(emptyNoProxyList, 'localhost', 80)).toBe(false);
    expect(bypasses('', 'localhost')).toBe(false);
  });
});

describe('NO_PROXY ports', () => {
  it('an entry with a port covers that port only', () => {
    expect(bypasses('aliyuncs.com:443', 'dysmsapi.aliyuncs.com', 443)).toBe(true);
    expect(bypasses('aliyuncs.com:8443', 'dysmsapi.aliyuncs.com', 443)).toBe(false);
    expect(bypasses('127.0.0.1:8080', '127.0.0.1', 8080)).toBe(true);
    expect(bypasses('127.0.0.1:8080', '127.0.0.1', 8081)).toBe(false);
    expect(bypasses('[::1]:8080', '[::1]', 8080)).toBe(true);
    expect(bypasses('[::1]:8080', '[::1]', 80)).toBe(false);
  });

  it('an entry without a port covers every port', () => {
    expect(bypasses('aliyuncs.com', 'dysmsapi.aliyuncs.com', 8443)).toBe(true);
    expect(bypasses('127.0.0.1', '127.0.0.1', 65_535)).toBe(true);
  });

  it('an entry with an impossible port is skipped', () => {
    expect(parseNoProxy('aliyuncs.com:0,aliyuncs.com:70000,aliyuncs.com:x').entries).toEqual([]);
  });
});

describe('NO_PROXY IP addresses', () => {
  it.each([
    ['100.100.100.200', '100.100.100.200'],
    ['10.0.0.0/8', '10.20.30.40'],
    ['100.64.0.0/10', '100.100.100.200'],
    ['::1', '[::1]'],
    ['[::1]', '[::1]'],
    ['fd00::/8', '[fd12:3456::1]'],
    ['0:0:0:0:0:0:0:1', '[::1]'],
  ])('%s covers %s', (noProxy, host) => {
    expect(bypasses(noProxy, host)).toBe(true);
  });

  it.each([
    ['100.100.100.200', '100.100.100.201'],
    ['10.0.0.0/8', '11.0.0.1'],
    ['::1', '[::2]'],
    // No resolution: an address entry never covers a name, a name entry never an address.
    ['127.0.0.1', 'localhost'],
    ['0.0.1', '10.0.0.1'],
    ['localhost', '127.0.0.1'],
  ])('%s does not cover %s', (noProxy, host) => {
    expect(bypasses(noProxy, host)).toBe(false);
  });

  it('an impossible prefix length is skipped', () => {
    expect(parseNoProxy('10.0.0.0/33,::/129').entries).toEqual([]);
  });
});
