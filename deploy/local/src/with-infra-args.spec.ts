import { exitCodeFor, parseWithInfraArgs } from './with-infra-args';

describe('parseWithInfraArgs', () => {
  it.each([
    [['--', 'jest', '--ci'], { purpose: 'test', command: 'jest', args: ['--ci'] }],
    [['--purpose', 'demo', '--', 'node', 'main.js'], { purpose: 'demo', command: 'node', args: ['main.js'] }],
    [
      ['--purpose=demo', '--', 'npm', 'run', 'demo'],
      { purpose: 'demo', command: 'npm', args: ['run', 'demo'] },
    ],
    [
      ['--', 'jest', '--', '--purpose', 'x'],
      { purpose: 'test', command: 'jest', args: ['--', '--purpose', 'x'] },
    ],
  ])('should parse %j', (argv, expected) => {
    expect(parseWithInfraArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], /no command/],
    [['--'], /no command/],
    [['--purpose', 'prod', '--', 'x'], /test or demo/],
    [['--purpose'], /test or demo/],
    [['--verbose', '--', 'x'], /unknown option/],
  ])('should reject %j', (argv, message) => {
    expect(() => parseWithInfraArgs(argv)).toThrow(message);
  });
});

describe('exitCodeFor', () => {
  it.each([
    [0, null, 0],
    [3, null, 3],
    [null, 'SIGINT', 130],
    [null, 'SIGTERM', 143],
    [null, 'SIGKILL', 137],
  ] as const)('should map exit %s / %s to %s', (code, signal, expected) => {
    expect(exitCodeFor(code, signal)).toBe(expected);
  });
});
