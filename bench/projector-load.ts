/**
 * Load generator for bench/projector.ts, in its own process so it does not share the projector's event loop.
 * argv: <baseUrl> <idpId> <members> <rate> <durationSeconds> <connections> <authorization header>;
 * prints the result as JSON: autocannon's numbers, the raw response times, and this process's CPU.
 * Note how autocannon paces `overallRate`: each connection sends back to back until its share of the second's
 * requests is spent, then waits for the next second. The load is bursts at full concurrency, so latency grows
 * with the connection count; autocannon's own percentiles also add coordinated-omission samples at a 1 ms interval.
 */
import autocannon from 'autocannon';

const [baseUrl, idpId, members, rate, duration, connections, authorization] = process.argv.slice(2);

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

/**
 * A random subject per request, drawn as it is sent. Building every connection's requests up front (500
 * each) blocked the generator for ~130 ms while its first connections' requests were already timed, which
 * autocannon then reported as the projector's latency (and multiplied by its coordinated-omission correction).
 */
const random = seededRandom(1);
const nextPath = () => `/v1/idps/${idpId}/subjects/ou_${Math.floor(random() * Number(members))}`;

const times: number[] = [];
const instance = autocannon(
  {
    url: baseUrl,
    connections: Number(connections),
    duration: Number(duration),
    overallRate: Number(rate),
    headers: { authorization },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  },
  (error, result) => {
    if (error) {
      process.stderr.write(`load failed: ${error.message}\n`);
      process.exit(1);
    }
    times.sort((a, b) => a - b);
    const at = (quantile: number) => times[Math.min(times.length - 1, Math.floor(quantile * times.length))];
    const cpu = process.cpuUsage();
    process.stdout.write(
      JSON.stringify({
        total: result.requests.total,
        average: result.requests.average,
        latency: result.latency,
        raw: { p50: at(0.5), p99: at(0.99), max: times[times.length - 1] },
        non2xx: result.non2xx,
        errors: result.errors,
        cpuMs: (cpu.user + cpu.system) / 1000,
      }),
    );
  },
);
instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
