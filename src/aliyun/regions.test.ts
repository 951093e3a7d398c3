import { describe, expect, it } from 'vitest';

import {
  defaultRegionId,
  dypnsEndpoint,
  dysmsEndpointOf,
  mainlandRegions,
  regionsAbroad,
  supportedRegions,
} from './regions.js';

describe('dysmsEndpointOf', () => {
  it.each(mainlandRegions)('serves mainland region %s from the one mainland endpoint', (region) => {
    expect(dysmsEndpointOf(region)).toBe('https://dysmsapi.aliyuncs.com/');
  });

  it.each([
    ['ap-southeast-1', 'https://dysmsapi.ap-southeast-1.aliyuncs.com/'],
    ['ap-southeast-5', 'https://dysmsapi.ap-southeast-5.aliyuncs.com/'],
    ['eu-central-1', 'https://dysmsapi.eu-central-1.aliyuncs.com/'],
  ] as const)('serves %s from its own endpoint', (region, endpoint) => {
    expect(dysmsEndpointOf(region)).toBe(endpoint);
  });

  it('gives every supported region an https endpoint at the root path', () => {
    for (const region of supportedRegions) {
      const url = new URL(dysmsEndpointOf(region));
      expect(url.protocol).toBe('https:');
      expect(url.pathname).toBe('/');
      expect(url.hostname).toMatch(/^dysmsapi\.([a-z0-9-]+\.)?aliyuncs\.com$/);
    }
  });
});

describe('the region lists', () => {
  it('know each region once, mainland and abroad apart', () => {
    expect(new Set(supportedRegions).size).toBe(supportedRegions.length);
    expect([...supportedRegions].sort()).toEqual([...mainlandRegions, ...regionsAbroad].sort());
    expect(mainlandRegions.filter((region) => !region.startsWith('cn-'))).toEqual([]);
    expect(regionsAbroad.filter((region) => region.startsWith('cn-'))).toEqual([]);
  });

  it('default to cn-hangzhou, as the official connector sends', () => {
    expect(defaultRegionId).toBe('cn-hangzhou');
    expect(dysmsEndpointOf(defaultRegionId)).toBe('https://dysmsapi.aliyuncs.com/');
  });
});

describe('dypnsEndpoint', () => {
  it('is the mainland Dypnsapi endpoint', () => {
    expect(dypnsEndpoint).toBe('https://dypnsapi.aliyuncs.com/');
  });
});
