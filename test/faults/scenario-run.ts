import { eventually } from '@app/testing';
import { FaultCluster } from './fault-cluster';
import { Traffic } from './org-traffic';
import { deactivatedByMistake, eventFigures, lastChangeLogId, ScenarioFigures } from './scenario-figures';
import { describeDifferences, Difference, wronglyDeactivated } from './view-diff';
import { Comparison, compareWithTruth } from './views';

export interface ScenarioOutcome {
  figures: ScenarioFigures;
  differences: Difference[];
  lostEventIds: string[];
}

/**
 * Runs the scenario's traffic (with its faults), then waits until the directory has processed every event and the
 * three views equal the simulator's truth, or until `convergeTimeoutMs`; the figures either way, with what differs.
 */
export async function runScenario(
  cluster: FaultCluster,
  scenario: string,
  drive: () => Promise<Traffic>,
  convergeTimeoutMs = 180_000,
): Promise<ScenarioOutcome> {
  const sinceChangeLogId = await lastChangeLogId(cluster);
  const attemptsBefore = cluster.simulator.delivery.attempts.length;
  const traffic = await drive();
  const sentAt = Date.now();
  const eventIds = [...new Set(traffic.envelopes.map((envelope) => envelope.eventId))];
  let events = await eventFigures(cluster, eventIds);
  let comparison: Comparison | undefined;
  try {
    await eventually(
      `${scenario} to converge`,
      async () => {
        events = await eventFigures(cluster, eventIds);
        if (events.lost.length > 0) return undefined;
        comparison = await compareWithTruth(cluster);
        return comparison.differences.length === 0;
      },
      convergeTimeoutMs,
    );
  } catch {
    comparison = await compareWithTruth(cluster);
    process.stdout.write(
      `[faults] ${scenario} did not converge: ${events.lost.length} events not processed, ${comparison.differences.length} differences\n${describeDifferences(comparison.differences)}\n`,
    );
  }
  const last = { ...events, ...comparison! };
  const convergeSeconds = Math.round((Date.now() - sentAt) / 100) / 10;
  const byMistake = new Set([
    ...(await deactivatedByMistake(
      cluster,
      sinceChangeLogId,
      new Set(last.truth.filter((user) => user.status === 'active').map((user) => user.openId)),
    )),
    ...wronglyDeactivated(last.differences, last.truth),
  ]);
  const attempts = cluster.simulator.delivery.attempts.slice(attemptsBefore);
  const figures: ScenarioFigures = {
    scenario,
    eventsSent: eventIds.length,
    deliveries: attempts.length,
    failedDeliveries: attempts.filter((attempt) => attempt.outcome !== 'acked').length,
    reflected: last.reflected,
    lost: last.lost.length,
    appliedTwice: last.appliedTwice,
    wronglyDeactivated: byMistake.size,
    convergeSeconds,
  };
  return { figures, differences: last.differences, lostEventIds: last.lost };
}
