import type { GoFramework } from './types.js';

/**
 * beego (v1 astaxie/beego, v2 beego/beego/v2/server/web): `beego.Run()` / `web.Run()` listen on
 * `httpport` from conf/app.conf, 8080 by default; `web.Run(":8081")` names the address.
 */
export const beego: GoFramework = {
  id: 'beego',
  imports: ['github.com/astaxie/beego', 'github.com/astaxie/beego/', 'github.com/beego/beego/'],
  rank: 20,
  listen: [/\b(?:beego|web)\.Run\(/g],
  defaultPort: { port: 8080, envVar: null, note: 'beego Run() without an address listens on httpport, 8080 by default' },
  anyReceiver: true,
};
