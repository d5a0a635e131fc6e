const HEX_CODES = [...'0123456789abcdef'].map((digit) => digit.charCodeAt(0));

/** Seeded pseudo-random source (mulberry32): the same seed always yields the same org. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Built with fromCharCode so the result is one flat string, not a rope of many small ones. */
  hex(length: number): string {
    const codes: number[] = new Array<number>(length);
    let bits = 0;
    for (let i = 0; i < length; i++) {
      if (i % 8 === 0) bits = Math.floor(this.next() * 4294967296);
      codes[i] = HEX_CODES[bits & 15];
      bits >>>= 4;
    }
    return String.fromCharCode(...codes);
  }

  alphanumeric(length: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}
