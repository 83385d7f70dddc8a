/**
 * Ruby server command lines and the port they bind: Puma, Iodine, Falcon, Unicorn, Pitchfork,
 * Passenger, Thin, Agoo, `rackup`, `rails server`, `rage s`, `hanami server` and `ruby app.rb`,
 * from a Procfile or the service's own container recipe (its CMD / ENTRYPOINT is what the authors
 * run in production). Also the ports servers started from code bind (`Agoo::Server.init(8080, …)`,
 * `WEBrick::HTTPServer.new(Port: 8080)`, `Rack::Handler::Puma.run(app, Port: 8080)`).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { commandPort, mainCommand, serviceRecipe } from '../shared/container-recipe.js';
import { lineText, matchAll, parsePort, stripHashComments } from '../shared/text.js';

/** A command that starts a Ruby web server (after `bundle exec` / `bin/`). */
const SERVER = /^(?:bundle\s+exec\s+|bin\/)?(puma|iodine|falcon|unicorn|unicorn_rails|pitchfork|passenger|thin|agoo|rackup|itsi|rails\s+(?:s|server)\b|rage\s+(?:s|server)\b|hanami\s+(?:s|server)\b|ruby\s+(?:-\S+\s+)*[\w./-]+\.rb)\b/;

/** Where each server listens when its command line and config say nothing. */
const DEFAULT_PORTS: Array<[RegExp, number]> = [
  [/^(puma|rackup|falcon)/, 9292],
  [/^(unicorn|pitchfork)/, 8080],
  [/^(iodine|thin|passenger|rails|rage)/, 3000],
  [/^hanami/, 2300],
];

export interface ServerCommand {
  /** The command with its literal port replaced by `$PORT` (the image sets PORT to it). */
  command: string;
  /** The server it starts (puma, iodine, rails, ruby …). */
  server: string;
  port: number | null;
  bindAddress: string | null;
  /** The server's own default when the command names no port (null when it depends on the app). */
  defaultPort: number | null;
}

/** Reads a Ruby server command; null when the command starts something else. */
export function serverCommand(raw: string): ServerCommand | null {
  const command = mainCommand(raw).replace(/\s+/g, ' ').trim();
  const m = SERVER.exec(command);
  if (!m) return null;
  const server = (m[1] ?? '').split(/\s+/)[0] ?? '';
  const found = commandPort(command);
  const defaultPort = DEFAULT_PORTS.find(([re]) => re.test(server))?.[1] ?? null;
  if (!found) return { command, server, port: null, bindAddress: null, defaultPort };
  // `-p 8080`, `--port=8080`, `-b tcp://0.0.0.0:8080`: the literal becomes $PORT so PORT keeps working.
  const withEnv = command.replace(new RegExp(`(-p[=\\s]*|--port[=\\s]+|:)${found.port}(?!\\d)`), '$1$PORT');
  return { command: withEnv, server, port: found.port, bindAddress: found.bindAddress, defaultPort };
}

export interface RecipeStart extends ServerCommand {
  file: string;
  line: number;
  raw: string;
}

/** The Ruby server the service's own container recipe starts, if it starts one. */
export function recipeStart(repo: RepoFs, dir: string, name: string): RecipeStart | null {
  const recipe = serviceRecipe(repo, dir, [name, dir.split('/').pop() ?? '']);
  if (!recipe?.command) return null;
  const found = serverCommand(recipe.command.value);
  return found ? { ...found, file: recipe.file, line: recipe.command.line, raw: recipe.command.value } : null;
}

export interface CodePort {
  port: number;
  file: string;
  line: number;
  note: string;
}

/**
 * Servers started from Ruby code with a port: `Agoo::Server.init(8080, …)`,
 * `WEBrick::HTTPServer.new(Port: 8080)`, `Rack::Handler::*.run(app, Port: 8080)` (also `Rackup::`),
 * `Iodine.listen(port: "8080")`, `TCPServer.new("0.0.0.0", 8080)`.
 */
export function portFromRubyCode(repo: RepoFs, files: readonly string[]): CodePort | null {
  const patterns = [
    /\bAgoo::Server\.init\(\s*(\d{2,5})\b/g,
    /\b(?:WEBrick::HTTPServer\.new|Rack(?:up)?::(?:Handler|Server)(?:::\w+)?\.(?:run|start|new))\([^)\n]*?\b(?:Port|port|:Port\s*=>)\s*:?\s*(?:=>\s*)?["']?(\d{2,5})\b/g,
    /\bIodine\.listen\([^)\n]*?\bport:\s*["']?(\d{2,5})\b/g,
    /\bTCPServer\.new\(\s*(?:["'][^"']*["']\s*,\s*)?(\d{2,5})\s*\)/g,
  ];
  for (const file of files) {
    const source = repo.readText(file);
    if (source === null || !/Agoo|WEBrick|Rack|Iodine|TCPServer/.test(source)) continue;
    const text = stripHashComments(source);
    for (const re of patterns) {
      const m = matchAll(text, re)[0];
      const port = m ? parsePort(m.match[1]) : null;
      if (m && port !== null) return { port, file, line: m.line, note: lineText(source, m.line) };
    }
  }
  return null;
}
