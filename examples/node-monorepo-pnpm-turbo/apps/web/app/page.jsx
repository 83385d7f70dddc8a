export default async function Home() {
  const res = await fetch(`${process.env.API_URL}/healthz`, { cache: 'no-store' });
  return <p>API is {res.ok ? 'up' : 'down'}</p>;
}
