/**
 * Command lines from Procfiles and generated starts: the server part of a compound or wrapped command,
 * and whether a Procfile process runs Python at all (not `node server.js` beside a docs requirements.txt).
 */

const WRAPPERS = /^(?:(?:[A-Z_][A-Z0-9_]*=\S*\s+)+|exec\s+|newrelic-admin\s+run-program\s+|ddtrace-run\s+|opentelemetry-instrument\s+|(?:uv|poetry|pipenv|pdm|hatch)\s+run\s+(?:--\S+\s+)*)/;

/**
 * The server part of a command line: the last step of `flask db upgrade; gunicorn app:app` or
 * `sh -c "… && exec uvicorn …"`, without env assignments and wrappers (`newrelic-admin run-program`, `uv run`).
 */
export function unwrapCommand(command: string): string {
  let rest = command.trim();
  const shell = /^(?:ba)?sh\s+-c\s+(["'])([\s\S]*)\1$/.exec(rest);
  if (shell?.[2]) rest = shell[2].trim();
  rest = rest.split(/\s*(?:&&|;)\s*/).filter((part) => part !== '').pop() ?? rest;
  for (let i = 0; i < 5; i++) {
    const next = rest.replace(WRAPPERS, '');
    if (next === rest) break;
    rest = next;
  }
  return rest.replace(/^python[\d.]*\s+-m\s+(?=(?:gunicorn|uvicorn|hypercorn|daphne|streamlit|flask|granian|celery|sanic|litestar)\b)/, '');
}

const PYTHON_COMMANDS = /^(?:python[\d.]*|pypy3?|gunicorn|uvicorn|hypercorn|daphne|uwsgi|waitress-serve|celery|rq|dramatiq|huey_consumer(?:\.py)?|streamlit|flask|fastapi|django-admin|granian|faust|arq|taskiq|sanic|gradio|panel|chainlit|pserve|emmett|emmett55|litestar|robyn)\b/;

/** A Procfile command that starts a Python process. */
export function runsPython(command: string): boolean {
  const rest = unwrapCommand(command);
  return PYTHON_COMMANDS.test(rest) || /^(?:\.\/)?[\w/.-]+\.py\b/.test(rest);
}
