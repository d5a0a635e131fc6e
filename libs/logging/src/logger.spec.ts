import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger, REDACTED_FIELDS } from './logger';

function captureLines(write: (logger: pino.Logger) => void): string {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  write(pino({ redact: { paths: REDACTED_FIELDS, censor: '[redacted]' } }, sink));
  return lines.join('');
}

describe('logger', () => {
  it('should redact secrets and personal data, top level and nested', () => {
    const output = captureLines((logger) =>
      logger.info(
        {
          appSecret: 's3cr3t',
          idp: { encryptKey: 'k3y', email: 'a@b.c' },
          req: { headers: { cookie: 'larksync_sso=b1nd1ng' } },
          eventId: 'evt_1',
        },
        'x',
      ),
    );
    expect(output).toContain('evt_1');
    expect(output).not.toMatch(/s3cr3t|k3y|a@b\.c|b1nd1ng/);
  });

  it('should create a logger with the service name as base field', () => {
    expect(createLogger('directory', 'silent').bindings()).toEqual({ service: 'directory' });
  });
});
