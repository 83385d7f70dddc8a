/**
 * Our JSON Schema for `.gitlab-ci.yml`, written from GitLab's documented CI/CD YAML keywords
 * (docs.gitlab.com/ci/yaml). It is NOT GitLab's published schema: no npm package ships that file,
 * so this one covers the keywords we generate and the ones users commonly write, closed where a typo
 * would silently do nothing (unknown job keys, rule keys, `when` values). Plain JSON data, compiled by ajv.
 */
const stringOrList = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const script = { anyOf: [{ type: 'string' }, { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } }] };
const when = { enum: ['on_success', 'on_failure', 'always', 'never', 'manual', 'delayed'] };
const variables = {
  type: 'object',
  additionalProperties: {
    anyOf: [
      { type: ['string', 'number', 'boolean'] },
      { type: 'object', properties: { value: { type: 'string' }, description: { type: 'string' }, options: { type: 'array' }, expand: { type: 'boolean' } }, additionalProperties: false },
    ],
  },
};
const image = {
  anyOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      properties: { name: { type: 'string', minLength: 1 }, entrypoint: { type: 'array', items: { type: 'string' } }, pull_policy: stringOrList, docker: { type: 'object' }, kubernetes: { type: 'object' } },
      required: ['name'],
      additionalProperties: false,
    },
  ],
};
const service = { anyOf: [{ type: 'string' }, { type: 'object', properties: { name: { type: 'string' }, alias: { type: 'string' }, entrypoint: { type: 'array' }, command: { type: 'array' }, variables, pull_policy: stringOrList }, required: ['name'], additionalProperties: false }] };
const changes = { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'object', properties: { paths: { type: 'array', items: { type: 'string' } }, compare_to: { type: 'string' } }, required: ['paths'], additionalProperties: false }] };
const rule = {
  type: 'object',
  properties: {
    if: { type: 'string' },
    changes,
    exists: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'object' }] },
    when,
    allow_failure: { anyOf: [{ type: 'boolean' }, { type: 'object' }] },
    variables,
    needs: { type: 'array' },
    start_in: { type: 'string' },
    interruptible: { type: 'boolean' },
  },
  additionalProperties: false,
};
const rules = { type: 'array', items: { anyOf: [rule, { type: 'string' }, { type: 'array' }] } };
const cacheEntry = {
  type: 'object',
  properties: {
    key: { anyOf: [{ type: 'string' }, { type: 'object', properties: { files: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 }, prefix: { type: 'string' } }, required: ['files'], additionalProperties: false }] },
    paths: { type: 'array', items: { type: 'string' } },
    untracked: { type: 'boolean' },
    unprotect: { type: 'boolean' },
    when: { enum: ['on_success', 'on_failure', 'always'] },
    policy: { type: 'string' },
    fallback_keys: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: false,
};
const cache = { anyOf: [cacheEntry, { type: 'array', items: cacheEntry, maxItems: 4 }] };
const artifacts = {
  type: 'object',
  properties: {
    paths: { type: 'array', items: { type: 'string' } },
    exclude: { type: 'array', items: { type: 'string' } },
    expose_as: { type: 'string' },
    name: { type: 'string' },
    untracked: { type: 'boolean' },
    when: { enum: ['on_success', 'on_failure', 'always'] },
    expire_in: { type: 'string' },
    access: { enum: ['all', 'developer', 'none'] },
    public: { type: 'boolean' },
    reports: { type: 'object' },
  },
  additionalProperties: false,
};
const environment = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1 },
        url: { type: 'string' },
        on_stop: { type: 'string' },
        action: { enum: ['start', 'prepare', 'stop', 'verify', 'access'] },
        auto_stop_in: { type: 'string' },
        kubernetes: { type: 'object' },
        deployment_tier: { enum: ['production', 'staging', 'testing', 'development', 'other'] },
      },
      required: ['name'],
      additionalProperties: false,
    },
  ],
};
const need = { anyOf: [{ type: 'string' }, { type: 'object', properties: { job: { type: 'string' }, artifacts: { type: 'boolean' }, optional: { type: 'boolean' }, project: { type: 'string' }, ref: { type: 'string' }, pipeline: { type: 'string' } }, additionalProperties: false }] };

export const job = {
  type: 'object',
  properties: {
    stage: { type: 'string' },
    extends: stringOrList,
    image,
    services: { type: 'array', items: service },
    script,
    before_script: script,
    after_script: script,
    variables,
    cache,
    artifacts,
    rules,
    only: {},
    except: {},
    needs: { type: 'array', items: need },
    dependencies: { type: 'array', items: { type: 'string' } },
    environment,
    resource_group: { type: 'string' },
    interruptible: { type: 'boolean' },
    allow_failure: { anyOf: [{ type: 'boolean' }, { type: 'object', properties: { exit_codes: {} }, additionalProperties: false }] },
    when,
    start_in: { type: 'string' },
    timeout: { type: 'string' },
    retry: { anyOf: [{ type: 'integer', minimum: 0, maximum: 2 }, { type: 'object' }] },
    tags: { type: 'array', items: { type: 'string' } },
    parallel: { anyOf: [{ type: 'integer', minimum: 1, maximum: 200 }, { type: 'object', properties: { matrix: { type: 'array' } }, required: ['matrix'], additionalProperties: false }] },
    trigger: {},
    coverage: { type: 'string' },
    id_tokens: { type: 'object', additionalProperties: { type: 'object', properties: { aud: stringOrList }, required: ['aud'], additionalProperties: false } },
    secrets: { type: 'object' },
    release: { type: 'object' },
    pages: {},
    publish: { type: 'string' },
    inherit: { type: 'object' },
    hooks: { type: 'object' },
    identity: { type: 'string' },
    dast_configuration: { type: 'object' },
    manual_confirmation: { type: 'string' },
  },
  additionalProperties: false,
  anyOf: [{ required: ['script'] }, { required: ['trigger'] }, { required: ['extends'] }],
};

export const GITLAB_CI_SCHEMA = {
  $id: 'https://devsquad.dev/schemas/gitlab-ci.json',
  type: 'object',
  properties: {
    stages: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    workflow: { type: 'object', properties: { name: { type: 'string' }, rules, auto_cancel: { type: 'object' } }, additionalProperties: false },
    default: {
      type: 'object',
      properties: { image, services: { type: 'array', items: service }, before_script: script, after_script: script, cache, artifacts, interruptible: { type: 'boolean' }, retry: job.properties.retry, tags: { type: 'array' }, timeout: { type: 'string' }, hooks: { type: 'object' }, id_tokens: job.properties.id_tokens },
      additionalProperties: false,
    },
    variables,
    include: {},
    image,
    services: { type: 'array', items: service },
    cache,
    before_script: script,
    after_script: script,
    spec: { type: 'object' },
    pages: {},
  },
  // Hidden jobs (.template) are templates for `extends`: any map.
  patternProperties: { '^\\.': { type: 'object' } },
  additionalProperties: job,
} as const;
