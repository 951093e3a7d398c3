import { ConnectorError, ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { isKeyInObject } from '@silverhand/essentials';
import { z } from 'zod';

/** Where SendSms goes unless the administrator points the connector elsewhere. */
export const defaultEndpoint = 'https://dysmsapi.aliyuncs.com/';

/** Per-attempt request timeout in milliseconds unless configured. */
export const defaultTimeoutMs = 10_000;

/** Bounds for the `timeout` key: below one second real Aliyun calls fail, above a minute a sign-in hangs. */
export const timeoutBoundsMs = { min: 1000, max: 60_000 } as const;

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

// Logto matches usage types exactly, as the official connector does: trimming "SignIn " would
// change which template a config picks, so blank values are refused but others kept as typed.
const usageTypeText = z.string().refine((value) => value.trim() !== '', 'must not be empty');

// The console's Number field may hand over a number or its digits; z.coerce would call
// Number() on any JSON value, and that throws for objects such as { "toString": null }.
const millisecondsGuard = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, 'must be a number of milliseconds').transform(Number)])
  .pipe(
    z
      .number()
      .int('must be a whole number of milliseconds')
      .min(timeoutBoundsMs.min, `must be at least ${timeoutBoundsMs.min} ms`)
      .max(timeoutBoundsMs.max, `must be at most ${timeoutBoundsMs.max} ms`)
  );

/** A template code, or one per recipient region as the official connector allows. */
export const templateCodeGuard = z.union([
  nonEmptyText,
  z.object({ china: nonEmptyText, overseas: nonEmptyText }),
]);

/** One entry of `templates`; `type` is the official connector's ignored legacy field. */
export const templateGuard = z.object({
  usageType: usageTypeText,
  templateCode: templateCodeGuard,
  type: z.unknown().optional(),
});

const isLoopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname === '[::1]' ||
  /^127(?:\.\d{1,3}){3}$/.test(hostname);

// http: would send the signed request, phone number and code in clear text: only tolerable
// when it never leaves the machine (the local emulator, a sidecar proxy).
const endpointGuard = z
  .string()
  .trim()
  .url('must be a URL such as https://dysmsapi.aliyuncs.com/')
  .refine(
    (value) => {
      // Zod still runs refinements after a failed .url() check.
      if (!URL.canParse(value)) {
        return true;
      }
      const { protocol, hostname } = new URL(value);
      return protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(hostname));
    },
    { message: 'must use https:// (http:// is accepted only for localhost or 127.0.0.1)' }
  );

/** The connector's configuration: the single source of its types. */
export const aliyunSmsConfigGuard = z
  .object({
    accessKeyId: nonEmptyText,
    accessKeySecret: nonEmptyText,
    signName: nonEmptyText,
    templates: z.array(templateGuard).min(1, 'must list at least one template'),
    strictPhoneRegionNumberCheck: z.boolean().default(false),
    endpoint: endpointGuard.default(defaultEndpoint),
    timeout: millisecondsGuard.default(defaultTimeoutMs),
  })
  .superRefine(({ templates }, context) => {
    const usageTypes = new Set(templates.map(({ usageType }) => usageType));
    if (usageTypes.has(TemplateType.Generic)) {
      return;
    }
    // Generic itself only fails when the console's test button asks for it, and then
    // template_not_found names it; the other types are what real users would miss.
    const uncovered = Object.values(TemplateType).filter(
      (type) => type !== TemplateType.Generic && !usageTypes.has(type)
    );
    if (uncovered.length > 0) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['templates'],
        message: `have no template for ${uncovered.join(', ')}: add a "Generic" template (used for every type without its own) or one for each`,
      });
    }
  });

/** What the admin console or Logto's database hands us. */
export type AliyunSmsConfigInput = z.input<typeof aliyunSmsConfigGuard>;
/** The validated configuration with defaults applied. */
export type AliyunSmsConfig = z.infer<typeof aliyunSmsConfigGuard>;
/** One validated template entry. */
export type TemplateConfig = z.infer<typeof templateGuard>;

const fieldLabels: Record<string, string> = {
  accessKeyId: 'AccessKey ID',
  accessKeySecret: 'AccessKey secret',
  signName: 'Sign name',
  templates: 'Templates',
  strictPhoneRegionNumberCheck: 'Strict phone region check',
  endpoint: 'Endpoint',
  timeout: 'Timeout',
};

const describePath = (path: ReadonlyArray<string | number>, input: unknown): string => {
  const [field, index, ...rest] = path;
  if (field === undefined) {
    return 'The configuration';
  }
  const label = fieldLabels[String(field)] ?? String(field);
  if (field !== 'templates' || typeof index !== 'number') {
    return label;
  }
  const templates = isKeyInObject(input, 'templates') ? input.templates : undefined;
  const entry: unknown = Array.isArray(templates) ? templates[index] : undefined;
  const usageType = isKeyInObject(entry, 'usageType') ? entry.usageType : undefined;
  const entryName = typeof usageType === 'string' ? ` (usageType "${usageType}")` : '';
  const subfield = rest.length > 0 ? ` ${rest.join('.')}` : '';
  return `${label} entry ${index + 1}${entryName}${subfield}`;
};

// Zod reports a failed union as "Invalid input"; say which shapes the field accepts.
const unionMessages: Record<string, string> = {
  templateCode: 'must be a template code such as "SMS_123456789", or { "china": "…", "overseas": "…" }',
  timeout: 'must be a number of milliseconds',
};

const describeIssue = (issue: z.ZodIssue, input: unknown): string => {
  // Zod's own wording for a missing key is "Required"; say it the way a form would.
  if (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined') {
    return `${describePath(issue.path, input)} is required`;
  }
  const message =
    issue.code === z.ZodIssueCode.invalid_union
      ? (unionMessages[String(issue.path.at(-1))] ?? 'has the wrong type')
      : issue.message.replace(/^Expected/, 'must be').replace(/, received \w+$/, '');
  return `${describePath(issue.path, input)} ${message}`;
};

/** Validates a raw config; throws ConnectorError(invalid_config) naming each bad field, never echoing values. */
export const parseConfig = (input: unknown): AliyunSmsConfig => {
  const result = aliyunSmsConfigGuard.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => describeIssue(issue, input));
  throw new ConnectorError(ConnectorErrorCodes.InvalidConfig, {
    errorDescription: `Invalid Aliyun SMS configuration: ${problems.join('; ')}.`,
    fields: [...new Set(result.error.issues.map(({ path }) => path.join('.')))],
  });
};
