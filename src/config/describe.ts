// Zod's issues, reworded for the administrator: the key that is wrong (with its form label)
// and what it must be, never the value, which may be a secret.
import { isKeyInObject } from '@silverhand/essentials';
import { z } from 'zod';

import { namedField } from './labels.js';

const describePath = (path: ReadonlyArray<string | number>, input: unknown): string => {
  const [field, index, ...rest] = path;
  if (field === undefined) {
    return 'The configuration';
  }
  // The fallback sender's keys are a sender's keys: named the same way, under "fallback.".
  if (field === 'fallback' && index !== undefined) {
    return `fallback.${describePath([index, ...rest], isKeyInObject(input, 'fallback') ? input.fallback : undefined)}`;
  }
  const name = namedField(String(field));
  if (typeof index !== 'number') {
    // Inside an object key (sendLimits.perIp.limit): the rest of the path after the label.
    return index === undefined ? name : `${name} ${[index, ...rest].join('.')}`;
  }
  if (field !== 'templates') {
    return `${name} entry ${index + 1}`;
  }
  const templates = isKeyInObject(input, 'templates') ? input.templates : undefined;
  const entry: unknown = Array.isArray(templates) ? templates[index] : undefined;
  const usageType = isKeyInObject(entry, 'usageType') ? entry.usageType : undefined;
  const entryName = typeof usageType === 'string' ? ` (usageType "${usageType}")` : '';
  const subfield = rest.length > 0 ? ` ${rest.join('.')}` : '';
  return `${name} entry ${index + 1}${entryName}${subfield}`;
};

// Zod reports a failed union as "Invalid input"; say which shapes the field accepts.
const unionMessages: Readonly<Record<string, string>> = {
  templateCode: 'must be a template code such as "SMS_123456789", or { "china": "…", "overseas": "…" }',
  timeout: 'must be a number of milliseconds',
  allowedCountries: 'must be country codes such as "CN HK SG" (text), or ["CN", "HK", "SG"]',
};

/** One zod issue as a sentence naming the field. */
export const describeIssue = (issue: z.ZodIssue, input: unknown): string => {
  // Zod's own wording for a missing key is "Required"; say it the way a form would.
  if (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined') {
    return `${describePath(issue.path, input)} is required`;
  }
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    // A fallback takes a sender's keys only: the shared ones are the main config's.
    const shared =
      issue.path.length === 1 && issue.path[0] === 'fallback'
        ? '; timeout, allowedCountries, strictPhoneRegionNumberCheck and sendLimits belong to the main config and apply to both senders'
        : '';
    return `${describePath(issue.path, input)} has no key ${keys} (check its spelling${shared})`;
  }
  if (issue.code === z.ZodIssueCode.invalid_enum_value) {
    return `${describePath(issue.path, input)} must be one of ${issue.options.map((option) => `"${String(option)}"`).join(', ')}`;
  }
  const message =
    issue.code === z.ZodIssueCode.invalid_union
      ? (unionMessages[String(issue.path.at(-1))] ?? 'has the wrong type')
      : issue.message.replace(/^Expected/, 'must be').replace(/, received \w+$/, '');
  return `${describePath(issue.path, input)} ${message}`;
};
