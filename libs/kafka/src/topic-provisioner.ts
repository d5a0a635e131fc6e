import { Admin } from 'kafkajs';
import { TopicSpec } from '@app/contracts';

/** Creates the topics that do not exist yet, compacted ones with `cleanup.policy=compact`. */
export async function provisionTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  replicationFactor = -1,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((spec) => ({
      topic: spec.name,
      numPartitions: spec.partitions,
      replicationFactor,
      configEntries: spec.compacted
        ? [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'min.compaction.lag.ms', value: '0' },
          ]
        : [],
    })),
  });
  return missing.map((spec) => spec.name);
}
