import { ConnectorError, ConnectorErrorCodes, getConfigTemplateByType } from '@logto/connector-kit';

import type { TemplateConfig } from './config/schema.js';
import type { Region } from './phone.js';

/** The template Aliyun should use for one send. */
export type ChosenTemplate = { usageType: string; templateCode: string };

/** Picks the template for a usage type (falling back to Generic) and the code for the recipient's region. */
export const chooseTemplate = (
  templates: readonly TemplateConfig[],
  usageType: string,
  region: Region
): ChosenTemplate => {
  const template = getConfigTemplateByType(usageType, { templates: [...templates] });
  if (!template) {
    throw new ConnectorError(ConnectorErrorCodes.TemplateNotFound, {
      errorDescription: `No Aliyun SMS template is configured for usage type "${usageType}" and there is no "Generic" template to fall back to: add one to Templates.`,
      usageType,
    });
  }
  const { templateCode } = template;
  return {
    usageType: template.usageType,
    templateCode:
      typeof templateCode === 'string'
        ? templateCode
        : region === 'mainland'
          ? templateCode.china
          : templateCode.overseas,
  };
};
