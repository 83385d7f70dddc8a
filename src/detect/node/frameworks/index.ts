/**
 * The Node frameworks in the order they are tried: meta-frameworks that own the server first
 * (a Next.js app may also depend on express for a custom server), then Nest (built on Express or
 * Fastify), then plain HTTP libraries, then client-side builders.
 */
import { angular } from './angular.js';
import { astro } from './astro.js';
import { hono } from './hono.js';
import { nestjs } from './nestjs.js';
import { nextjs } from './nextjs.js';
import { nuxt } from './nuxt.js';
import { remix } from './remix.js';
import { elysia, express, fastify, feathers, hapi, koa, polka, restify } from './servers.js';
import { createReactApp, docusaurus, gatsby, vueCli } from './static-builders.js';
import { sveltekit } from './sveltekit.js';
import type { NodeFramework } from './types.js';
import { vite } from './vite.js';

export type { FrameworkCategory, NodeFramework } from './types.js';

export const FRAMEWORKS: readonly NodeFramework[] = [
  nextjs, nuxt, remix, sveltekit, astro, angular,
  nestjs, hono, elysia, fastify, koa, hapi, restify, polka, feathers, express,
  vite, createReactApp, vueCli, gatsby, docusaurus,
];

/** Every framework whose dependencies are present, in trial order. */
export function matchingFrameworks(info: Parameters<NodeFramework['matches']>[0]): NodeFramework[] {
  return FRAMEWORKS.filter((f) => f.matches(info));
}
