/**
 * The same headers at the edge, for whatever serves the app: an nginx snippet, a Caddy snippet and a
 * Cloudflare response-header transform ruleset. The edge cannot mint per-request nonces, so its CSP
 * uses script-src 'self'; a framework middleware that sets a nonce-based CSP takes precedence when
 * the edge is told not to overwrite (nginx: only add when the upstream did not send one).
 */
import { headerComment, type GeneratedFile } from '../../types.js';
import { cspHeaderName, cspString, frameOptions, hstsValue, PERMISSIONS_POLICY, REFERRER_POLICY, type HeadersInputs } from './policy.js';

export const EDGE_DIR = 'security/edge';

function headerList(options: HeadersInputs): [string, string][] {
  return [
    [cspHeaderName(options), cspString(options, false)],
    ['Strict-Transport-Security', hstsValue(options)],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', frameOptions(options)],
    ['Referrer-Policy', REFERRER_POLICY],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
  ];
}

export function edgeHeaderFiles(project: string, options: HeadersInputs): GeneratedFile[] {
  const source = `the plan of ${project}`;
  const list = headerList(options);
  const nginx = [
    headerComment('#', source),
    '# Security headers. Include inside each server { } block that serves HTTPS:',
    '#   include /etc/nginx/snippets/security-headers.conf;',
    '# nginx drops inherited add_header lines in a location that has its own: include it there too.',
    '# The CSP here has no nonce (the edge cannot mint one): keep the app\'s nonce-based CSP when it sends one.',
    `map $upstream_http_${cspHeaderName(options).toLowerCase().replace(/-/g, '_')} $devsquad_csp {`,
    `    ''      ${JSON.stringify(list[0]![1])};`,
    '    default "";',
    '}',
    '',
  ].join('\n');
  // add_header cannot live at http level next to the map in every layout, so the map sits in its own
  // file (http { }) and the headers in the snippet (server { }).
  const snippet = [
    headerComment('#', source),
    '# Include inside a server { } block; needs security-headers-map.conf included at http { } level.',
    `add_header ${cspHeaderName(options)} $devsquad_csp always;`,
    ...list.slice(1).map(([name, value]) => `add_header ${name} ${JSON.stringify(value)} always;`),
    'server_tokens off;',
    '',
  ].join('\n');
  const caddy = [
    headerComment('#', source),
    '# Import in a site block: import security_headers',
    '(security_headers) {',
    '\theader {',
    ...list.map(([name, value]) => `\t\t?${name} ${JSON.stringify(value)}`),
    '\t\t-Server',
    '\t}',
    '}',
    '',
  ].join('\n');
  const headers: Record<string, { operation: 'set'; value: string }> = {};
  for (const [name, value] of list) headers[name] = { operation: 'set', value };
  const cloudflare = {
    name: 'devsquad security headers',
    description: `Response header transform rules for ${project}. PUT /zones/{zone_id}/rulesets/phases/http_response_headers_transform/entrypoint`,
    kind: 'zone',
    phase: 'http_response_headers_transform',
    rules: [
      { description: 'Security headers on every response', expression: 'true', action: 'rewrite', action_parameters: { headers }, enabled: true },
    ],
  };
  const notes = [`edge CSP without nonce (${cspHeaderName(options)}): script-src 'self'`];
  return [
    { path: `${EDGE_DIR}/nginx/security-headers-map.conf`, content: nginx, kind: 'text', generator: 'headers', notes },
    { path: `${EDGE_DIR}/nginx/security-headers.conf`, content: snippet, kind: 'text', generator: 'headers' },
    { path: `${EDGE_DIR}/caddy/security-headers.caddy`, content: caddy, kind: 'text', generator: 'headers' },
    { path: `${EDGE_DIR}/cloudflare/security-headers.json`, content: `${JSON.stringify(cloudflare, null, 2)}\n`, kind: 'json', generator: 'headers' },
  ];
}
