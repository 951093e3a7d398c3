// Delivery receipt codes, as data: what the code in a QuerySendDetails receipt (ErrCode) means
// and what the administrator can do. Built from Aliyun's list of receipt codes and the
// carriers' gateway codes it passes on; a code not listed here is shown as it is.

/** One row of the receipt table. */
export type ReceiptCodeMeaning = {
  /** What the carrier or Aliyun reported, in a few words. */
  readonly meaning: string;
  /** One sentence for the administrator: what to do. */
  readonly advice: string;
};

/** A code as the administrator reads it. */
export type DescribedReceiptCode = ReceiptCodeMeaning & { readonly code: string; readonly known: boolean };

const row = (meaning: string, advice: string): ReceiptCodeMeaning => ({ meaning, advice });

const checkPhone =
  'Ask the user to check that the phone is switched on, has signal and can receive SMS, then send again.';
const checkNumber = 'Ask the user to check the number; a number that no longer exists cannot receive SMS.';
const checkFiling =
  'Check with the doctor that the sign name is filed with every carrier (签名实名制报备), and that the template text is one the carriers accept.';
const carrierBlacklist =
  'The user can ask the carrier to lift the block (e.g. after unsubscribing from the sign name); otherwise the number cannot be reached by SMS.';

/** The code of a delivered message. */
export const deliveredCode = 'DELIVRD';

/** Exact receipt codes. */
export const receiptCodes: ReadonlyMap<string, ReceiptCodeMeaning> = new Map([
  [deliveredCode, row('delivered to the phone', 'Nothing to do.')],
  ['DELIVERED', row('delivered to the phone', 'Nothing to do.')],
  ['UNDELIV', row('the carrier could not deliver it (phone switched off, out of service or suspended)', checkPhone)],
  ['EXPIRED', row('the phone stayed unreachable until the carrier gave up', checkPhone)],
  ['REJECTD', row('the carrier rejected the message', checkFiling)],
  ['REJECTED', row('the carrier rejected the message', checkFiling)],
  ['UNKNOWN', row('the carrier reported no outcome', 'Send again later; if it recurs for one carrier, ask Aliyun support with the BizId.')],
  ['MK:0000', row('blocked by the carrier’s gateway (blacklist, or a sign name the carrier does not accept)', checkFiling)],
  ['MK:0001', row('the number does not exist', checkNumber)],
  ['MK:0005', row('the number is suspended (停机)', checkPhone)],
  ['MK:0010', row('the phone was switched off or out of coverage until the message expired', checkPhone)],
  ['MK:0013', row('the number is suspended (停机)', checkPhone)],
  ['MK:0023', row('the phone is switched off', checkPhone)],
  ['MN:0001', row('the carrier blocked delivery to this number', carrierBlacklist)],
  ['IB:0008', row('the carrier’s gateway throttled the traffic', 'Send again in a minute; if it recurs, ask Aliyun support with the BizId.')],
  ['DB:0141', row('the number is on the carrier’s blacklist', carrierBlacklist)],
  ['DB:0142', row('the number reached the carrier’s daily limit of messages', 'Wait until tomorrow before sending to this number again.')],
  ['DB:0144', row('the number is on the carrier’s gateway blacklist', carrierBlacklist)],
  ['MI:0024', row('the phone is switched off', checkPhone)],
]);

/** Families of codes by prefix, for codes of a known shape whose exact number is not listed. */
export const receiptCodeFamilies: ReadonlyArray<readonly [prefix: string, meaning: ReceiptCodeMeaning]> = [
  ['MK:', row('China Mobile’s switch reported the phone unreachable (off, suspended, unknown number or blocked)', checkPhone)],
  ['MN:', row('China Mobile’s network blocked or could not route the message', `${checkPhone} ${checkFiling}`)],
  ['MI:', row('China Mobile’s switch reported the phone unreachable', checkPhone)],
  ['IB:', row('a carrier gateway refused the message on its way', 'Send again later; if it recurs, ask Aliyun support with the BizId.')],
  ['DB:', row('the carrier’s service platform refused the message (blacklist or limits)', carrierBlacklist)],
  ['SGIP:', row('China Unicom’s gateway refused the message', `${checkPhone} ${checkFiling}`)],
  ['isv.', row('Aliyun refused the message after accepting it', 'Look the code up in Aliyun’s error list; quote the BizId to Aliyun support.')],
];

const unknownCode = row(
  'a code the connector’s table does not list',
  'Look it up in Aliyun’s list of receipt codes (短信发送状态码), or in the SMS console’s delivery records with the BizId.'
);

/** What a receipt code means: exact row, else its family, else the code as it is with the unknown-code row. */
export const describeReceiptCode = (code: string): DescribedReceiptCode => {
  const exact = receiptCodes.get(code);
  if (exact !== undefined) {
    return { code, known: true, ...exact };
  }
  const family = receiptCodeFamilies.find(([prefix]) => code.startsWith(prefix));
  return family === undefined ? { code, known: false, ...unknownCode } : { code, known: true, ...family[1] };
};
