import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { PlatformModule } from './platform.module';
import { ReadinessCheck } from './readiness';

const KAFKA = Symbol('KAFKA');
const DATABASE = Symbol('DATABASE');

async function appWith(
  kafka: ReadinessCheck['check'],
  database: ReadinessCheck['check'],
): Promise<NestFastifyApplication> {
  @Global()
  @Module({
    providers: [
      { provide: KAFKA, useValue: { name: 'kafka', check: kafka } },
      { provide: DATABASE, useValue: { name: 'database', check: database } },
    ],
    exports: [KAFKA, DATABASE],
  })
  class ChecksModule {}
  @Module({
    imports: [
      ChecksModule,
      PlatformModule.forRoot({ service: 'health-spec', readinessChecks: [KAFKA, DATABASE] }),
    ],
  })
  class RootModule {}
  const app = await NestFactory.create<NestFastifyApplication>(RootModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const ok = () => Promise.resolve();

describe('health endpoints', () => {
  it('should be live and ready when every dependency answers', async () => {
    const app = await appWith(ok, ok);
    expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().info).toMatchObject({ kafka: { status: 'up' }, database: { status: 'up' } });
    await app.close();
  });

  const refuses = () => Promise.reject(new Error('connection refused'));
  const hangs = () => new Promise<void>(() => undefined);

  it.each([
    ['kafka', refuses, ok, /connection refused/],
    ['database', ok, hangs, /database did not answer within 2000 ms/],
  ] as const)(
    'should stay live but not ready when %s fails, naming it and why',
    async (failing, kafka, database, reason) => {
      const app = await appWith(kafka, database);
      expect((await app.inject({ url: '/health/live' })).statusCode).toBe(200);
      const ready = await app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().error[failing]).toMatchObject({
        status: 'down',
        reason: expect.stringMatching(reason),
      });
      await app.close();
    },
  );

  it('should serve Prometheus metrics with the service label', async () => {
    const app = await appWith(ok, ok);
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(/larksync_process_cpu_seconds_total\{service="health-spec"\}/);
    await app.close();
  });
});
