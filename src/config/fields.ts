// Guards for single config fields, shared by the schema. Every message names what is wrong
// without echoing the value: configs hold secrets.
import { getCountries } from 'libphonenumber-js/mobile';
import { z } from 'zod';

/** Bounds for `timeout`: below one second real Aliyun calls fail, above a minute a sign-in hangs. */
export const timeoutBoundsMs = { min: 1000, max: 60_000 } as const;

/** The whole send's deadline unless configured, retries included. */
export const defaultTimeoutMs = 10_000;

/** Text that is not blank, trimmed; a lone UTF-16 surrogate cannot be encoded into a request. */
export const nonEmptyText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((value) => value.isWellFormed(), 'contains a broken character (a lone UTF-16 surrogate)');

/**
 * Text that travels in an HTTP header (the STS token in V3's x-acs-security-token, the AccessKey
 * ID in V3's Authorization): visible ASCII only. Node refuses other characters in a header when
 * the request is made, which would otherwise surface as a network error at every send.
 */
export const headerText = nonEmptyText.pipe(
  z.string().regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces: it is sent in an HTTP header')
);

// The console's Number field may hand over a number or its digits; z.coerce would call
// Number() on any JSON value, and that throws for objects such as { "toString": null }.
/** Milliseconds within the timeout bounds, as a number or a string of digits. */
export const millisecondsGuard = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, 'must be a number of milliseconds').transform(Number)])
  .pipe(
    z
      .number()
      .int('must be a whole number of milliseconds')
      .min(timeoutBoundsMs.min, `must be at least ${timeoutBoundsMs.min} ms`)
      .max(timeoutBoundsMs.max, `must be at most ${timeoutBoundsMs.max} ms`)
  );

const isLoopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);

/** Why an endpoint URL is refused, or undefined when it is fine. */
export const endpointProblem = (value: string): string | undefined => {
  if (!URL.canParse(value)) {
    return 'must be a URL such as https://dysmsapi.aliyuncs.com/';
  }
  const url = new URL(value);
  // http: would carry the signed request, phone number and code in clear text: only tolerable
  // when it never leaves the machine (the local Aliyun-compatible server, a sidecar proxy).
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
    return 'must use https:// (http:// is accepted only for localhost or 127.0.0.1)';
  }
  // A query or fragment would be sent unsigned beside the signed form; credentials in the URL
  // would travel to the host and into logs.
  if (url.username !== '' || url.password !== '') {
    return 'must not contain a user name or password';
  }
  if (url.search !== '' || value.includes('?')) {
    return 'must not contain a query string (?…)';
  }
  if (url.hash !== '' || value.includes('#')) {
    return 'must not contain a fragment (#…)';
  }
  return undefined;
};

/** An https endpoint (http only on loopback), with a path allowed but no query, fragment or credentials. */
export const endpointGuard = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const problem = endpointProblem(value);
    if (problem !== undefined) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });

const knownCountries: ReadonlySet<string> = new Set(getCountries());

const countryCode = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine((code) => knownCountries.has(code), 'must be an ISO 3166-1 alpha-2 country code with phone numbers, such as "CN" or "HK"');

/** The codes of the form's text: separated by spaces, commas or semicolons; none when blank. */
export const countryCodesOfText = (text: string): string[] => text.split(/[\s,;，；、]+/u).filter((code) => code !== '');

// The console's form holds this key as text ("CN HK SG"); configs written through the Management
// API hold an array (["CN", "HK"]). Blank text is what an emptied field means: every country.
// An empty array stays refused: written by hand, it is as likely meant as "no country at all".
/** ISO 3166-1 alpha-2 codes of countries with phone numbers, upper case and unique; undefined for every country. */
export const countryListGuard = z
  .union([z.string(), z.array(z.unknown())])
  .transform((value) => {
    if (typeof value !== 'string') {
      return value;
    }
    const codes = countryCodesOfText(value);
    return codes.length === 0 ? undefined : codes;
  })
  .pipe(
    z
      .array(countryCode)
      .min(1, 'must list at least one country (leave the field empty, or the key out, to allow every country)')
      .transform((codes) => [...new Set(codes)])
      .optional()
  );
