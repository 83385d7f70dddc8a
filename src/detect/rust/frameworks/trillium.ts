import type { RustFramework } from './types.js';

/**
 * trillium (trillium-smol, -tokio, -async-std): `trillium_smol::run(handler)` or
 * `trillium_tokio::config().with_port(8080).run(handler)` (often imported: `use trillium_smol::config`). Without `with_port` it listens on PORT or
 * 8080, and on HOST or localhost, so a container needs HOST=0.0.0.0.
 */
export const trillium: RustFramework = {
  id: 'trillium',
  crates: ['trillium', 'trillium-smol', 'trillium-tokio', 'trillium-async-std'],
  rank: 20,
  serves: [/\btrillium_(?:smol|tokio|async_std)::(?:run|run_async|config)\b/],
  defaultPort: { port: 8080, envVar: 'PORT', note: 'trillium listens on PORT or 8080 unless with_port() says otherwise' },
  hostEnv: { name: 'HOST', unless: /\.with_host\s*\(/ },
};
