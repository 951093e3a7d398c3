// The phone-number reader: one module for its callers, split by job under src/phone/.
export { maskPhoneNumber } from './phone/mask.js';
export type { PhoneNumberProblem } from './phone/refusal.js';
export {
  resolveRecipient,
  type Recipient,
  type Region,
  type ResolveOptions,
} from './phone/resolve.js';
