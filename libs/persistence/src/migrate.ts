import { loadConfigOrExit, TransportEnv } from '@app/config';
import { runMigrations } from './data-source';
import { postgresSsl } from './postgres-tls';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/larksync';

runMigrations(databaseUrl, postgresSsl(loadConfigOrExit('migrate', TransportEnv)))
  .then((applied) =>
    console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date'),
  )
  .catch((error: Error) => {
    console.error(`migration failed: ${error.message}`);
    process.exit(1);
  });
