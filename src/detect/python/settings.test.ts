import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';

const APP = 'from fastapi import FastAPI\napp = FastAPI()\n';
const REQS = 'fastapi\nuvicorn\n';

function envOf(files: Record<string, string>): Record<string, { required: boolean; secret: boolean; default: string | null }> {
  const service = onlyService({ 'requirements.txt': REQS, 'main.py': APP, ...files });
  return Object.fromEntries(service.env.map((e) => [e.name, { required: e.required, secret: e.secret, default: e.default }]));
}

describe('python env reads', () => {
  it('os.environ[...] is required; .get / getenv with a default is optional', () => {
    const env = envOf({
      'config.py': 'import os\nfrom os import getenv\n\nAPI_TOKEN = os.environ["API_TOKEN"]\nLOG_LEVEL = os.environ.get("LOG_LEVEL", "info")\nTIMEOUT = os.getenv("TIMEOUT", 30)\nFEATURE = getenv("FEATURE_FLAG")\nos.environ["SET_BY_APP"] = "1"\n',
    });
    expect(env).toEqual({
      API_TOKEN: { required: true, secret: true, default: null },
      LOG_LEVEL: { required: false, secret: false, default: 'info' },
      TIMEOUT: { required: false, secret: false, default: '30' },
      FEATURE_FLAG: { required: false, secret: false, default: null },
    });
  });

  it('python-decouple config()', () => {
    const env = envOf({ 'settings.py': 'from decouple import config, Csv\n\nSECRET_KEY = config("SECRET_KEY")\nALLOWED = config("ALLOWED_HOSTS", default="localhost", cast=Csv())\n' });
    expect(env.SECRET_KEY).toEqual({ required: true, secret: true, default: null });
    expect(env.ALLOWED_HOSTS).toEqual({ required: false, secret: false, default: 'localhost' });
  });

  it('pydantic BaseSettings: upper-cased fields, env_prefix, defaults optional, Field aliases', () => {
    const service = onlyService({
      'requirements.txt': `${REQS}pydantic-settings\n`,
      'main.py': APP,
      'app/config.py': [
        'from pydantic import Field, PostgresDsn',
        'from pydantic_settings import BaseSettings, SettingsConfigDict',
        '',
        '',
        'class Settings(BaseSettings):',
        '    model_config = SettingsConfigDict(env_prefix="SHOP_", env_file=".env")',
        '',
        '    database_url: PostgresDsn',
        '    redis_url: str = "redis://localhost:6379/0"',
        '    debug: bool = False',
        '    api_key: str = Field(..., alias="PAYMENTS_API_KEY")',
        '    sentry_dsn: str | None = None',
        '    port: int = 8000',
        '',
        '    def url(self) -> str:',
        '        return str(self.database_url)',
        '',
        '',
        'settings = Settings()',
        '',
      ].join('\n'),
    });
    const env = Object.fromEntries(service.env.map((e) => [e.name, e]));
    expect(Object.keys(env).sort()).toEqual(['PAYMENTS_API_KEY', 'SHOP_DATABASE_URL', 'SHOP_DEBUG', 'SHOP_REDIS_URL', 'SHOP_SENTRY_DSN']);
    expect(env.SHOP_DATABASE_URL).toMatchObject({ required: true, secret: false });
    expect(env.PAYMENTS_API_KEY).toMatchObject({ required: true, secret: true });
    expect(env.SHOP_DEBUG).toMatchObject({ required: false, default: 'False' });
    expect(env.SHOP_SENTRY_DSN).toMatchObject({ required: false, secret: true });
    expect(service.evidence).toContainEqual({ fact: 'env:SHOP_DATABASE_URL', file: 'app/config.py', line: 8, note: 'database_url: PostgresDsn' });
    expect(service.backingServices).toContainEqual({ kind: 'redis', envVar: 'SHOP_REDIS_URL' });
  });

  it('pydantic v1 class Config env_prefix and subclassed settings', () => {
    const env = envOf({
      'settings.py': 'from pydantic import BaseSettings\n\nclass Base(BaseSettings):\n    app_name: str = "x"\n\n    class Config:\n        env_prefix = "APP_"\n\nclass Prod(Base):\n    secret_key: str\n',
    });
    expect(env.APP_APP_NAME).toMatchObject({ required: false, default: 'x' });
    expect(env.SECRET_KEY).toMatchObject({ required: true, secret: true });
  });

  it('.env.example declares variables; URL defaults name backing services', () => {
    const service = onlyService({
      'requirements.txt': REQS,
      'main.py': `${APP}import os\nDB = os.getenv("DATABASE_URL", "postgresql+asyncpg://app:app@localhost/app")\n`,
      '.env.example': 'DATABASE_URL=\nSMTP_HOST=mail.local\n',
    });
    expect(service.env).toContainEqual({ name: 'SMTP_HOST', required: false, secret: false, default: 'mail.local' });
    expect(service.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
    const note = service.evidence.find((e) => e.fact === 'backing:postgres')?.note ?? '';
    expect(note).not.toContain('app:app@');
    expect(note).toContain('app:***@');
  });

  it('a PORT read with a default gives the port', () => {
    const service = onlyService({
      'requirements.txt': REQS,
      'main.py': APP,
      'settings.py': 'import os\nPORT = int(os.getenv("PORT", "7000"))\n',
    });
    expect(service.port).toEqual({ value: 7000, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.env.find((e) => e.name === 'PORT')).toBeUndefined();
  });
});
