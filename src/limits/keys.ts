// What each limit counts, as pure functions of one send: the keys under which a send is counted
// and the limit that applies to each.
import { isIP } from 'node:net';

import type { Recipient } from '../phone.js';

import type { LimitRule, SendLimits } from './schema.js';

/** The three kinds of limit, in the order they are checked. */
export const limitKinds = ['perIp', 'perRange', 'perCountry'] as const;
/** One kind of limit. */
export type LimitKind = (typeof limitKinds)[number];

/** One counter a send adds to: its kind, the rule it is held to and the key it is counted under. */
export type LimitCheck = {
  kind: LimitKind;
  /** Names the counter across limit changes: the kind, the window and (per country) the country. */
  counter: string;
  key: string;
  rule: LimitRule;
};

/** The recipient as E.164: "+", the country calling code and the national number. */
export const e164Of = (recipient: Pick<Recipient, 'region' | 'countryCode' | 'aliyunNumber'>): string =>
  // Aliyun's form of a mainland number is the bare national number; every other one starts with its country code.
  recipient.region === 'mainland' ? `+${recipient.countryCode}${recipient.aliyunNumber}` : `+${recipient.aliyunNumber}`;

/** The number range: E.164 without its last `hiddenDigits` digits, never cutting into the country code. */
export const rangeKeyOf = (recipient: Pick<Recipient, 'region' | 'countryCode' | 'aliyunNumber'>, hiddenDigits: number): string => {
  const e164 = e164Of(recipient);
  const keep = Math.max(e164.length - hiddenDigits, 1 + recipient.countryCode.length);
  return e164.slice(0, keep);
};

/** The country a recipient is counted under: its ISO code, or "+" and the calling code for numbers of no country. */
export const countryKeyOf = (recipient: Pick<Recipient, 'country' | 'countryCode'>): string =>
  recipient.country ?? `+${recipient.countryCode}`;

/** The rule for one country: its override when it has one, else the default of `perCountry`. */
export const countryRuleOf = (perCountry: NonNullable<SendLimits['perCountry']>, country: string): LimitRule =>
  perCountry.countries?.[country] ?? { limit: perCountry.limit, windowSeconds: perCountry.windowSeconds };

const expandIpv6 = (address: string): string[] => {
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array.from({ length: missing }, () => '0'), ...tailGroups];
};

/**
 * The address an IP limit counts, or undefined for none: IPv4 as it is (also when written as
 * IPv4-mapped IPv6), IPv6 by its /64 network, which one subscriber usually holds whole and can
 * rotate addresses within at will.
 */
export const ipKeyOf = (ip: unknown): string | undefined => {
  if (typeof ip !== 'string') {
    return undefined;
  }
  const address = ip.trim().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  if (mapped !== undefined && isIP(mapped) === 4) {
    return mapped;
  }
  if (isIP(address) === 4) {
    return address;
  }
  if (isIP(address) !== 6 || address.includes('.')) {
    // An IPv6 address with an embedded IPv4 tail other than the mapped form is too rare to key by network.
    return isIP(address) === 6 ? address.toLowerCase() : undefined;
  }
  const network = expandIpv6(address.toLowerCase())
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''));
  return `${network.join(':')}::/64`;
};

/** The counters one send adds to, in checking order; empty when no limit applies to it. */
export const limitChecksOf = (limits: SendLimits, recipient: Recipient, ip: unknown): LimitCheck[] => {
  const checks: LimitCheck[] = [];
  const ipKey = ipKeyOf(ip);
  if (limits.perIp !== undefined && ipKey !== undefined) {
    checks.push({ kind: 'perIp', counter: `ip:${limits.perIp.windowSeconds}`, key: ipKey, rule: limits.perIp });
  }
  if (limits.perRange !== undefined) {
    const { hiddenDigits, ...rule } = limits.perRange;
    checks.push({ kind: 'perRange', counter: `range:${rule.windowSeconds}`, key: rangeKeyOf(recipient, hiddenDigits), rule });
  }
  if (limits.perCountry !== undefined) {
    const country = countryKeyOf(recipient);
    const rule = countryRuleOf(limits.perCountry, country);
    checks.push({ kind: 'perCountry', counter: `country:${rule.windowSeconds}`, key: country, rule });
  }
  return checks;
};
