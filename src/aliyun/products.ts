// Every Aliyun product the connector sends through, by the config's `service`: adding a
// product is adding its folder and its row here.
import type { AliyunProduct } from './codes/classify.js';
import { intlProduct } from './intl/product.js';
import type { ProductDefinition } from './product.js';
import { dypnsProduct, dysmsProduct } from './services.js';

/** The products, keyed by the config's `service`. */
export const products: Readonly<Record<AliyunProduct, ProductDefinition>> = {
  dysms: dysmsProduct,
  dypns: dypnsProduct,
  intl: intlProduct,
};

/** The definition of a product. */
export const productOf = (product: AliyunProduct): ProductDefinition => products[product];
