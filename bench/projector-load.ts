/**
 * Load generator for bench/projector.ts, in its own process so it does not share the projector's event loop.
 * argv: <baseUrl> <idpId> <members> <rate> <durationSeconds> <authorization header>; prints the autocannon result as JSON.
 */
import autocannon from 'autocannon';

const [baseUrl, idpId, members, rate, duration, authorization] = process.argv.slice(2);

autocannon({
  url: baseUrl,
  connections: 32,
  duration: Number(duration),
  overallRate: Number(rate),
  headers: { authorization },
  requests: [
    {
      method: 'GET',
      setupRequest: (request) => ({
        ...request,
        path: `/v1/idps/${idpId}/subjects/ou_${Math.floor(Math.random() * Number(members))}`,
      }),
    },
  ],
})
  .then((result) =>
    process.stdout.write(
      JSON.stringify({
        total: result.requests.total,
        average: result.requests.average,
        latency: result.latency,
        non2xx: result.non2xx,
        errors: result.errors,
      }),
    ),
  )
  .catch((error: Error) => {
    process.stderr.write(`load failed: ${error.message}\n`);
    process.exit(1);
  });
