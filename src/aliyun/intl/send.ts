// One send through the international site: free text with SendMessageToGlobe to numbers
// outside mainland China; for mainland numbers only an approved template with
// SendMessageWithTemplate, which Aliyun requires there. Refused before any request otherwise.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';

import { resolveParams, sendSmsDefaultParams, templateParamFor } from '../../templates/params.js';
import type { SendCall, SendInput, SendResult } from '../product.js';

import { messageIdOf, readIntlAnswer } from './answer.js';
import { fillMessage } from './message.js';

/** The international site's API version. */
export const intlVersion = '2018-05-01';

const accept = (answer: { RequestId?: string }, body: string): SendResult | undefined => {
  const messageId = messageIdOf(body);
  return messageId === undefined ? undefined : { MessageId: messageId, RequestId: answer.RequestId ?? '' };
};

const entryName = ({ usageType, locale }: SendInput['entry']): string =>
  locale === undefined ? `usage type "${usageType}"` : `usage type "${usageType}" (locale "${locale}")`;

const mainlandRefusal = (input: SendInput, missing: string): ConnectorError =>
  new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
    errorDescription: `Aliyun's international site sends to mainland China numbers (recipient ${input.recipient.masked}) only with an approved mainland template, never as free text: ${missing}.`,
    reason: 'mainland_needs_template',
    fields: ['templates', 'signName'],
    maskedPhoneNumber: input.recipient.masked,
    userSentence: 'mainland-unavailable',
  });

const mainlandCall = (input: SendInput): SendCall => {
  const { entry, config } = input;
  const { templateCode } = entry;
  if (typeof templateCode !== 'string' || config.signName === undefined) {
    const missing = [
      ...(typeof templateCode === 'string' ? [] : [`add "templateCode" (an approved mainland template) to the templates entry for ${entryName(entry)}`]),
      ...(config.signName === undefined ? ['set signName to the approved sign name of that template'] : []),
    ];
    throw mainlandRefusal(input, missing.join(', and '));
  }
  return {
    action: 'SendMessageWithTemplate',
    version: intlVersion,
    parameters: {
      To: input.recipient.countryCode + input.recipient.aliyunNumber,
      From: config.signName,
      TemplateCode: templateCode,
      TemplateParam: templateParamFor(resolveParams(entry, sendSmsDefaultParams), input.code),
    },
    accept,
    readAnswer: readIntlAnswer,
  };
};

/** The call for one international-site send. */
export const intlSendCall = (input: SendInput): SendCall => {
  if (input.recipient.region === 'mainland') {
    return mainlandCall(input);
  }
  const { entry, config } = input;
  // Validated at save; an entry without text can only come from an unvalidated config.
  const text = entry.message ?? '';
  return {
    action: 'SendMessageToGlobe',
    version: intlVersion,
    parameters: {
      To: input.recipient.aliyunNumber,
      Message: fillMessage(text, input.code),
      Type: 'OTP',
      ...(config.senderId === undefined ? {} : { From: config.senderId }),
    },
    accept,
    readAnswer: readIntlAnswer,
  };
};
