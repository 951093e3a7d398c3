import { describe, expect, it } from 'vitest';

import { dysmsEndpointOf } from './dysms/regions.js';
import { defaultRegionId, mainlandRegions, regionsAbroad, supportedRegions } from './regions.js';

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
