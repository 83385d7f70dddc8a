import { sql } from '$lib/server/db';

export async function load() {
  const cards = await sql`select id, title, lane from cards order by position`;
  return { cards };
}
