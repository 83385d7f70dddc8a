import { json } from '@sveltejs/kit';
import { sql } from '$lib/server/db';

export async function GET() {
  await sql`select 1`;
  return json({ status: 'ok' });
}
