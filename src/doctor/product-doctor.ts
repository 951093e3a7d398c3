// What the doctor checks of one Aliyun product. The product definitions (src/aliyun) stay free
// of the doctor, which imports the config and the read calls; product-doctors.ts holds one of
// these for every product, so a new product cannot be left without one.
import type { Credentials } from '../aliyun/rpc/rpc-request.js';
import type { AliyunSmsConfig } from '../config/schema.js';
import type { SendRuntime } from '../send-runtime.js';

import type { Finding } from './finding.js';

/** What a product's read calls need: the config, its resolved credentials and endpoint, the budget left. */
export type RemoteCheckInput = {
  config: AliyunSmsConfig;
  credentials: Credentials;
  endpoint: string;
  /** The milliseconds left of the whole diagnosis's budget, at the time it is asked. */
  remaining: () => number;
  now: () => Date;
  runtime: Omit<SendRuntime, 'credentialChain'>;
};

/**
 * A product's checks: `local` when Aliyun offers nothing to read for it (no credentials are
 * resolved), else `remote`, called once the credentials are.
 */
export type ProductDoctor =
  | { local: (config: AliyunSmsConfig) => Finding[] }
  | { remote: (input: RemoteCheckInput) => Promise<Finding[]> };
