// Where each Aliyun product is served. Dysmsapi has one endpoint for every mainland region and
// its own for three regions abroad; Dypnsapi (the SMS authentication service) is mainland only.

/** Mainland China regions, all served by dysmsapi.aliyuncs.com. */
export const mainlandRegions = [
  'cn-hangzhou',
  'cn-shanghai',
  'cn-qingdao',
  'cn-beijing',
  'cn-zhangjiakou',
  'cn-huhehaote',
  'cn-wulanchabu',
  'cn-shenzhen',
  'cn-heyuan',
  'cn-guangzhou',
  'cn-chengdu',
] as const;

/** Regions abroad with a Dysmsapi endpoint of their own. */
export const regionsAbroad = ['ap-southeast-1', 'ap-southeast-5', 'eu-central-1'] as const;

/** Every region the connector knows an endpoint for. */
export const supportedRegions = [...mainlandRegions, ...regionsAbroad] as const;

/** A region the connector knows an endpoint for. */
export type RegionId = (typeof supportedRegions)[number];

/** The region sent when none is configured: what the official connector always sends. */
export const defaultRegionId: RegionId = 'cn-hangzhou';

const abroad: ReadonlySet<string> = new Set(regionsAbroad);

/** The documented Dysmsapi endpoint of a region. */
export const dysmsEndpointOf = (regionId: RegionId): string =>
  abroad.has(regionId) ? `https://dysmsapi.${regionId}.aliyuncs.com/` : 'https://dysmsapi.aliyuncs.com/';

/** The Dypnsapi endpoint (one, in the mainland). */
export const dypnsEndpoint = 'https://dypnsapi.aliyuncs.com/';
