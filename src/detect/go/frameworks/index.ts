/**
 * Go frameworks, most specific first. A binary's framework is the highest-ranked one it imports;
 * listen calls of every framework it imports (plus net/http and net.Listen) are read for the port.
 */
import { beego } from './beego.js';
import { chi } from './chi.js';
import { echo } from './echo.js';
import { fasthttp } from './fasthttp.js';
import { fiber } from './fiber.js';
import { gin } from './gin.js';
import { gnet } from './gnet.js';
import { goframe } from './goframe.js';
import { goji, kami } from './goji.js';
import { gorillaMux } from './gorilla-mux.js';
import { grpc } from './grpc.js';
import { hertz } from './hertz.js';
import { iris } from './iris.js';
import { nethttp } from './nethttp.js';
import type { GoFramework } from './types.js';

export type { GoFramework } from './types.js';

export const GO_FRAMEWORKS: readonly GoFramework[] = [gin, echo, fiber, hertz, iris, beego, goframe, kami, goji, fasthttp, gnet, chi, gorillaMux, grpc, nethttp];

/** A raw listener (`net.Listen("tcp", ":9000")`) counts as listening whatever serves on it. */
export const RAW_LISTEN = /\bnet\.Listen\(/g;

export function frameworkOfImport(importPath: string): GoFramework | null {
  for (const fw of GO_FRAMEWORKS) {
    for (const imp of fw.imports) {
      if (imp.endsWith('/') ? importPath.startsWith(imp) : importPath === imp) return fw;
    }
  }
  return null;
}
