import { randomInt } from 'node:crypto';

/**
 * Crockford's base32 alphabet: digits and upper-case letters without I, L, O and U, so no two characters look
 * or sound alike (1/I/L, 0/O) and no accidental word forms. 32 symbols carry 5 bits each.
 */
export const IDENTIFIER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 symbols: 50 bits, read aloud and typed as two groups of 5 (`K3M9Q-7TZ2C`). */
export const IDENTIFIER_LENGTH = 10;
const GROUP = 5;

/** What a user may type for the symbol: the confusable letters read as the digit they look like. */
const READS_AS: Record<string, string> = { I: '1', L: '1', O: '0' };
const CANONICAL = new RegExp(`^[${IDENTIFIER_ALPHABET}]{${IDENTIFIER_LENGTH}}$`);

/** A new enterprise authentication identifier (canonical form, no separator) from the crypto RNG, unbiased. */
export function generateEnterpriseIdentifier(): string {
  let identifier = '';
  for (let i = 0; i < IDENTIFIER_LENGTH; i++) identifier += IDENTIFIER_ALPHABET[randomInt(32)];
  return identifier;
}

/**
 * The canonical identifier a user meant, or undefined: case-insensitive, spaces and hyphens ignored, I/L read
 * as 1 and O as 0 (U is never valid).
 */
export function parseEnterpriseIdentifier(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 40) return undefined;
  const canonical = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[ILO]/g, (symbol) => READS_AS[symbol]);
  return CANONICAL.test(canonical) ? canonical : undefined;
}

/** The identifier as shown and read aloud: two groups of 5 joined by a hyphen. */
export function formatEnterpriseIdentifier(canonical: string): string {
  return `${canonical.slice(0, GROUP)}-${canonical.slice(GROUP)}`;
}
