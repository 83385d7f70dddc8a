import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { createStore } from "./store.ts";

// Writes need a token; reads are public.
const token = Deno.env.get("API_TOKEN");
if (!token) throw new Error("API_TOKEN must be set");

const port = Number(Deno.env.get("PORT") ?? 8000);
const maxItems = Number(Deno.env.get("MAX_ITEMS") ?? "100");
const store = createStore(maxItems);

export const app = new Hono();

app.get("/healthz", (c) => c.json({ status: "ok" }));

app.get("/bookmarks", (c) => c.json(store.list()));

app.post("/bookmarks", bearerAuth({ token }), async (c) => {
  const body = await c.req.json<{ url?: string; title?: string }>();
  if (!body.url) return c.json({ error: "url is required" }, 400);
  return c.json(store.add(body.url, body.title ?? body.url), 201);
});

Deno.serve({ port, hostname: "0.0.0.0" }, app.fetch);
