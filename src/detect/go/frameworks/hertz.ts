import type { GoFramework } from './types.js';

/**
 * cloudwego/hertz: `h := server.Default(server.WithHostPorts(":8080")); h.Spin()`. Without the
 * option (or an `Addr` in the options callback) hertz listens on :8888.
 */
export const hertz: GoFramework = {
  id: 'hertz',
  imports: ['github.com/cloudwego/hertz/'],
  rank: 20,
  listen: [/\.Spin\(/g],
  addressOptions: [
    { re: /\bWithHostPorts\(/g, arg: 0 },
    { re: /\.Addr\s*=(?!=)\s*/g, arg: 'rest' },
  ],
  defaultPort: { port: 8888, envVar: null, note: 'hertz Spin() without WithHostPorts listens on :8888' },
  anyReceiver: true,
};
