// The text of an international-site template entry: the whole SMS, written by the
// administrator, with {{code}} where the verification code goes. Checked when the config is
// saved, so that no sign-in finds out.
import { codePlaceholder } from '../../templates/params.js';

import { countSegments } from './segments.js';

/** The most parts a message may be billed as: a verification code fits one, a long notice three. */
export const maxMessageSegments = 3;

// Logto's codes are 4 to 6 characters: the text is measured with the longest.
const longestCode = '000000';

// Control characters other than the line break would reach the phone as boxes, or not at all.
const isControlCharacter = (char: string): boolean => {
  const point = char.codePointAt(0) ?? 0;
  return char !== '\n' && (point < 0x20 || (point >= 0x7f && point <= 0x9f));
};

/** What is wrong with a message text, one sentence each; empty when it can be sent. */
export const messageProblems = (text: string): string[] => {
  if (text.trim() === '') {
    return ['must not be empty'];
  }
  const problems: string[] = [];
  const pieces = text.split(codePlaceholder);
  if (pieces.length === 1) {
    problems.push(`must contain ${codePlaceholder} where the verification code goes`);
  }
  if (pieces.some((piece) => piece.includes('{{') || piece.includes('}}'))) {
    problems.push(`may contain ${codePlaceholder} and plain text only: no other {{…}} is filled in`);
  }
  if (pieces.some((piece) => piece.includes('${'))) {
    problems.push(`contains \${…}, the syntax of Aliyun's approved templates: write ${codePlaceholder} for the code`);
  }
  if (!text.isWellFormed()) {
    problems.push('contains a broken character (a lone UTF-16 surrogate)');
  } else if (Array.from(text).some((char) => isControlCharacter(char))) {
    problems.push('contains a control character (only line breaks are allowed)');
  } else {
    const { encoding, segments } = countSegments(fillMessage(text, longestCode));
    if (segments > maxMessageSegments) {
      problems.push(
        `is ${segments} SMS parts long (${encoding}) with a 6-character code: keep it within ${maxMessageSegments}, as Aliyun bills each part`
      );
    }
  }
  return problems;
};

/** The text to send: every {{code}} replaced by the code. */
export const fillMessage = (text: string, code: string): string =>
  // A replacer function: a replacement string would read `$&` and the like in the code.
  text.replaceAll(codePlaceholder, () => code);
