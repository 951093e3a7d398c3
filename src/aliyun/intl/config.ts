// What a config for the international site must hold beyond the shared fields: each entry's
// message, a mainland template only where the region offers it and with a sign name, a sender
// ID Aliyun can accept.
import type { SenderConfig } from '../../config/schema.js';
import type { ConfigIssue } from '../product.js';
import type { RegionId } from '../regions.js';

import { messageProblems } from './message.js';
import { offersMainlandTemplates } from './regions.js';
import { senderIdProblem } from './sender-id.js';

const entryIssues = (entry: SenderConfig['templates'][number], index: number): ConfigIssue[] => {
  const issues: ConfigIssue[] = [];
  if (entry.message === undefined) {
    issues.push({
      path: ['templates', index, 'message'],
      message: 'is required for service "intl": the text of the SMS, with {{code}} where the code goes',
    });
  } else {
    issues.push(...messageProblems(entry.message).map((message) => ({ path: ['templates', index, 'message'], message })));
  }
  if (entry.templateCode !== undefined && typeof entry.templateCode !== 'string') {
    issues.push({
      path: ['templates', index, 'templateCode'],
      message: 'must be one approved mainland template code for service "intl", which uses it only for mainland China numbers',
    });
  }
  return issues;
};

/** The international site's rules for a config; `regionId` is the one it will use. */
export const intlConfigIssues = (config: SenderConfig, regionId: RegionId): ConfigIssue[] => {
  const issues = config.templates.flatMap((entry, index) => entryIssues(entry, index));
  const mainlandTemplates = config.templates.some(({ templateCode }) => templateCode !== undefined);
  if (mainlandTemplates && !offersMainlandTemplates(regionId)) {
    issues.push({
      path: ['regionId'],
      message: `is ${regionId}, which does not offer SendMessageWithTemplate: choose ap-southeast-1 or eu-central-1 to send the entries' mainland templateCode`,
    });
  }
  if (mainlandTemplates && config.signName === undefined) {
    issues.push({
      path: ['signName'],
      message: 'is required when an entry has a mainland templateCode: Aliyun sends it as From with the template',
    });
  }
  const senderProblem = config.senderId === undefined ? undefined : senderIdProblem(config.senderId);
  if (senderProblem !== undefined) {
    issues.push({ path: ['senderId'], message: senderProblem });
  }
  return issues;
};
