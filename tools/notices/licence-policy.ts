/**
 * The licences a bundled package may carry: permissive ones whose only condition is passing
 * on the copyright and licence text (and, for Apache-2.0, its NOTICE), which the notices do.
 */
export const allowedLicences: readonly string[] = ['0BSD', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'BlueOak-1.0.0', 'ISC', 'MIT'];

/** The verdict on one package.json `license` value. */
export type LicenceVerdict = { allowed: true; licence: string } | { allowed: false; reason: string };

const simpleIdentifier = /^[A-Za-z0-9][A-Za-z0-9.+-]*$/;

// `A OR B` (parentheses optional) lets us pick an allowed alternative. Anything richer
// (AND, WITH, nesting) is left for a person to read: it fails rather than being guessed at.
const alternativesOf = (expression: string): string[] | undefined => {
  const inner = /^\((.*)\)$/.exec(expression)?.[1] ?? expression;
  const alternatives = inner.split(' OR ').map((part) => part.trim());
  return alternatives.every((part) => simpleIdentifier.test(part)) ? alternatives : undefined;
};

/** Judges a package.json `license` value against {@link allowedLicences}. */
export const judgeLicence = (license: unknown): LicenceVerdict => {
  if (license === undefined) {
    return { allowed: false, reason: 'package.json declares no licence' };
  }
  if (typeof license !== 'string') {
    return { allowed: false, reason: `package.json's licence is not an SPDX expression: ${JSON.stringify(license)}` };
  }
  const expression = license.trim();
  const alternatives = alternativesOf(expression);
  if (alternatives === undefined) {
    return { allowed: false, reason: `the licence expression "${expression}" needs reading by a person` };
  }
  if (!alternatives.some((alternative) => allowedLicences.includes(alternative))) {
    return { allowed: false, reason: `"${expression}" is not among the allowed licences (${allowedLicences.join(', ')})` };
  }
  return { allowed: true, licence: expression };
};
