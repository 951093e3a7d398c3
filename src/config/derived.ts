import { productOf } from '../aliyun/products.js';
import type { RegionId } from '../aliyun/regions.js';

import type { AliyunSmsConfig } from './schema.js';

/** The region a config's calls name: its regionId, else its service's default. */
export const regionIdOf = (config: Pick<AliyunSmsConfig, 'service' | 'regionId'>): RegionId =>
  config.regionId ?? productOf(config.service).defaultRegion;

/** Where a config's sends go: its endpoint, else the product's documented one for the region. */
export const endpointOf = (config: Pick<AliyunSmsConfig, 'endpoint' | 'service' | 'regionId'>): string =>
  config.endpoint ?? productOf(config.service).endpointOf(regionIdOf(config));
