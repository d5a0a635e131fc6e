import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { runMigrations } from '@app/persistence';
import { LarkSimulator, startLarkSimulator } from '../../../../test/lark-simulator';
import { FullSyncService } from './full-sync.service';
import { FullSyncHarness, startFullSyncHarness } from '../../test/full-sync-harness';

describe('a full-sync run as one trace (real Kafka and PostgreSQL, the simulator as Lark)', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let sim: LarkSimulator;
  let harness: FullSyncHarness;

  beforeAll(async () => {
    provider.register();
    await runMigrations(process.env.DATABASE_URL!);
    sim = await startLarkSimulator({ seed: 11, users: 120, departments: 12, speedFactor: 20 });
    harness = await startFullSyncHarness(sim, { chunkSize: 50 });
  });

  afterAll(async () => {
    await harness?.app.get(FullSyncService).idle();
    await harness?.close();
    await sim?.stop();
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('should put every Lark request and every apply chunk of the run under the run span', async () => {
    const idpId = await harness.createIdp();
    const run = await harness.waitForRun((await harness.startSync(idpId)).id);
    expect(run.status).toBe('succeeded');
    const spans = exporter.getFinishedSpans();
    const runSpan = spans.find(
      (span) => span.name === 'full-sync run' && span.attributes['larksync.run_id'] === run.id,
    );
    expect(runSpan).toBeDefined();
    const inRun = spans.filter((span) => span.spanContext().traceId === runSpan!.spanContext().traceId);
    const requests = inRun.filter((span) => span.name.startsWith('lark contact.'));
    const chunks = inRun.filter((span) => span.name === 'full-sync apply chunk');
    expect(requests.length).toBe(run.progress.requests);
    expect(requests.every((span) => span.parentSpanContext?.spanId === runSpan!.spanContext().spanId)).toBe(
      true,
    );
    const departments = sim.org.departments().length; // departments and users are chunked apart
    const users = (run.counts.created ?? 0) - departments;
    expect(chunks.length).toBe(Math.ceil(departments / 50) + Math.ceil(users / 50));
    expect(chunks.every((span) => span.parentSpanContext?.spanId === runSpan!.spanContext().spanId)).toBe(
      true,
    );
  });
});
