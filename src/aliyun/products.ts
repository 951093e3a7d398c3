// Every Aliyun product the connector sends through, by the config's `service`: adding a
// product is adding its folder and its row here.
import type { AliyunProduct } from './classify.js';
import { dypnsProduct } from './dypns/product.js';
import { sendSmsVerifyCodeApi } from './dypns/send.js';
import { dysmsProduct } from './dysms/product.js';
import { sendSmsApi } from './dysms/send.js';
import { intlProduct } from './intl/product.js';
import type { ProductDefinition } from './product.js';
import type { SendApi } from './template-code-send.js';

/** The products, keyed by the config's `service`. */
export const products: Readonly<Record<AliyunProduct, ProductDefinition>> = {
  dysms: dysmsProduct,
  dypns: dypnsProduct,
  intl: intlProduct,
};

/** The definition of a product. */
export const productOf = (product: AliyunProduct): ProductDefinition => products[product];

const templateCodeSendApis: Readonly<Record<'dysms' | 'dypns', SendApi>> = {
  dysms: sendSmsApi,
  dypns: sendSmsVerifyCodeApi,
};

/** The send API of the two template-code products (tests call them directly). */
export const sendApiOf = (product: 'dysms' | 'dypns'): SendApi => templateCodeSendApis[product];
