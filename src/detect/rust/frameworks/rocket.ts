import type { RustFramework } from './types.js';

/**
 * Rocket: `#[launch]` / `rocket::build().launch()`. It listens on ROCKET_PORT, Rocket.toml's port
 * or 8000, and binds 127.0.0.1 unless ROCKET_ADDRESS (or Rocket.toml) says otherwise.
 */
export const rocket: RustFramework = {
  id: 'rocket',
  crates: ['rocket'],
  rank: 20,
  serves: [/#\[(?:rocket::)?launch\]/, /\brocket::(?:build|custom)\s*\(/, /\.launch\s*\(\s*\)/],
  defaultPort: { port: 8000, envVar: 'ROCKET_PORT', note: 'Rocket listens on ROCKET_PORT or 8000 by default' },
};
