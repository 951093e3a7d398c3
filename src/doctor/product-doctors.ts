// The doctor's checks of every Aliyun product, by the config's `service`: adding a product is
// adding its row here (the type makes it required), next to its row in src/aliyun/products.ts.
import type { AliyunProduct } from '../aliyun/classify.js';

import { dypnsFindings } from './dypns-checks.js';
import { dysmsFindings } from './dysms-checks.js';
import { intlFindings } from './intl-checks.js';
import type { ProductDoctor } from './product-doctor.js';

/** The doctor's checks, keyed by the config's `service`. */
export const productDoctors: Readonly<Record<AliyunProduct, ProductDoctor>> = {
  dysms: { remote: dysmsFindings },
  dypns: { local: dypnsFindings },
  intl: { remote: intlFindings },
};
