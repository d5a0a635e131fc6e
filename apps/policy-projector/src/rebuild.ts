import './instrument';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { createLogger } from '@app/logging';
import { AppModule } from './app.module';
import { PolicyProjectorEnv } from './config/policy-projector.config';
import { ProjectionRebuilder } from './rebuild/projection-rebuilder';

const USAGE = 'usage: node dist/apps/policy-projector/src/rebuild.js [--idp <idpId>]... [--publish]';

function parseArgs(args: string[]): { idpIds?: string[]; publish: boolean } {
  const idpIds: string[] = [];
  let publish = false;
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === '--publish') publish = true;
    else if (args[index] === '--idp' && args[index + 1]) idpIds.push(args[++index]);
    else throw new Error(`unknown argument ${args[index]}\n${USAGE}`);
  }
  return { idpIds: idpIds.length ? idpIds : undefined, publish };
}

/** Rebuilds the projection from directory.changes.v1 into emptied tables. Stop the live projector first. */
async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const config = loadConfig(PolicyProjectorEnv);
  const logger = createLogger('policy-projector-rebuild', config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(AppModule.register(config, logger), {
    logger: false,
  });
  try {
    const report = await app.get(ProjectionRebuilder).rebuild(options);
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`rebuild failed: ${error.message}\n`);
  process.exit(1);
});
