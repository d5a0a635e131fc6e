import { Client } from 'pg';
import { SEALED_COLUMNS, SealedColumn } from './sealed-columns';
import { SecretBox } from './secret-box';

export interface RotationReport {
  table: string;
  resealed: number;
}

/**
 * Re-seals every sealed value not yet under the ring's current key, in small committed batches: safe to run
 * while the apps serve (each row is locked only while it is re-sealed) and to run again after an interruption.
 */
export async function resealUnderCurrentKey(
  client: Client,
  box: SecretBox,
  options: { batchSize?: number; columns?: readonly SealedColumn[] } = {},
): Promise<RotationReport[]> {
  const reports: RotationReport[] = [];
  for (const column of options.columns ?? SEALED_COLUMNS)
    reports.push({
      table: column.table,
      resealed: await resealColumn(client, box, column, options.batchSize ?? 100),
    });
  return reports;
}

async function resealColumn(
  client: Client,
  box: SecretBox,
  sealed: SealedColumn,
  batchSize: number,
): Promise<number> {
  const { table, idColumn, column } = sealed;
  const currentPrefix = `v2.${box.keys.current.id}.`;
  let resealed = 0;
  for (;;) {
    await client.query('BEGIN');
    try {
      const { rows } = await client.query<{ id: string; value: string }>(
        `SELECT ${idColumn}::text AS id, ${column} AS value FROM ${table}
         WHERE left(${column}, length($1)) <> $1 ORDER BY ${idColumn} LIMIT $2 FOR UPDATE`,
        [currentPrefix, batchSize],
      );
      for (const row of rows) {
        const plaintext = openRow(box, sealed, row);
        await client.query(`UPDATE ${table} SET ${column} = $1 WHERE ${idColumn}::text = $2`, [
          box.seal(plaintext, sealed.associatedData(row.id)),
          row.id,
        ]);
      }
      await client.query('COMMIT');
      resealed += rows.length;
      if (rows.length < batchSize) return resealed;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
}

function openRow(box: SecretBox, sealed: SealedColumn, row: { id: string; value: string }): string {
  try {
    return box.open(row.value, sealed.associatedData(row.id));
  } catch (error) {
    throw new Error(`${sealed.table} ${row.id}: ${(error as Error).message}`);
  }
}

/** Values per table still sealed under another key than the current one (0 everywhere once a rotation is done). */
export async function countNotUnderCurrentKey(
  client: Client,
  box: SecretBox,
): Promise<{ table: string; count: number }[]> {
  const prefix = `v2.${box.keys.current.id}.`;
  return Promise.all(
    SEALED_COLUMNS.map(async ({ table, column }) => {
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) AS count FROM ${table} WHERE left(${column}, length($1)) <> $1`,
        [prefix],
      );
      return { table, count: Number(rows[0].count) };
    }),
  );
}
