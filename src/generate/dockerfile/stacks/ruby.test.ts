import { describe, expect, it } from 'vitest';
import { PLANS } from '../fixtures.js';
import { inputs } from '../generate.js';
import { render } from './ruby.js';

const lines = (text: string): string[] => text.split('\n');

describe('ruby recipe', () => {
  it('Rails: deployment bundle, bootsnap, assets with a dummy key, jemalloc, writable dirs, /up probe', () => {
    const { text } = render(PLANS.rails(), inputs.parse({}));
    const l = lines(text);
    expect(l).toContain('FROM ruby:${RUBY_VERSION}-slim-bookworm AS base');
    expect(l).toContain('ENV BUNDLE_DEPLOYMENT=1 BUNDLE_PATH=/usr/local/bundle BUNDLE_WITHOUT=development:test');
    expect(text).toContain('bundle exec bootsnap precompile --gemfile');
    expect(l).toContain('RUN SECRET_KEY_BASE_DUMMY=1 ./bin/rails assets:precompile');
    expect(text).toContain('--no-install-recommends libjemalloc2 libpq5');
    expect(l).toContain('ENV LD_PRELOAD=/usr/local/lib/libjemalloc.so');
    expect(l).toContain('RUN mkdir -p /app/tmp /app/log /app/storage /app/db && chown -R 10001:10001 /app/tmp /app/log /app/storage /app/db');
    expect(l).toContain('USER 10001:10001');
    expect(text).toContain(`"ruby", "-rnet/http", "-e", "exit Net::HTTP.get_response(URI(\\"http://127.0.0.1:#{ENV.fetch('PORT','3000')}/up\\")).is_a?(Net::HTTPSuccess)"`);
    expect(l.at(-2)).toBe('CMD ["./bin/rails", "server", "-b", "0.0.0.0"]');
    expect(text).toMatchSnapshot();
  });

  it('Sinatra: no Rails steps; $PORT start command through sh -c exec', () => {
    const { text } = render(PLANS.sinatra(), inputs.parse({}));
    expect(text).not.toContain('assets:precompile');
    expect(text).not.toContain('jemalloc');
    expect(text).toContain('ENV PORT=4567');
    expect(lines(text)).toContain('CMD ["sh", "-c", "exec bundle exec rackup --host 0.0.0.0 --port $PORT"]');
  });
});
