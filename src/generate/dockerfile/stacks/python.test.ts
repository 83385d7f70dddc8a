import { describe, expect, it } from 'vitest';
import { PLANS } from '../fixtures.js';
import { inputs } from '../generate.js';
import { render } from './python.js';

const lines = (text: string): string[] => text.split('\n');

describe('python recipe', () => {
  it('uv: pinned uv image, cached locked sync without the project, then sources; libpq split build/runtime', () => {
    const { text } = render(PLANS.fastapiUv(), inputs.parse({}));
    const l = lines(text);
    expect(l).toContain('ARG PYTHON_VERSION=3.12');
    expect(l).toContain('FROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv');
    expect(l).toContain('COPY --from=uv /uv /uvx /bin/');
    expect(text).toContain('--mount=type=cache,target=/root/.cache/uv,id=uv \\\n    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    --mount=type=bind,source=uv.lock,target=uv.lock \\\n    uv sync --locked --no-dev --no-install-project');
    expect(text).toContain('uv sync --locked --no-dev --no-editable');
    expect(text).toContain('apt-get install -y --no-install-recommends build-essential libpq-dev');
    expect(text).toContain('apt-get install -y --no-install-recommends libpq5');
    expect(l).toContain('FROM python:${PYTHON_VERSION}-slim-bookworm AS runtime');
    expect(l).toContain('COPY --from=build /opt/venv /opt/venv');
    expect(text).toContain('PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1');
    expect(l).toContain('USER 10001:10001');
    expect(l).toContain('ENV PORT=8000');
    expect(l).toContain('EXPOSE 8000');
    expect(text).toContain(`"python", "-c", "import os,sys,urllib.request;urllib.request.urlopen('http://127.0.0.1:'+os.environ.get('PORT','8000')+'/health',timeout=4);sys.exit(0)"`);
    expect(l.at(-2)).toBe('CMD ["sh", "-c", "exec uvicorn app.main:app --host 0.0.0.0 --port $PORT"]');
    expect(text).toMatchSnapshot();
  });

  it('poetry + Django: venv via VIRTUAL_ENV, main group only, collectstatic with a throwaway key', () => {
    const { text } = render(PLANS.djangoPoetry(), inputs.parse({}));
    expect(text).toContain('pip install "poetry==${POETRY_VERSION}"');
    expect(text).toContain('COPY pyproject.toml poetry.lock ./');
    expect(text).toContain('poetry install --only main --no-root --no-interaction --no-ansi');
    expect(text).toContain('SECRET_KEY=collectstatic-build-only DJANGO_SECRET_KEY=collectstatic-build-only /opt/venv/bin/python manage.py collectstatic --noinput');
    expect(text).not.toMatch(/^(ENV|ARG) .*SECRET_KEY/m);
  });

  it('requirements: copies every -r file before the install', () => {
    const { text } = render(PLANS.flaskPip(), inputs.parse({}));
    expect(text).toContain('COPY --parents requirements/prod.txt requirements* constraints*.txt ./');
    expect(text).toContain('pip install -r requirements/prod.txt');
    expect(lines(text)).toContain('CMD ["gunicorn", "app:app"]');
  });

  it('pipenv and pdm: hash-checked exports of the lockfile', () => {
    expect(render(PLANS.pipenv(), inputs.parse({})).text).toContain('pipenv requirements --hash > /tmp/requirements.txt');
    const pdm = render(PLANS.pdmStreamlit(), inputs.parse({})).text;
    expect(pdm).toContain('pdm export --prod --no-extras -f requirements -o /tmp/requirements.txt');
    expect(pdm).toContain("'/_stcore/health'");
  });

  it('worker: no EXPOSE, HEALTHCHECK NONE; distroless is declined with a note', () => {
    const { text, notes } = render(PLANS.celeryWorker(), inputs.parse({ baseImageFlavor: 'distroless' }));
    expect(text).not.toMatch(/^EXPOSE/m);
    expect(lines(text)).toContain('HEALTHCHECK NONE');
    expect(notes.join('\n')).toContain('distroless not used');
  });
});
