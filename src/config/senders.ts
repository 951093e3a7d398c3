// The one or two senders of a config. The fallback sends with its own sender keys and the main
// config's shared ones (timeout, allowed countries, number rules): nothing of the main sender
// (its endpoint, its key) may leak into it, so it is built from the fallback's keys alone.
import type { AliyunSmsConfig } from './schema.js';

/** Which of a config's senders: the admin reads it in the console's Send errors and the doctor. */
export type SenderRole = 'main' | 'fallback';

/** A sender's config, as the send and the doctor take it, and its role. */
export type Sender = { role: SenderRole; config: AliyunSmsConfig };

/** The config the fallback sender sends with, or undefined when there is none. */
export const fallbackConfigOf = (config: AliyunSmsConfig): AliyunSmsConfig | undefined => {
  if (config.fallback === undefined) {
    return undefined;
  }
  const { strictPhoneRegionNumberCheck, allowedCountries, timeout } = config;
  return {
    strictPhoneRegionNumberCheck,
    timeout,
    ...(allowedCountries === undefined ? {} : { allowedCountries }),
    ...config.fallback,
  };
};

/** Every sender of a config, the main one first. */
export const sendersOf = (config: AliyunSmsConfig): Sender[] => {
  const fallback = fallbackConfigOf(config);
  return [{ role: 'main', config }, ...(fallback === undefined ? [] : [{ role: 'fallback' as const, config: fallback }])];
};

/** How errors and findings name a sender. */
export const senderLabel = (role: SenderRole): string => (role === 'main' ? 'main sender' : 'fallback sender');
