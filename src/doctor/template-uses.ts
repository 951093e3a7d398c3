import { productOf } from '../aliyun/products.js';
import type { AliyunSmsConfig } from '../config/schema.js';
import { resolveParams } from '../templates/params.js';

import type { RegionsServed, TemplateUse } from './template-checks.js';

/** Every distinct way the config uses a template code: its role and the variables it sends. */
export const templateUsesOf = (config: Pick<AliyunSmsConfig, 'templates' | 'service'>): TemplateUse[] => {
  const defaults = productOf(config.service).defaultParams;
  const uses = new Map<string, { code: string; role: TemplateUse['role']; variables: string[]; usedBy: string[] }>();
  for (const entry of config.templates) {
    const variables = Object.keys(resolveParams(entry, defaults)).sort();
    const who = entry.locale === undefined ? entry.usageType : `${entry.usageType} ${entry.locale}`;
    const { templateCode } = entry;
    const codes: Array<[string, TemplateUse['role']]> =
      templateCode === undefined
        ? []
        : typeof templateCode === 'string'
          ? [[templateCode, 'any']]
          : [
              [templateCode.china, 'china'],
              [templateCode.overseas, 'overseas'],
            ];
    for (const [code, role] of codes) {
      // One check per code, role and variable set: the same code used two ways is two questions.
      const key = JSON.stringify([code, role, variables]);
      const use = uses.get(key) ?? { code, role, variables, usedBy: [] };
      use.usedBy.push(who);
      uses.set(key, use);
    }
  }
  return [...uses.values()];
};

/** The regions allowedCountries lets receive codes (both when it is not set). */
export const regionsServedBy = (config: Pick<AliyunSmsConfig, 'allowedCountries'>): RegionsServed => {
  const countries = config.allowedCountries;
  if (countries === undefined) {
    return { mainland: true, international: true, restricted: false };
  }
  return {
    mainland: countries.includes('CN'),
    international: countries.some((country) => country !== 'CN'),
    restricted: true,
  };
};
