async function getProducts(): Promise<Array<{ id: string; name: string }>> {
  const res = await fetch(`${process.env.CATALOG_API_URL}/products`, { next: { revalidate: 60 } });
  return res.ok ? res.json() : [];
}

export default async function Home() {
  const products = await getProducts();
  return (
    <main>
      <h1>{process.env.NEXT_PUBLIC_SHOP_NAME ?? 'Storefront'}</h1>
      <ul>{products.map((p) => <li key={p.id}>{p.name}</li>)}</ul>
    </main>
  );
}
