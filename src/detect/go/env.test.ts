import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';

const gomod = (body = ''): string => `module example.com/app\n\ngo 1.22\n${body}`;
const server = 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n';

describe('go env reads', () => {
  it('classifies os.Getenv, os.LookupEnv and getEnv helpers as required or optional with defaults', () => {
    const s = onlyService({
      'go.mod': gomod(),
      'main.go': server,
      'config.go': [
        'package main',
        '',
        'import (',
        '\t"log"',
        '\t"os"',
        '\t"strconv"',
        ')',
        '',
        'func load() {',
        '\tsecret := os.Getenv("JWT_SECRET")',
        '\tif secret == "" {',
        '\t\tlog.Fatal("JWT_SECRET is required")',
        '\t}',
        '\tregion := os.Getenv("AWS_REGION")',
        '\tif region == "" {',
        '\t\tregion = "eu-west-1"',
        '\t}',
        '\tlevel, ok := os.LookupEnv("LOG_LEVEL")',
        '\tif !ok {',
        '\t\tlevel = "info"',
        '\t}',
        '\t_ = os.Getenv("SENTRY_DSN")',
        '\t_ = getEnv("CACHE_TTL", "60")',
        '\t_ = mustGetenv("STRIPE_API_KEY")',
        '\tif debug, _ := strconv.ParseBool(os.Getenv("VERBOSE")); debug {',
        '\t}',
        '\tif file := os.Getenv("CREDENTIALS_FILE"); file != "" {',
        '\t}',
        '\t_, _, _ = secret, region, level',
        '}',
        '',
        'func getEnv(key, fallback string) string {',
        '\tif v := os.Getenv(key); v != "" {',
        '\t\treturn v',
        '\t}',
        '\treturn fallback',
        '}',
        '',
      ].join('\n'),
    });
    expect(s.env).toEqual([
      { name: 'JWT_SECRET', required: true, secret: true, default: null },
      { name: 'AWS_REGION', required: false, secret: false, default: 'eu-west-1' },
      { name: 'LOG_LEVEL', required: false, secret: false, default: 'info' },
      { name: 'SENTRY_DSN', required: true, secret: true, default: null },
      { name: 'VERBOSE', required: false, secret: false, default: null },
      { name: 'CREDENTIALS_FILE', required: false, secret: true, default: null },
      { name: 'CACHE_TTL', required: false, secret: false, default: '60' },
      { name: 'STRIPE_API_KEY', required: true, secret: true, default: null },
    ]);
    expect(s.evidence).toContainEqual({ fact: 'env:JWT_SECRET', file: 'config.go', line: 10, note: 'secret := os.Getenv("JWT_SECRET")' });
  });

  it('reads envconfig tags and viper keys bound to the environment', () => {
    const s = onlyService({
      'go.mod': gomod(),
      'main.go': server,
      'config.go': [
        'package main',
        '',
        'import (',
        '\t"strings"',
        '',
        '\t"github.com/spf13/viper"',
        ')',
        '',
        'type Settings struct {',
        '\tRedisAddr string `envconfig:"REDIS_ADDR" default:"localhost:6379"`',
        '\tAPIToken  string `envconfig:"API_TOKEN" required:"true"`',
        '}',
        '',
        'func init() {',
        '\tviper.SetEnvPrefix("shop")',
        '\tviper.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))',
        '\tviper.AutomaticEnv()',
        '\tviper.SetDefault("db.name", "shop")',
        '\tviper.BindEnv("mail.host", "SMTP_HOST")',
        '\t_ = viper.GetString("db.name")',
        '}',
        '',
      ].join('\n'),
    });
    expect(s.env).toEqual([
      { name: 'REDIS_ADDR', required: false, secret: false, default: 'localhost:6379' },
      { name: 'API_TOKEN', required: true, secret: true, default: null },
      { name: 'SMTP_HOST', required: true, secret: false, default: null },
      { name: 'SHOP_DB_NAME', required: false, secret: false, default: 'shop' },
    ]);
    expect(s.backingServices).toEqual([{ kind: 'redis', envVar: 'REDIS_ADDR' }]);
  });
});

describe('go backing services and migrations', () => {
  it('links postgres from go.mod to DATABASE_URL and runs golang-migrate over the migrations dir', () => {
    const s = onlyService({
      'go.mod': gomod('\nrequire (\n\tgithub.com/lib/pq v1.10.9\n\tgithub.com/golang-migrate/migrate/v4 v4.17.1\n)\n'),
      'main.go': 'package main\n\nimport (\n\t"database/sql"\n\t"net/http"\n\t"os"\n\n\t_ "github.com/lib/pq"\n)\n\nfunc main() {\n\tsql.Open("postgres", os.Getenv("DATABASE_URL"))\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      'db/migrations/0001_init.up.sql': 'CREATE TABLE t (id int);\n',
    });
    expect(s.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
    expect(s.commands.migrate).toBe('migrate -path ./db/migrations -database "$DATABASE_URL" up');
    expect(s.evidence).toContainEqual({ fact: 'migrate', file: 'go.mod', line: 7, note: 'requires github.com/golang-migrate/migrate/v4 and db/migrations/ holds migrations' });
  });

  it('runs goose with the driver of the database', () => {
    const s = onlyService({
      'go.mod': gomod('\nrequire (\n\tgithub.com/go-sql-driver/mysql v1.8.1\n\tgithub.com/pressly/goose/v3 v3.21.1\n)\n'),
      'main.go': server,
      'migrations/00001_init.sql': '-- +goose Up\nCREATE TABLE t (id int);\n',
    });
    expect(s.commands.migrate).toBe('goose -dir ./migrations mysql "$DATABASE_URL" up');
  });

  it('says migrations run at startup when the server calls goose.Up itself', () => {
    const s = onlyService({
      'go.mod': gomod('\nrequire github.com/pressly/goose/v3 v3.21.1\n'),
      'main.go': 'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/pressly/goose/v3"\n)\n\nfunc main() {\n\tgoose.Up(nil, "migrations")\n\thttp.ListenAndServe(":8080", nil)\n}\n',
      'migrations/00001_init.sql': '-- +goose Up\n',
    });
    expect(s.commands.migrate).toBeNull();
    expect(s.evidence).toContainEqual({ fact: 'migrate', file: 'main.go', line: 10, note: 'goose.Up(nil, "migrations") (migrations run at startup)' });
  });
});
