import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_DATABASE_ACCESS, AppName } from './app-roles';

const README = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');

/** The README architecture table's row of `app`: its role, the tables it owns and the views it reads. */
function readmeRow(app: AppName): { role: string; owns: string[]; reads: string[] } | undefined {
  const row = README.split('\n').find((line) => line.startsWith(`| \`${app}\` |`));
  if (!row) return undefined;
  const names = (cell: string) => [...cell.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]).sort();
  const [, , role, owns, reads] = row.split('|');
  return { role: names(role)[0], owns: names(owns), reads: names(reads) };
}

describe('APP_DATABASE_ACCESS', () => {
  it.each(Object.keys(APP_DATABASE_ACCESS) as AppName[])(
    "should be what the README's architecture table says of %s",
    (app) => {
      const { role, owns, reads } = APP_DATABASE_ACCESS[app];
      expect(readmeRow(app)).toEqual({ role, owns: [...owns].sort(), reads: [...reads].sort() });
    },
  );
});
