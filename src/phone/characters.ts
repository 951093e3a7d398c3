// The character-level checks, before any number parsing: what people and imports put in a
// phone field that can never be one number.
import { refusal } from './refusal.js';

/** The digits of a phone number, and whether the writer put a "+" or "00" (a country code follows) before them. */
export type PhoneDigits = {
  /** ASCII digits only, without the "+" or the leading "00". */
  digits: string;
  hasInternationalPrefix: boolean;
};

// E.164 caps a full number (country code included) at 15 digits; more can only be a typo or a list.
const maxE164Digits = 15;
// Separators people use to list numbers, full-width ones included because Chinese keyboards produce them.
const listSeparators = new Set([',', ';', '&', '/', '|', '，', '；', '、']);
const allowedPunctuation = new Set(['-', '.', '(', ')', '+']);

/** Checks the characters of `raw` and returns its digits, or throws the refusal naming the first problem. */
export function readDigits(raw: string): PhoneDigits {
  const text = raw.trim();
  if (text === '') {
    throw refusal(raw, 'empty', 'The phone number is empty.');
  }
  // What Logto stores (digits, at most a leading "+") passes every check below: read it at once.
  const plain = plainNumber.exec(text);
  if (plain) {
    return fromDigits(raw, plain[2] ?? '', plain[1] === '+');
  }

  // Checked in this order so that a list of numbers is reported as such even when it also has letters.
  for (const character of text) {
    if (listSeparators.has(character)) {
      throw refusal(
        raw,
        'several_numbers',
        `The phone number contains "${character}", which separates several numbers, but exactly one number is allowed.`,
      );
    }
  }
  if (/\p{L}/u.test(text)) {
    throw refusal(
      raw,
      'letters',
      'The phone number contains letters, but only digits, spaces, "+", "-", "." and parentheses are allowed.',
    );
  }
  for (const character of text) {
    if (!/[0-9]/.test(character) && !/\s/.test(character) && !allowedPunctuation.has(character)) {
      throw refusal(
        raw,
        'invalid_character',
        `The phone number contains the character ${JSON.stringify(character)}, which is not allowed in a phone number.`,
      );
    }
  }

  const plusCount = text.split('+').length - 1;
  if (plusCount > 1) {
    throw refusal(
      raw,
      'several_numbers',
      'The phone number contains more than one "+", so it holds several numbers, but exactly one number is allowed.',
    );
  }
  const plusAt = text.indexOf('+');
  // "(+86) 138…" is a common way to write it, so only spaces and "(" may come before the "+".
  if (plusAt > 0 && !/^[\s(]*$/.test(text.slice(0, plusAt))) {
    throw refusal(raw, 'misplaced_plus', 'The phone number has a "+" that is not at its start.');
  }

  if (!hasBalancedParentheses(text)) {
    throw refusal(raw, 'unbalanced_parentheses', 'The phone number has unbalanced parentheses.');
  }

  const allDigits = text.replace(/\D/g, '');
  if (allDigits === '') {
    throw refusal(raw, 'no_digits', 'The phone number contains no digits.');
  }

  return fromDigits(raw, allDigits, plusAt >= 0);
}

const plainNumber = /^(\+?)(\d+)$/;

// The digits after the checks of characters: a leading "00" stripped, the length bounded.
function fromDigits(raw: string, allDigits: string, hasPlus: boolean): PhoneDigits {
  // "00" is the international dialling prefix of China and most of the world: same meaning as "+".
  const hasDoubleZero = !hasPlus && allDigits.startsWith('00');
  const digits = hasDoubleZero ? allDigits.slice(2) : allDigits;

  if (digits.length > maxE164Digits) {
    throw refusal(
      raw,
      'too_long',
      `The phone number has more than ${maxE164Digits} digits, so it is too long for one phone number or holds several numbers.`,
    );
  }

  return { digits, hasInternationalPrefix: hasPlus || hasDoubleZero };
}

function hasBalancedParentheses(text: string): boolean {
  let depth = 0;
  for (const character of text) {
    if (character === '(') {
      depth += 1;
    } else if (character === ')') {
      depth -= 1;
      if (depth < 0) {
        return false;
      }
    }
  }
  return depth === 0;
}
