/**
 * Rate limits at the edge: nginx limit_req (zones at http level, limits in the server), the Caddy
 * rate_limit handler (caddy-ratelimit plugin), and a Cloudflare http_ratelimit ruleset. The edge sees
 * no user identity, so it enforces the per-IP and auth tiers; per-user limits stay in the app.
 */
import { headerComment, type GeneratedFile } from '../../types.js';
import { EDGE_DIR } from '../headers/edge.js';
import { authPaths, type RateLimitInputs } from './policy.js';

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function edgeRateLimitFiles(project: string, options: RateLimitInputs): GeneratedFile[] {
  const source = `the plan of ${project}`;
  const paths = authPaths(options);
  const authPerMinute = Math.max(1, Math.round(options.auth / 15));
  const zones = [
    headerComment('#', source),
    '# Include at http { } level. Zones are shared by the workers of this nginx only.',
    `limit_req_zone $binary_remote_addr zone=devsquad_ip:10m rate=${options.perIp}r/m;`,
    `limit_req_zone $binary_remote_addr zone=devsquad_auth:10m rate=${authPerMinute}r/m;`,
    'limit_req_status 429;',
    'limit_req_log_level warn;',
    '',
  ].join('\n');
  const server = [
    headerComment('#', source),
    '# Include inside the server { } block; set proxy_pass to your upstream.',
    `limit_req zone=devsquad_ip burst=${Math.max(10, Math.round(options.perIp / 6))} nodelay;`,
    'error_page 429 = @devsquad_too_many;',
    'location @devsquad_too_many {',
    '    add_header Retry-After 60 always;',
    "    return 429 '{\"error\":\"Too Many Requests\"}';",
    '}',
    `location ~ ^(${paths.map(escapeRegex).join('|')})(/|$) {`,
    `    limit_req zone=devsquad_auth burst=${Math.max(1, Math.round(options.auth / 2))} nodelay;`,
    '    limit_req zone=devsquad_ip;',
    '    proxy_pass http://app_upstream;',
    '}',
    '',
  ].join('\n');
  const caddy = [
    headerComment('#', source),
    '# Needs the caddy-ratelimit plugin (xcaddy build --with github.com/mholt/caddy-ratelimit) and the',
    '# global option "order rate_limit before basicauth". Import in a site block: import rate_limits',
    '(rate_limits) {',
    '\trate_limit {',
    '\t\tzone per_ip {',
    '\t\t\tkey {remote_host}',
    `\t\t\tevents ${options.perIp}`,
    '\t\t\twindow 1m',
    '\t\t}',
    '\t\tzone auth {',
    '\t\t\tmatch {',
    `\t\t\t\tpath ${paths.flatMap((p) => [p, `${p}/*`]).join(' ')}`,
    '\t\t\t}',
    '\t\t\tkey {remote_host}',
    `\t\t\tevents ${options.auth}`,
    '\t\t\twindow 15m',
    '\t\t}',
    '\t}',
    '}',
    '',
  ].join('\n');
  const expression = `http.request.uri.path in {${paths.map((p) => JSON.stringify(p)).join(' ')}}`;
  const response = { status_code: 429, content: '{"error":"Too Many Requests"}', content_type: 'application/json' };
  const cloudflare = {
    name: 'devsquad rate limits',
    description: `Rate limiting rules for ${project}. PUT /zones/{zone_id}/rulesets/phases/http_ratelimit/entrypoint. Periods and counting keys depend on your plan (Free: 10s period, one rule).`,
    kind: 'zone',
    phase: 'http_ratelimit',
    rules: [
      {
        description: `Auth routes: ${options.auth} requests per 15 minutes per IP`,
        expression,
        action: 'block',
        action_parameters: { response },
        ratelimit: { characteristics: ['cf.colo.id', 'ip.src'], period: 900, requests_per_period: options.auth, mitigation_timeout: 900 },
        enabled: true,
      },
      {
        description: `All routes: ${options.perIp} requests per minute per IP`,
        expression: 'true',
        action: 'block',
        action_parameters: { response },
        ratelimit: { characteristics: ['cf.colo.id', 'ip.src'], period: 60, requests_per_period: options.perIp, mitigation_timeout: 60 },
        enabled: true,
      },
    ],
  };
  return [
    { path: `${EDGE_DIR}/nginx/rate-limit-zones.conf`, content: zones, kind: 'text', generator: 'rate-limit', notes: ['nginx enforces per-IP and auth tiers; per-user limits stay in the app (the edge sees no user)'] },
    { path: `${EDGE_DIR}/nginx/rate-limit.conf`, content: server, kind: 'text', generator: 'rate-limit' },
    { path: `${EDGE_DIR}/caddy/rate-limit.caddy`, content: caddy, kind: 'text', generator: 'rate-limit' },
    { path: `${EDGE_DIR}/cloudflare/rate-limit.json`, content: `${JSON.stringify(cloudflare, null, 2)}\n`, kind: 'json', generator: 'rate-limit' },
  ];
}
