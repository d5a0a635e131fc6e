import {
  formatEnterpriseIdentifier,
  generateEnterpriseIdentifier,
  IDENTIFIER_ALPHABET,
  IDENTIFIER_LENGTH,
  parseEnterpriseIdentifier,
} from './enterprise-identifier';

describe('enterprise authentication identifier', () => {
  it('should use 32 distinct symbols without I, L, O or U, and carry at least 50 bits', () => {
    expect(new Set(IDENTIFIER_ALPHABET).size).toBe(32);
    expect(IDENTIFIER_ALPHABET).not.toMatch(/[ILOU]/);
    expect(IDENTIFIER_LENGTH * Math.log2(IDENTIFIER_ALPHABET.length)).toBeGreaterThanOrEqual(50);
  });

  it('should generate canonical identifiers that parse to themselves', () => {
    for (let i = 0; i < 200; i++) {
      const identifier = generateEnterpriseIdentifier();
      expect(identifier).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(parseEnterpriseIdentifier(identifier)).toBe(identifier);
    }
  });

  it('should use every symbol of the alphabet over many identifiers', () => {
    const seen = new Set(Array.from({ length: 300 }, generateEnterpriseIdentifier).join(''));
    expect([...seen].sort().join('')).toBe(IDENTIFIER_ALPHABET);
  });

  it('should show two groups of 5', () => {
    expect(formatEnterpriseIdentifier('K3M9Q7TZ2C')).toBe('K3M9Q-7TZ2C');
  });

  it.each([
    ['K3M9Q-7TZ2C', 'K3M9Q7TZ2C'],
    ['k3m9q 7tz2c', 'K3M9Q7TZ2C'],
    [' k3m9q-7tz2c ', 'K3M9Q7TZ2C'],
    ['OI0L1-ABCDE', '01011ABCDE'],
  ])('should read %j as %s', (input, canonical) => {
    expect(parseEnterpriseIdentifier(input)).toBe(canonical);
  });

  it.each(['', 'K3M9Q-7TZ2', 'K3M9Q-7TZ2CX', 'K3M9Q-7TZ2U', 'K3M9Q_7TZ2C', 'K3M9Q/7TZ2C', 'x'.repeat(41)])(
    'should refuse %j',
    (input) => {
      expect(parseEnterpriseIdentifier(input)).toBeUndefined();
    },
  );

  it('should refuse what is not a string', () => {
    expect(parseEnterpriseIdentifier(undefined)).toBeUndefined();
    expect(parseEnterpriseIdentifier(42)).toBeUndefined();
  });
});
