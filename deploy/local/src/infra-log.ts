/** Progress lines go to stderr so they never mix with the wrapped command's stdout. */
export function logInfra(message: string): void {
  process.stderr.write(`[infra] ${message}\n`);
}

export function secondsSince(startedAt: number): string {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
}

/** Shows where a database lives without its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable url>';
  }
}
