// Where Short Message Service is served: one endpoint for every mainland region, its own for
// each of three regions abroad.
import { regionsAbroad, type RegionId } from '../regions.js';

const abroad: ReadonlySet<string> = new Set(regionsAbroad);

/** The documented Dysmsapi endpoint of a region. */
export const dysmsEndpointOf = (regionId: RegionId): string =>
  abroad.has(regionId) ? `https://dysmsapi.${regionId}.aliyuncs.com/` : 'https://dysmsapi.aliyuncs.com/';
