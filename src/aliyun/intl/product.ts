// Short Message Service on the international site (alibabacloud.com accounts), Dysmsapi
// 2018-05-01: free text to numbers outside mainland China, approved templates to the mainland.
import { sendSmsDefaultParams } from '../../templates/params.js';
import type { ProductDefinition } from '../product.js';

import { intlCodes } from './codes.js';
import { intlConfigIssues } from './config.js';
import { intlReceiptQuery } from './receipt-query.js';
import { intlDefaultRegion, intlEndpointOf, intlRegions } from './regions.js';
import { intlSendCall } from './send.js';

/** The international site's product definition. */
export const intlProduct: ProductDefinition = {
  product: 'intl',
  title: 'Short Message Service, international site (alibabacloud.com)',
  codes: intlCodes,
  regions: intlRegions,
  defaultRegion: intlDefaultRegion,
  regionRule: `must be one of ${intlRegions.map((region) => `"${region}"`).join(', ')}: the international site's SMS API (intl) is served only there`,
  endpointOf: intlEndpointOf,
  configIssues: (config) => intlConfigIssues(config, config.regionId ?? intlDefaultRegion),
  defaultParams: sendSmsDefaultParams,
  receiptQuery: intlReceiptQuery,
  sendCall: intlSendCall,
};
