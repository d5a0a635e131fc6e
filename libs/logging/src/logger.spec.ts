import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger, loggerOptions } from './logger';

function captureLines(write: (logger: pino.Logger) => void): string {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  write(pino(loggerOptions('logger-test', 'info'), sink));
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

  it("should log a failed query's message but none of its values, and no HTTP client's request or response", () => {
    const failed = Object.assign(
      new Error('duplicate key value violates unique constraint "directory_user_pkey"'),
      {
        query: 'INSERT INTO directory_user (open_id, email) VALUES ($1, $2)',
        parameters: ['ou_1', 'li.lei@example.com'],
        detail: 'Key (email)=(li.lei@example.com) already exists.',
        driverError: { detail: 'Key (email)=(li.lei@example.com) already exists.' },
      },
    );
    const http = Object.assign(new Error('Request failed with status code 400'), {
      config: { headers: { Authorization: 'Bearer t-tenant-token' } },
      response: { data: { name: '李雷' } },
    });
    const output = captureLines((logger) => {
      logger.error({ err: failed }, 'upsert failed');
      logger.error({ err: http }, 'Lark call failed');
    });
    expect(output).toContain('directory_user_pkey');
    expect(output).toContain('status code 400');
    expect(output).not.toMatch(/li\.lei@example\.com|t-tenant-token|李雷/);
  });

  it('should create a logger with the service name as base field', () => {
    expect(createLogger('directory', 'silent').bindings()).toEqual({ service: 'directory' });
  });
});
