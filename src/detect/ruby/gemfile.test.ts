import { describe, expect, it } from 'vitest';
import { rubyEnvReads } from './env.js';
import { parseGemfile, parseGemfileLock, runtimeGems } from './gemfile.js';
import { pumaPort } from './puma.js';

describe('parseGemfile', () => {
  it('keeps gems of development/test groups out of the production bundle', () => {
    const gemfile = parseGemfile(
      [
        'source "https://rubygems.org"',
        'ruby "3.2.2"',
        'gem "rails", "~> 7.1" # the framework',
        'gem "rubocop", require: false, group: :development',
        'platforms :mri do',
        '  gem "pg"',
        'end',
        'group :development, :test do',
        '  gem "debug"',
        '  if ENV["CI"]',
        '    gem "simplecov"',
        '  end',
        'end',
        'gem "puma"',
      ].join('\n'),
    );
    expect(gemfile.ruby).toMatchObject({ version: '3.2.2', file: null, line: 2 });
    expect([...runtimeGems(gemfile)].sort()).toEqual(['pg', 'puma', 'rails']);
    expect(gemfile.gems.find((g) => g.name === 'simplecov')?.groups).toEqual(['development', 'test']);
    expect(gemfile.gems.find((g) => g.name === 'puma')?.line).toBe(14);
  });

  it('reads `ruby file:`', () => {
    expect(parseGemfile('ruby file: ".ruby-version"\n').ruby).toMatchObject({ version: null, file: '.ruby-version' });
  });
});

describe('parseGemfileLock', () => {
  it('reads specs, DEPENDENCIES, RUBY VERSION and BUNDLED WITH', () => {
    const lock = parseGemfileLock(
      [
        'GEM',
        '  remote: https://rubygems.org/',
        '  specs:',
        '    nokogiri (1.16.7-x86_64-linux)',
        '      racc (~> 1.4)',
        '    rails (7.1.3)',
        '',
        'DEPENDENCIES',
        '  rails (~> 7.1)',
        '  mygem!',
        '',
        'RUBY VERSION',
        '   ruby 3.3.0p0',
        '',
        'BUNDLED WITH',
        '   2.5.6',
      ].join('\n'),
    );
    expect(lock.specs.get('rails')).toBe('7.1.3');
    expect(lock.specs.get('nokogiri')).toBe('1.16.7');
    expect(lock.specs.has('racc')).toBe(false);
    expect(lock.dependencies).toEqual(['rails', 'mygem']);
    expect(lock.rubyVersion).toBe('3.3.0p0');
    expect(lock.rubyVersionLine).toBe(13);
    expect(lock.bundledWith).toBe('2.5.6');
  });
});

describe('rubyEnvReads', () => {
  it('classifies ENV reads as required or optional', () => {
    const reads = rubyEnvReads(
      [
        'key = ENV.fetch("STRIPE_KEY")',
        'threads = ENV.fetch("MAX_THREADS") { 5 }',
        'level = ENV.fetch("LOG_LEVEL", "info")',
        'url = ENV["API_URL"]',
        'host = ENV["HOST_NAME"] || "localhost"',
        'ssl = ENV["FORCE_SSL"].present?',
        'pidfile ENV["PIDFILE"] if ENV["PIDFILE"]',
        'ENV["BUNDLE_GEMFILE"] ||= "Gemfile"',
      ].join('\n'),
    );
    const byName = Object.fromEntries(reads.map((r) => [r.name, r]));
    expect(byName.STRIPE_KEY).toMatchObject({ hasDefault: false, line: 1 });
    expect(byName.MAX_THREADS).toMatchObject({ hasDefault: true, default: '5' });
    expect(byName.LOG_LEVEL).toMatchObject({ hasDefault: true, default: 'info' });
    expect(byName.API_URL).toMatchObject({ hasDefault: false });
    expect(byName.HOST_NAME).toMatchObject({ hasDefault: true, default: 'localhost' });
    expect(byName.FORCE_SSL).toMatchObject({ hasDefault: true });
    expect(byName.PIDFILE).toMatchObject({ hasDefault: true });
    expect(byName.BUNDLE_GEMFILE).toBeUndefined();
  });
});

describe('pumaPort', () => {
  it('reads `port ENV.fetch("PORT") { 3000 }`', () => {
    expect(pumaPort('threads 3, 3\nport ENV.fetch("PORT") { 3000 }\n')).toMatchObject({ port: 3000, envVar: 'PORT', line: 2 });
  });
  it('reads `port ENV.fetch("PORT", 4000)` and a literal port', () => {
    expect(pumaPort('port ENV.fetch("PORT", 4000)')).toMatchObject({ port: 4000, envVar: 'PORT' });
    expect(pumaPort('port 8080')).toMatchObject({ port: 8080, envVar: null });
  });
  it('reads a bind address with an interpolated port', () => {
    expect(pumaPort('bind "tcp://127.0.0.1:#{ENV.fetch("PORT", 3000)}"')).toMatchObject({ port: 3000, envVar: 'PORT', bindAddress: '127.0.0.1' });
  });
  it('ignores a commented-out port', () => {
    expect(pumaPort('# port 3000\n')).toBeNull();
  });
});
