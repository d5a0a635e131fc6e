import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type EnvSchema<T> = new () => T;

/**
 * Parses the environment into a typed config object once, at boot.
 * Throws a ConfigError that names every invalid or missing variable; values are never echoed,
 * since some of them are secrets.
 */
export function loadConfig<T extends object>(schema: EnvSchema<T>, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new schema();
  const provided = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(schema, { ...defaults, ...provided }, { enableImplicitConversion: false });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(errors.flatMap(describe));
  return Object.freeze(config);
}

function describe(error: ValidationError): string[] {
  const constraints = Object.values(error.constraints ?? {});
  return constraints.map((message) => `${error.property}: ${message}`);
}

/** loadConfig for a process entry point: on invalid config, prints every problem and exits 1. */
export function loadConfigOrExit<T extends object>(service: string, schema: EnvSchema<T>): T {
  try {
    return loadConfig(schema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(1);
  }
}
