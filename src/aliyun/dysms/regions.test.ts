import { describe, expect, it } from 'vitest';

import { mainlandRegions, supportedRegions } from '../regions.js';

import { dysmsEndpointOf } from './regions.js';

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
