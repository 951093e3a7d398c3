// The regions a config may name: every region with a Dysmsapi endpoint, mainland and abroad.
// Each product's folder says which of them it serves and at which endpoint.

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
