// Which resolved recipients this deployment sends to: the allowed countries (against SMS
// pumping, where attackers trigger codes to premium numbers abroad at the deployment's cost),
// and the SMS authentication service's mainland-only reach.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import type { AliyunProduct } from './aliyun/classify.js';
import { productOf } from './aliyun/products.js';
import type { SentenceId } from './end-user/sentences.js';
import type { Recipient } from './phone.js';

/** What decides whether a recipient may get a code. */
export type RecipientPolicy = {
  /** ISO 3166-1 alpha-2 codes; undefined allows every country. */
  allowedCountries?: readonly string[];
  service: AliyunProduct;
};

type EndUserSentence = { userSentence: SentenceId; userSentenceValues?: Readonly<Record<string, string>> };

const refusal = (recipient: Recipient, reason: string, field: string, errorDescription: string, sentence: EndUserSentence) =>
  new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
    errorDescription,
    reason,
    fields: [field],
    maskedPhoneNumber: recipient.masked,
    ...sentence,
  });

/** Throws invalid_request_parameters when the recipient's country is not allowed; the config's rule, checked once for every sender. */
export const checkCountryAllowed = (recipient: Recipient, allowedCountries: readonly string[] | undefined): void => {
  const country = recipient.country ?? `+${recipient.countryCode}`;
  if (allowedCountries !== undefined && !allowedCountries.includes(recipient.country ?? '')) {
    throw refusal(
      recipient,
      'country_not_allowed',
      'allowedCountries',
      `Sending codes to ${country} is not enabled (recipient ${recipient.masked}): add "${country}" to allowedCountries if such users should get codes.`,
      { userSentence: 'country-not-allowed-named', userSentenceValues: { country } }
    );
  }
};

/** Whether a service can send to the recipient at all: a mainland-only product (the SMS authentication service) reaches mainland China only. */
export const serviceReaches = (recipient: Recipient, service: RecipientPolicy['service']): boolean =>
  productOf(service).mainlandOnly === undefined || recipient.region === 'mainland';

/** Throws invalid_request_parameters (reason not_mainland) when a sender's service cannot reach the recipient; checked per sender. */
export const checkServiceReach = (recipient: Recipient, service: RecipientPolicy['service']): void => {
  const country = recipient.country ?? `+${recipient.countryCode}`;
  const { mainlandOnly } = productOf(service);
  if (mainlandOnly !== undefined && recipient.region !== 'mainland') {
    throw refusal(
      recipient,
      'not_mainland',
      'service',
      `${mainlandOnly.product} sends only to mainland China numbers, and ${recipient.masked} is in ${country}: ${mainlandOnly.instead}.`,
      { userSentence: 'mainland-only' }
    );
  }
};

/** Throws invalid_request_parameters when the recipient may not get a code; no request is made then. */
export const checkRecipientAllowed = (recipient: Recipient, policy: RecipientPolicy): void => {
  checkCountryAllowed(recipient, policy.allowedCountries);
  checkServiceReach(recipient, policy.service);
};
