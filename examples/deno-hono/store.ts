export interface Bookmark {
  id: number;
  url: string;
  title: string;
  createdAt: string;
}

/** An in-memory bookmark list that keeps the newest `max` entries. */
export function createStore(max: number) {
  const items: Bookmark[] = [];
  let nextId = 1;
  return {
    list: (): Bookmark[] => [...items],
    add(url: string, title: string): Bookmark {
      const bookmark = { id: nextId++, url, title, createdAt: new Date().toISOString() };
      items.unshift(bookmark);
      items.length = Math.min(items.length, max);
      return bookmark;
    },
  };
}
