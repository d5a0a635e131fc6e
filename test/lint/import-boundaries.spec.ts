import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Case {
  file: string;
  source: string;
}

/** Lints each case with only the boundary rules (ESLint loads its ES-module config, so in a plain Node process). */
function violations(cases: Case[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    import tseslint from 'typescript-eslint';
    import { importBoundaries } from './eslint.boundaries.mjs';
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({
      cwd: process.cwd(),
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...importBoundaries],
    });
    const results = [];
    for (const { file, source } of cases) {
      const [result] = await eslint.lintText(source, { filePath: file });
      results.push(result.messages.map((message) => message.ruleId + ': ' + message.message));
    }
    console.log(JSON.stringify(results));`;
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(cases)],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return JSON.parse(output) as string[][];
}

const importOf = (path: string) => `import { x } from '${path}';\nexport const y = x;\n`;

const refused: [string, Case, RegExp][] = [
  [
    'an app importing another app',
    { file: 'apps/directory/src/org-store/a.ts', source: importOf('../../../scheduler/src/main') },
    /imports no other app/,
  ],
  [
    'an app importing another through apps/',
    { file: 'apps/scheduler/test/a.ts', source: importOf('../../../apps/directory/src/main') },
    /imports no other app/,
  ],
  [
    'a lib importing an app',
    { file: 'libs/kafka/src/a.ts', source: importOf('../../../apps/directory/src/main') },
    /never imports an app/,
  ],
  [
    'the domain lib importing Nest',
    { file: 'libs/directory-domain/src/a.ts', source: importOf('@nestjs/common') },
    /directory-domain is pure/,
  ],
  [
    'the domain lib importing TypeORM',
    { file: 'libs/directory-domain/src/a.ts', source: importOf('typeorm') },
    /directory-domain is pure/,
  ],
  [
    'the domain lib importing kafkajs',
    { file: 'libs/directory-domain/src/a.ts', source: importOf('kafkajs') },
    /directory-domain is pure/,
  ],
  [
    'the domain lib importing pg',
    { file: 'libs/directory-domain/src/a.ts', source: importOf('pg') },
    /directory-domain is pure/,
  ],
  [
    'the domain lib reading files',
    { file: 'libs/directory-domain/src/a.ts', source: importOf('node:fs') },
    /directory-domain is pure/,
  ],
  [
    'the domain lib opening sockets',
    { file: 'libs/directory-domain/src/a.ts', source: importOf('net') },
    /directory-domain is pure/,
  ],
  [
    'the lark lib importing persistence',
    { file: 'libs/lark/src/contact/a.ts', source: importOf('@app/persistence') },
    /speaks to Lark only/,
  ],
  [
    'app code importing the simulator',
    {
      file: 'apps/directory/src/full-sync/testing/a.ts',
      source: importOf('../../../../../test/lark-simulator'),
    },
    /Only tests/,
  ],
  [
    'the local launcher importing the simulator',
    { file: 'deploy/local/src/a.ts', source: importOf('../../../test/lark-simulator') },
    /Only tests/,
  ],
  [
    'a lib importing the simulator',
    { file: 'libs/lark/src/a.ts', source: importOf('../../../test/lark-simulator/sim-core') },
    /Only tests/,
  ],
  [
    'the console importing a server lib',
    { file: 'apps/directory/console/src/pages/a.ts', source: importOf('@app/persistence') },
    /runs in the browser/,
  ],
  [
    'the console importing Node',
    { file: 'apps/directory/console/src/a.ts', source: importOf('node:fs') },
    /runs in the browser/,
  ],
  [
    "the console importing the directory's source",
    { file: 'apps/directory/console/src/a.ts', source: importOf('../../src/idp-admin/idp-view') },
    /runs in the browser/,
  ],
  [
    "the directory importing the console's source",
    { file: 'apps/directory/src/console/a.ts', source: importOf('../../console/src/api') },
    /serves the built console/,
  ],
];

const allowed: [string, Case][] = [
  ['an app importing a lib', { file: 'apps/directory/src/a.ts', source: importOf('@app/persistence') }],
  [
    'an app importing its own modules',
    { file: 'apps/directory/src/full-sync/a.ts', source: importOf('../org-store') },
  ],
  [
    'a lib importing a lib folder named like an app',
    { file: 'libs/persistence/src/migrations/a.ts', source: importOf('../directory/migrations') },
  ],
  ['the domain lib hashing', { file: 'libs/directory-domain/src/a.ts', source: importOf('node:crypto') }],
  [
    'an app test using the simulator',
    { file: 'apps/directory/test/a.ts', source: importOf('../../../test/lark-simulator') },
  ],
  [
    'an app spec using the simulator',
    {
      file: 'apps/ingress-gateway/src/sso/a.int-spec.ts',
      source: importOf('../../../../test/lark-simulator'),
    },
  ],
  ['the local stack using the simulator', { file: 'test/stack/a.ts', source: importOf('../lark-simulator') }],
  [
    'the console importing its own modules',
    { file: 'apps/directory/console/src/pages/a.ts', source: importOf('../api') },
  ],
  ['the console importing Ant Design', { file: 'apps/directory/console/src/a.ts', source: importOf('antd') }],
  ['a benchmark using the simulator', { file: 'bench/a.ts', source: importOf('../test/lark-simulator') }],
];

describe('import boundaries (eslint.boundaries.mjs)', () => {
  const results = violations([...refused.map(([, c]) => c), ...allowed.map(([, c]) => c)]);

  it.each(refused.map(([name, , message], index) => [name, message, index] as const))(
    'refuses %s',
    (_name, message, index) => {
      expect(results[index]).toEqual([expect.stringMatching(message)]);
      expect(results[index][0]).toMatch(/^no-restricted-imports: /);
    },
  );

  it.each(allowed.map(([name], index) => [name, refused.length + index] as const))(
    'allows %s',
    (_name, index) => expect(results[index]).toEqual([]),
  );
});
