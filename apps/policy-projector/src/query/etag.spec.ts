import { etagOf, isNotModified } from './etag';

describe('ETag', () => {
  it.each([
    [undefined, false],
    ['"5"', true],
    ['W/"5"', true],
    ['"4", "5"', true],
    ['*', true],
    ['"6"', false],
  ])('should treat If-None-Match %p against "5" as not-modified=%p', (header, expected) => {
    expect(isNotModified(header, etagOf(5))).toBe(expected);
  });

  it('should tag collections by their parts', () => {
    expect(etagOf(1, 'a@1')).not.toBe(etagOf(1, 'a@2'));
  });
});
