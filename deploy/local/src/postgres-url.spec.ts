import { newTestDatabaseName, quoteIdentifier, withDatabase } from './postgres-url';

describe('withDatabase', () => {
  it.each([
    ['postgres://postgres@127.0.0.1:5432/postgres', 'postgres://postgres@127.0.0.1:5432/larksync_test_ab'],
    [
      'postgres://u:secret@db:6543/postgres?sslmode=disable',
      'postgres://u:secret@db:6543/larksync_test_ab?sslmode=disable',
    ],
  ])('should point %s at the database', (url, expected) => {
    expect(withDatabase(url, 'larksync_test_ab')).toBe(expected);
  });
});

describe('newTestDatabaseName', () => {
  it('should be larksync_test_ and 12 hex digits', () => {
    expect(newTestDatabaseName()).toMatch(/^larksync_test_[0-9a-f]{12}$/);
  });
});

describe('quoteIdentifier', () => {
  it('should quote a plain name', () => {
    expect(quoteIdentifier('larksync_test_0a')).toBe('"larksync_test_0a"');
  });

  it.each(['Larksync', 'a"b', 'x; drop database postgres', ''])('should refuse %j', (name) => {
    expect(() => quoteIdentifier(name)).toThrow(/unusual/);
  });
});
