import { describe, expect, it } from 'vitest';

import { dypnsEndpoint } from './region.js';

describe('dypnsEndpoint', () => {
  it('is the mainland Dypnsapi endpoint', () => {
    expect(dypnsEndpoint).toBe('https://dypnsapi.aliyuncs.com/');
  });
});
