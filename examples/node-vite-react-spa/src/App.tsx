import { useEffect, useState } from 'react';

const API_URL = import.meta.env.VITE_API_URL ?? '/api';

export function App() {
  const [stats, setStats] = useState<{ orders: number } | null>(null);
  useEffect(() => {
    fetch(`${API_URL}/stats`).then((r) => r.json()).then(setStats).catch(() => setStats(null));
  }, []);
  return <h1>Orders today: {stats?.orders ?? '…'}</h1>;
}
