import { runMigrations } from './data-source';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/larksync';

runMigrations(databaseUrl)
  .then((applied) =>
    console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date'),
  )
  .catch((error: Error) => {
    console.error(`migration failed: ${error.message}`);
    process.exit(1);
  });
