import { describe, expect, it } from 'vitest';

import { endpointOf, regionIdOf } from './derived.js';

describe('endpointOf', () => {
  it('sends Short Message Service to the region’s documented Dysmsapi endpoint', () => {
    expect(endpointOf({ service: 'dysms', regionId: 'cn-shanghai' })).toBe('https://dysmsapi.aliyuncs.com/');
    expect(endpointOf({ service: 'dysms', regionId: 'ap-southeast-1' })).toBe(
      'https://dysmsapi.ap-southeast-1.aliyuncs.com/'
    );
  });

  it('sends the SMS authentication service to Dypnsapi', () => {
    expect(endpointOf({ service: 'dypns', regionId: 'cn-hangzhou' })).toBe('https://dypnsapi.aliyuncs.com/');
  });

  it('sends the international site to its region’s endpoint, Singapore when none is named', () => {
    expect(endpointOf({ service: 'intl' })).toBe('https://dysmsapi.ap-southeast-1.aliyuncs.com/');
    expect(endpointOf({ service: 'intl', regionId: 'eu-central-1' })).toBe('https://dysmsapi.eu-central-1.aliyuncs.com/');
    expect(endpointOf({ service: 'intl', regionId: 'ap-southeast-5' })).toBe('https://dysmsapi.ap-southeast-5.aliyuncs.com/');
  });

  it('prefers a configured endpoint for either service', () => {
    for (const service of ['dysms', 'dypns'] as const) {
      expect(endpointOf({ service, regionId: 'cn-hangzhou', endpoint: 'http://127.0.0.1:8787/' })).toBe(
        'http://127.0.0.1:8787/'
      );
    }
  });
});

describe('regionIdOf', () => {
  it('takes the configured region, else the service’s default', () => {
    expect(regionIdOf({ service: 'dysms' })).toBe('cn-hangzhou');
    expect(regionIdOf({ service: 'dypns' })).toBe('cn-hangzhou');
    expect(regionIdOf({ service: 'intl' })).toBe('ap-southeast-1');
    expect(regionIdOf({ service: 'intl', regionId: 'eu-central-1' })).toBe('eu-central-1');
  });
});
