/**
 * The two shapes most Python web frameworks take, as FrameworkMatches: an app object a WSGI / ASGI
 * server imports (`gunicorn app:app`, `uvicorn app:app`), or a script that serves itself when run
 * (`web.run_app(app)`, `app.run("0.0.0.0", 8080)`, `app.start(port=8080)`).
 */
import { appTarget, asgiCommand, portOfCall, scriptCommand, wsgiCommandOrGunicorn, type AsgiOptions, type RunCall } from './common.js';
import { emptyMatch, type Fact, type FrameworkMatch, type PyContext } from './types.js';

export interface AppObject {
  /** File defining the object (or factory). */
  file: string;
  /** Variable or factory name. */
  name: string;
  fact: Fact;
  asgi: boolean;
  factory: boolean;
}

/** An app object served by the WSGI / ASGI server the project declares (gunicorn or uvicorn assumed, with a warning, when none). */
export function servedAppMatch(ctx: PyContext, id: string, label: string, found: AppObject, asgiOptions: AsgiOptions = {}): FrameworkMatch {
  const app = appTarget(ctx, found.file, found.name, { asgi: found.asgi, factory: found.factory });
  const choice = found.asgi ? asgiCommand(ctx, app, asgiOptions) : wsgiCommandOrGunicorn(ctx, app);
  const match = emptyMatch(id, found.fact, 8000, `${choice.server} listens on 8000 by default`);
  match.start = { command: choice.command, fact: { ...found.fact, note: `${found.fact.note} (${choice.note})` } };
  if (choice.missing) {
    const kind = found.asgi ? 'ASGI server (uvicorn, hypercorn, granian)' : 'WSGI server (gunicorn, uwsgi, waitress)';
    const add = choice.server === 'gunicorn' && found.asgi ? 'uvicorn (for its gunicorn worker)' : choice.server;
    match.warnings.push(`${label} app found but no ${kind} is a dependency; add ${add} so the start command works.`);
  }
  return match;
}

export interface SelfRunDefaults {
  port: number;
  /** The address the framework binds when the call does not say (127.0.0.1 is flagged as unreachable). */
  host: string;
  note: string;
}

/** A script that serves itself (`python app.py`): the port and host its run call asks for, else the framework's defaults. */
export function selfRunMatch(ctx: PyContext, id: string, evidence: Fact, run: RunCall, defaults: SelfRunDefaults): FrameworkMatch {
  const match = emptyMatch(id, evidence, defaults.port, defaults.note);
  const fact: Fact = { file: run.call.file, line: run.call.line, note: run.call.note };
  match.start = { command: scriptCommand(ctx, run.source.file), fact };
  const stated = portOfCall(run.source, run.call);
  match.codePort = {
    value: stated?.value ?? (stated?.envVar ? null : defaults.port),
    envVar: stated?.envVar ?? null,
    host: stated?.host ?? defaults.host,
    fact: stated?.value || stated?.envVar ? fact : { ...fact, note: `${run.call.note} (${defaults.note})` },
  };
  return match;
}
