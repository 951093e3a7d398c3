// The `sendLimits` config key: counts of sends per IP, per number range and per country, against
// SMS pumping. Every part is optional and `{}` (what Logto's console form gives back for a stored
// config without the key) means no limits at all. Messages never echo a value: the Redis URL may
// hold a password.
import { getCountries } from 'libphonenumber-js/mobile';
import { z } from 'zod';

/** Bounds of one limit: a send count per window. */
export const limitBounds = { min: 1, max: 1_000_000 } as const;
/** Bounds of a window in seconds: one second to one day (longer windows are Aliyun's daily caps' job). */
export const windowBounds = { min: 1, max: 86_400 } as const;
/** Bounds of `perRange.hiddenDigits`: at least one digit hidden, never more than a national number's worth. */
export const hiddenDigitsBounds = { min: 1, max: 8 } as const;
/** The window when a part names none: one hour. */
export const defaultWindowSeconds = 3600;
/** The digits `perRange` drops from the end of a number unless told otherwise. */
export const defaultHiddenDigits = 4;

const wholeNumber = (what: string, bounds: { min: number; max: number }) =>
  z
    .number({ invalid_type_error: `must be a number (${what})` })
    .int(`must be a whole number (${what})`)
    .min(bounds.min, `must be at least ${bounds.min} (${what})`)
    .max(bounds.max, `must be at most ${bounds.max} (${what})`);

const limitField = wholeNumber('sends per window', limitBounds);
const windowField = wholeNumber('seconds', windowBounds).default(defaultWindowSeconds);

const ruleShape = { limit: limitField, windowSeconds: windowField };

/** One limit: at most `limit` sends per `windowSeconds`. */
export const limitRuleGuard = z.object(ruleShape).strict();

const knownCountries: ReadonlySet<string> = new Set(getCountries());

const countryOverridesGuard = z
  .record(z.string(), limitRuleGuard)
  .superRefine((overrides, context) => {
    const seen = new Set<string>();
    for (const code of Object.keys(overrides)) {
      const upper = code.trim().toUpperCase();
      if (!knownCountries.has(upper)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: [code],
          message: 'must be an ISO 3166-1 alpha-2 country code with phone numbers, such as "CN" or "GB"',
        });
      } else if (seen.has(upper)) {
        context.addIssue({ code: z.ZodIssueCode.custom, path: [code], message: 'names a country already listed' });
      }
      seen.add(upper);
    }
  })
  .transform((overrides) =>
    Object.fromEntries(Object.entries(overrides).map(([code, rule]) => [code.trim().toUpperCase(), rule]))
  );

/** Why a Redis URL is refused, or undefined when it is fine. */
export const redisUrlProblem = (value: string): string | undefined => {
  if (!URL.canParse(value)) {
    return 'must be a URL such as redis://:password@redis.internal:6379/0';
  }
  const url = new URL(value);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    return 'must start with redis:// (or rediss:// for TLS)';
  }
  if (url.hostname === '') {
    return 'must name the Redis host';
  }
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d{1,2}$/.test(url.pathname)) {
    return 'may end only with a database number, such as /0';
  }
  return undefined;
};

const redisUrlGuard = z
  .string({ invalid_type_error: 'must be a redis:// or rediss:// URL' })
  .trim()
  .superRefine((value, context) => {
    const problem = redisUrlProblem(value);
    if (problem !== undefined) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });

/** The `sendLimits` object; `{}` is valid and limits nothing. */
export const sendLimitsGuard = z
  .object(
    {
      perIp: limitRuleGuard.optional(),
      perRange: z
        .object({ ...ruleShape, hiddenDigits: wholeNumber('digits', hiddenDigitsBounds).default(defaultHiddenDigits) })
        .strict()
        .optional(),
      perCountry: z.object({ ...ruleShape, countries: countryOverridesGuard.optional() }).strict().optional(),
      redisUrl: redisUrlGuard.optional(),
    },
    { invalid_type_error: 'must be an object such as { "perIp": { "limit": 10, "windowSeconds": 3600 } }' }
  )
  .strict();

/** The validated `sendLimits`, defaults applied. */
export type SendLimits = z.infer<typeof sendLimitsGuard>;
/** One validated limit. */
export type LimitRule = z.infer<typeof limitRuleGuard>;
