// Where the international site's API (Dysmsapi 2018-05-01) is served, as Alibaba documents it
// for alibabacloud.com accounts: Singapore, Jakarta and Frankfurt, each with its own endpoint.
import type { RegionId } from '../regions.js';

/** The regions the international site serves, Singapore first (its default). */
export const intlRegions = ['ap-southeast-1', 'ap-southeast-5', 'eu-central-1'] as const satisfies readonly RegionId[];

/** A region of the international site. */
export type IntlRegion = (typeof intlRegions)[number];

/** The region used when the config names none. */
export const intlDefaultRegion: IntlRegion = 'ap-southeast-1';

// Jakarta offers SendMessageToGlobe but not SendMessageWithTemplate.
const templateRegions: ReadonlySet<RegionId> = new Set<RegionId>(['ap-southeast-1', 'eu-central-1']);

/** Whether a region offers SendMessageWithTemplate (approved templates to mainland numbers). */
export const offersMainlandTemplates = (regionId: RegionId): boolean => templateRegions.has(regionId);

/** The documented endpoint of a region. */
export const intlEndpointOf = (regionId: RegionId): string => `https://dysmsapi.${regionId}.aliyuncs.com/`;
