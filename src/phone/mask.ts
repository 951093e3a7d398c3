/** Hides all but the first 3 and last 2 digits (fewer for short input) so a number can be logged without exposing it. */
export function maskPhoneNumber(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  // Always hide at least half of the digits, so short strings are not revealed whole.
  const head = Math.min(3, Math.floor(digits.length / 3));
  const tail = Math.min(2, Math.floor(digits.length / 5));
  return (
    digits.slice(0, head) +
    '*'.repeat(digits.length - head - tail) +
    digits.slice(digits.length - tail)
  );
}
