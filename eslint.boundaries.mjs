// The import boundaries of the layout (README, "Layout"), one block per zone. A file takes the last block that
// matches it, so each block lists every restriction of its zone.
const APPS = ['directory', 'ingress-gateway', 'scheduler', 'policy-projector'];
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'apps/*/test/**'];

const simulator = {
  regex: '(^|/)lark-simulator(/|$)',
  message: 'Only tests (test/, apps/*/test/, *.spec.ts) and bench/ use the Lark simulator.',
};
const anyApp = {
  regex: '(^|/)apps/',
  message: 'A lib never imports an app: move what both need into a lib.',
};
const otherApp = (app) => ({
  regex: '^(\\.\\./)+(apps/)?(' + APPS.filter((other) => other !== app).join('|') + ')/|(^|/)apps/',
  message: `${app} imports no other app: share through a lib, a topic or a read model.`,
});
const domainIo = [
  { group: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', '@app/persistence', '@app/kafka', '@app/platform'] },
  {
    regex:
      '^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads)$',
  },
].map((pattern) => ({
  ...pattern,
  message: 'directory-domain is pure: no Nest, TypeORM, kafkajs, pg or node I/O (do the I/O in the app).',
}));
const larkPersistence = {
  group: ['@app/persistence', 'typeorm', 'pg'],
  message: 'libs/lark speaks to Lark only; persistence belongs to the apps and libs/persistence.',
};

const CONSOLE = 'apps/directory/console';
const consoleImportsServer = [
  { group: ['@app/*', '@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'fastify'] },
  { regex: '^node:|^(fs|path|crypto|http|https|net|child_process)$' },
  { regex: '^(\\.\\./)+\\.\\./(src|test)/|^(\\.\\./){3,}' },
].map((pattern) => ({
  ...pattern,
  message:
    'The console runs in the browser: it speaks to the directory over /api only, and imports no server code.',
}));
const serverImportsConsole = {
  regex: '(^|/)console/src(/|$)',
  message: 'The directory serves the built console (dist) and never imports its source.',
};

const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export const importBoundaries = [
  ...APPS.flatMap((app) => [
    restrict(
      [`apps/${app}/**/*.ts`],
      [otherApp(app), simulator, ...(app === 'directory' ? [serverImportsConsole] : [])],
    ),
    restrict(
      TEST_FILES.map((glob) => `apps/${app}/${glob.replace('apps/*/', '')}`),
      [otherApp(app)],
    ),
  ]),
  restrict([`${CONSOLE}/**/*.ts`, `${CONSOLE}/**/*.tsx`], [anyApp, simulator, ...consoleImportsServer]),
  restrict(['libs/**/*.ts'], [anyApp, simulator]),
  restrict(['libs/directory-domain/**/*.ts'], [anyApp, simulator, ...domainIo]),
  restrict(['libs/lark/**/*.ts'], [anyApp, simulator, larkPersistence]),
  restrict(['deploy/local/**/*.ts'], [simulator]),
];
