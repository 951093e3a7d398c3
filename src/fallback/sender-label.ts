// With two senders, the console's Send reports which one failed: the administrator must know
// whether to fix the main config's keys or the fallback's.
import type { ConnectorError } from '@logto/connector-kit';

import { connectorError } from '../aliyun/rpc/failures.js';
import { senderLabel, type SenderRole } from '../config/senders.js';

const capitalized = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A fallback sender's error in the config's terms: the keys it names are the fallback's (`fallback.signName`). */
export const inFallbackTerms = (error: ConnectorError): ConnectorError => {
  const data = typeof error.data === 'object' && error.data !== null ? { ...error.data } : {};
  const fields: unknown = Reflect.get(data, 'fields');
  if (!Array.isArray(fields)) {
    return error;
  }
  const prefixed = fields.map((field: unknown) => (typeof field === 'string' ? `fallback.${field}` : field));
  const description: unknown = Reflect.get(data, 'errorDescription');
  return connectorError(
    error.code,
    { ...data, errorDescription: typeof description === 'string' ? description : error.message, fields: prefixed },
    error.message
  );
};

/** The same error, its description and message starting with the sender's name ("Fallback sender: …"). */
export const withSenderLabel = (error: ConnectorError, role: SenderRole): ConnectorError => {
  const data = typeof error.data === 'object' && error.data !== null ? { ...error.data } : {};
  const description: unknown = Reflect.get(data, 'errorDescription');
  const label = capitalized(senderLabel(role));
  return connectorError(
    error.code,
    { ...data, errorDescription: `${label}: ${typeof description === 'string' ? description : error.message}`, sender: role },
    `${label}: ${error.message}`
  );
};
