/**
 * HTTP libraries an app starts itself. They decide nothing about start or build (the planner reads
 * the scripts and the listen call); they name the framework and say where it binds by default.
 * Fastify (and Nest on Fastify) listens on localhost unless given a host, which is unreachable in
 * a container.
 */
import type { NodeContext } from '../context.js';
import { hasDep, setFramework } from '../context.js';
import type { NodeFramework } from './types.js';

function server(id: string, dep: string, extra: Partial<NodeFramework> = {}): NodeFramework {
  return {
    id,
    category: 'server',
    matches: (info) => hasDep(info, dep),
    apply(ctx: NodeContext): void {
      setFramework(ctx, id, dep);
    },
    ...extra,
  };
}

export const express = server('express', 'express');
export const fastify = server('fastify', 'fastify', { defaultHost: () => 'localhost' });
export const koa = server('koa', 'koa');
export const hapi = server('hapi', '@hapi/hapi');
export const restify = server('restify', 'restify');
export const polka = server('polka', 'polka');
export const feathers = server('feathers', '@feathersjs/feathers');
export const elysia = server('elysia', 'elysia');
