import { constants } from 'node:os';
import { InfraPurpose } from './postgres';

export interface WithInfraArgs {
  purpose: InfraPurpose;
  command: string;
  args: string[];
}

export const WITH_INFRA_USAGE = 'usage: with-infra [--purpose test|demo] -- <command> [args...]';

export function parseWithInfraArgs(argv: string[]): WithInfraArgs {
  let purpose: InfraPurpose = 'test';
  let index = 0;
  for (; index < argv.length && argv[index] !== '--'; index++) {
    const arg = argv[index];
    if (arg === '--purpose') purpose = parsePurpose(argv[++index]);
    else if (arg.startsWith('--purpose=')) purpose = parsePurpose(arg.slice('--purpose='.length));
    else throw new Error(`unknown option ${JSON.stringify(arg)}\n${WITH_INFRA_USAGE}`);
  }
  const [command, ...args] = argv.slice(index + 1);
  if (!command) throw new Error(`no command given\n${WITH_INFRA_USAGE}`);
  return { purpose, command, args };
}

function parsePurpose(value: string | undefined): InfraPurpose {
  if (value === 'test' || value === 'demo') return value;
  throw new Error(`--purpose must be test or demo, not ${JSON.stringify(value)}`);
}

/** The shell convention, so callers see that the command was interrupted. */
export function exitCodeFor(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}
