import { dypnsEndpoint, dysmsEndpointOf } from '../aliyun/regions.js';

import type { AliyunSmsConfig } from './schema.js';

/** Where a config's sends go: its endpoint, else the product's documented one for the region. */
export const endpointOf = (config: Pick<AliyunSmsConfig, 'endpoint' | 'service' | 'regionId'>): string =>
  config.endpoint ?? (config.service === 'dypns' ? dypnsEndpoint : dysmsEndpointOf(config.regionId));
