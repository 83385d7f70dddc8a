import { Database } from 'bun:sqlite';

const db = new Database(Bun.env.DB_PATH ?? 'links.sqlite');
db.run('create table if not exists links (code text primary key, url text not null)');

export function save(code: string, url: string): void {
  db.run('insert or replace into links (code, url) values (?, ?)', [code, url]);
}

export function find(code: string): string | null {
  const row = db.query('select url from links where code = ?').get(code) as { url: string } | null;
  return row?.url ?? null;
}
