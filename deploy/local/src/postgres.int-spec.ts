import { Client } from 'pg';

describe('PostgreSQL from with-infra', () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });

  beforeAll(async () => {
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  it('should write a row and read it back', async () => {
    const table = `smoke_${process.pid}_${Date.now()}`;
    await client.query(`create table ${table} (id int primary key, name text not null)`);
    await client.query(`insert into ${table} (id, name) values ($1, $2)`, [1, 'Engineering']);

    const { rows } = await client.query(`select id, name from ${table}`);

    expect(rows).toEqual([{ id: 1, name: 'Engineering' }]);
    await client.query(`drop table ${table}`);
  });
});
