/** Registers `devsquad harden` on the program; the command itself lives in index.ts (lazily imported). */
import { Option, type Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';
import { addWriteOptions } from '../generate/options.js';

/** The hardening parts, spelled out so `--help` does not load every generator (a test keeps it equal to the registry). */
export const HARDENING_PART_NAMES: readonly string[] = ['auth', 'headers', 'rate-limit', 'secrets'];

export function registerHarden(program: Command, { io, setExit, collect }: CommandWiring): void {
  const command = program
    .command('harden')
    .description('Generate security hardening: headers (CSP, HSTS…), rate limits, secrets wiring and authentication, for the framework and the edge')
    .argument('[path]', 'repository to generate for (and write into with --write)', '.')
    .addOption(new Option('--only <parts>', `hardening parts, comma separated: ${HARDENING_PART_NAMES.join(', ')}`).argParser(collect));
  addWriteOptions(command, collect)
    .addOption(new Option('--input <part.key=value>', 'set a part input, e.g. headers.cspMode=enforce').argParser(collect))
    .addHelpText('after', `
Code goes to <service>/hardening/<part>/ with its tests and a SECURITY-HARDENING.md listing the
packages to add (your manifests are never edited); edge configs (nginx, Caddy, Cloudflare) go to
security/edge/, secrets wiring to security/ (security/secrets.env.example lists names, never values).
Supported frameworks: Express, Fastify, NestJS, Next.js, FastAPI, Django, Flask, Go net/http and gin;
other services get the edge configs and a note. Nothing is written without --write or --out.

Inputs (--input part.key=value):
  headers.cspMode=report-only|enforce    CSP report-only first (default), then enforce
  headers.reportPath=/csp-report         headers.hstsPreload=true    headers.frameAncestors=none|self
  rate-limit.perIp=300  rate-limit.perUser=600  rate-limit.auth=10  rate-limit.authPaths=/login,/signup
  secrets.provider=vault|aws|gcp|azure|doppler|sops (default vault)  secrets.namespace=default
  auth.accessTtlSeconds=900  auth.refreshTtlDays=30  auth.lockoutAttempts=5  auth.issuer=…  auth.audience=…

Examples:
  devsquad harden                                     dry run of every part for the current directory
  devsquad harden . --only headers,rate-limit --write security headers and rate limits, written
  devsquad harden . --only secrets --input secrets.provider=aws --out /tmp/secrets
  devsquad harden . --input headers.cspMode=enforce --explain`)
    .action(async (path: string, opts: Record<string, unknown>) => {
      const { harden } = await import('./index.js');
      setExit(await harden({ path, ...opts }, io));
    });
}
