/**
 * Load generator for bench/projector.ts, in its own process so it does not share the projector's event loop.
 * argv: <baseUrl> <idpId> <members> <rate> <durationSeconds> <connections> <authorization header>;
 * prints the result as JSON: autocannon's numbers, the raw response times, and this process's CPU.
 */
import autocannon from 'autocannon';

const [baseUrl, idpId, members, rate, duration, connections, authorization] = process.argv.slice(2);
/**
 * Each connection cycles through its own random subjects, built once (per-request setup would cost the
 * generator), seeded by connection so that every run asks for the same ones.
 */
const PATHS_PER_CONNECTION = 500;

/** mulberry32: a small seeded PRNG in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let connection = 0;
function pathsOfNextConnection(): { method: 'GET'; path: string }[] {
  const random = seededRandom((connection += 1));
  return Array.from({ length: PATHS_PER_CONNECTION }, () => ({
    method: 'GET',
    path: `/v1/idps/${idpId}/subjects/ou_${Math.floor(random() * Number(members))}`,
  }));
}

const times: number[] = [];
const instance = autocannon(
  {
    url: baseUrl,
    connections: Number(connections),
    duration: Number(duration),
    overallRate: Number(rate),
    headers: { authorization },
    requests: [{ method: 'GET', path: `/v1/idps/${idpId}/subjects/ou_0` }],
    setupClient: (client) => client.setRequests(pathsOfNextConnection()),
  },
  (error, result) => {
    if (error) {
      process.stderr.write(`load failed: ${error.message}\n`);
      process.exit(1);
    }
    // autocannon corrects for coordinated omission with a 1 ms interval (Math.ceil of requests per ms), which
    // turns one slow response into hundreds of samples; this uses the real interval between a connection's requests.
    const interval = (1000 * Number(connections)) / Number(rate);
    const corrected = times.flatMap((time) =>
      Array.from({ length: Math.max(1, Math.ceil(time / interval)) }, (_, k) => time - k * interval),
    );
    const quantiles = (sorted: number[]) => (quantile: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
    times.sort((a, b) => a - b);
    const at = quantiles(times);
    const cpu = process.cpuUsage();
    process.stdout.write(
      JSON.stringify({
        total: result.requests.total,
        average: result.requests.average,
        latency: result.latency,
        raw: { p50: at(0.5), p99: at(0.99), max: times[times.length - 1] },
        correctedP99: quantiles(corrected.sort((a, b) => a - b))(0.99),
        intervalMs: interval,
        non2xx: result.non2xx,
        errors: result.errors,
        cpuMs: (cpu.user + cpu.system) / 1000,
      }),
    );
  },
);
instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
