import { assertEquals } from "@std/assert";
import { createStore } from "./store.ts";

Deno.test("keeps the newest entries", () => {
  const store = createStore(2);
  store.add("https://a.example", "a");
  store.add("https://b.example", "b");
  store.add("https://c.example", "c");
  assertEquals(store.list().map((b) => b.title), ["c", "b"]);
});
