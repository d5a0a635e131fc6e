import { OutputTail } from './output-tail';

describe('OutputTail', () => {
  it('should keep only the last lines, joining chunks split mid-line', () => {
    const tail = new OutputTail(2);
    tail.push('one\ntw');
    tail.push('o\nthree\nfo');
    expect(tail.text()).toBe('two\nthree\nfo');
    expect(tail.includes('three')).toBe(true);
    expect(tail.includes('one')).toBe(false);
  });
});
