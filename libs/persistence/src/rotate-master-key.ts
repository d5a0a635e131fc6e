import { Client } from 'pg';
import { loadConfig, TransportEnv, withMasterKey } from '@app/config';
import { countNotUnderCurrentKey, resealUnderCurrentKey } from './master-key-rotation';
import { postgresSsl } from './postgres-tls';
import { SecretBox } from './secret-box';

/* `npm run rotate-master-key`: re-seals every secret at rest under the first key of LARKSYNC_MASTER_KEYS. */
class RotationEnv extends withMasterKey(TransportEnv) {}

async function main(): Promise<void> {
  const config = loadConfig(RotationEnv);
  const box = new SecretBox(config.masterKeys);
  const client = new Client({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/larksync',
    application_name: 'larksync-rotate-master-key',
    ssl: postgresSsl(config),
  });
  await client.connect();
  try {
    const reports = await resealUnderCurrentKey(client, box);
    for (const { table, resealed } of reports) console.log(`${table}: ${resealed} re-sealed`);
    const left = (await countNotUnderCurrentKey(client, box)).filter(({ count }) => count > 0);
    if (left.length === 0)
      return console.log(`every secret is sealed under master key "${box.keys.current.id}"`);
    for (const { table, count } of left)
      console.error(`${table}: ${count} sealed again under an older key while this ran`);
    console.error(
      'a replica still runs without the new key first in LARKSYNC_MASTER_KEYS: redeploy it, then run this again',
    );
    process.exitCode = 1;
  } finally {
    await client.end();
  }
}

main().catch((error: Error) => {
  console.error(`rotate-master-key: ${error.message}`);
  process.exit(1);
});
