/**
 * Our JSON Schema for `.circleci/config.yml` (version 2.1), written from CircleCI's configuration
 * reference (circleci.com/docs/configuration-reference). It is NOT CircleCI's published schema (no
 * npm package ships it as a file): it covers the documented top-level keys, executors, jobs, steps
 * and workflows, closed where a typo would be silently ignored. Plain JSON data, compiled by ajv.
 */
const stringMap = { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } };
const dockerImage = {
  type: 'object',
  properties: {
    image: { type: 'string', minLength: 1 },
    name: { type: 'string' },
    entrypoint: {},
    command: {},
    user: { type: 'string' },
    environment: stringMap,
    auth: { type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' } }, additionalProperties: false },
    aws_auth: { type: 'object' },
  },
  required: ['image'],
  additionalProperties: false,
};
const executorKeys = {
  docker: { type: 'array', items: dockerImage, minItems: 1 },
  machine: { anyOf: [{ type: 'boolean' }, { type: 'object', properties: { image: { type: 'string' }, docker_layer_caching: { type: 'boolean' } }, additionalProperties: false }] },
  macos: { type: 'object', properties: { xcode: { type: ['string', 'number'] } }, required: ['xcode'], additionalProperties: false },
  resource_class: { type: 'string' },
  working_directory: { type: 'string' },
  shell: { type: 'string' },
  environment: stringMap,
};
const run = {
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      properties: {
        command: { type: 'string' },
        name: { type: 'string' },
        shell: { type: 'string' },
        environment: stringMap,
        background: { type: 'boolean' },
        working_directory: { type: 'string' },
        no_output_timeout: { type: 'string', pattern: '^\\d+(\\.\\d+)?[hms]$' },
        when: { enum: ['always', 'on_success', 'on_fail'] },
        max_auto_reruns: { type: 'integer' },
        auto_rerun_delay: { type: 'string' },
      },
      required: ['command'],
      additionalProperties: false,
    },
  ],
};
const builtInSteps = {
  run,
  checkout: { anyOf: [{ type: 'null' }, { type: 'object', properties: { path: { type: 'string' }, method: { type: 'string' } }, additionalProperties: false }] },
  setup_remote_docker: { anyOf: [{ type: 'null' }, { type: 'object', properties: { version: { type: 'string' }, docker_layer_caching: { type: 'boolean' } }, additionalProperties: false }] },
  save_cache: { type: 'object', properties: { paths: { type: 'array', items: { type: 'string' }, minItems: 1 }, key: { type: 'string' }, name: { type: 'string' }, when: { enum: ['always', 'on_success', 'on_fail'] } }, required: ['paths', 'key'], additionalProperties: false },
  restore_cache: { type: 'object', properties: { key: { type: 'string' }, keys: { type: 'array', items: { type: 'string' }, minItems: 1 }, name: { type: 'string' } }, additionalProperties: false },
  store_artifacts: { type: 'object', properties: { path: { type: 'string' }, destination: { type: 'string' } }, required: ['path'], additionalProperties: false },
  store_test_results: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'], additionalProperties: false },
  persist_to_workspace: { type: 'object', properties: { root: { type: 'string' }, paths: { type: 'array', items: { type: 'string' } } }, required: ['root', 'paths'], additionalProperties: false },
  attach_workspace: { type: 'object', properties: { at: { type: 'string' } }, required: ['at'], additionalProperties: false },
  add_ssh_keys: { type: 'object' },
  when: { type: 'object', properties: { condition: {}, steps: { type: 'array' } }, required: ['condition', 'steps'], additionalProperties: false },
  unless: { type: 'object', properties: { condition: {}, steps: { type: 'array' } }, required: ['condition', 'steps'], additionalProperties: false },
};
/** A step: a bare name (`checkout`, a command or orb command) or a one-key map. */
const step = {
  anyOf: [
    { type: 'string', minLength: 1 },
    {
      type: 'object',
      minProperties: 1,
      maxProperties: 1,
      properties: builtInSteps,
      // Commands of this config or of orbs (`node/install-packages`) take parameter maps.
      additionalProperties: { anyOf: [{ type: 'object' }, { type: 'null' }] },
    },
  ],
};
const job = {
  type: 'object',
  properties: {
    ...executorKeys,
    executor: { anyOf: [{ type: 'string' }, { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }] },
    steps: { type: 'array', items: step, minItems: 1 },
    parameters: { type: 'object' },
    parallelism: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string' }] },
    circleci_ip_ranges: { type: 'boolean' },
    description: { type: 'string' },
    type: { enum: ['build', 'approval', 'no-op', 'release', 'lock', 'unlock'] },
  },
  additionalProperties: false,
};
const filter = { type: 'object', properties: { only: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, ignore: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } }, additionalProperties: false };
const workflowJobOptions = {
  type: 'object',
  properties: {
    requires: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object' }] } },
    context: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    type: { enum: ['approval', 'no-op', 'release', 'lock', 'unlock'] },
    name: { type: 'string' },
    filters: { type: 'object', properties: { branches: filter, tags: filter }, additionalProperties: false },
    matrix: { type: 'object' },
    'pre-steps': { type: 'array', items: step },
    'post-steps': { type: 'array', items: step },
    serial_group: { type: 'string' },
    override_with: { type: 'string' },
  },
  // Job parameters are passed beside the options.
  additionalProperties: true,
};
const workflowJob = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object', minProperties: 1, maxProperties: 1, additionalProperties: workflowJobOptions }] };
const workflow = {
  type: 'object',
  properties: {
    jobs: { type: 'array', items: workflowJob, minItems: 1 },
    triggers: { type: 'array' },
    when: {},
    unless: {},
    max_auto_reruns: { type: 'integer' },
  },
  required: ['jobs'],
  additionalProperties: false,
};

export const CIRCLECI_SCHEMA = {
  $id: 'https://devsquad.dev/schemas/circleci.json',
  type: 'object',
  properties: {
    version: { enum: [2, 2.1, '2', '2.1'] },
    setup: { type: 'boolean' },
    orbs: { type: 'object', additionalProperties: { anyOf: [{ type: 'string', pattern: '^[a-z0-9_-]+/[a-z0-9_-]+@' }, { type: 'object' }] } },
    executors: { type: 'object', additionalProperties: { type: 'object', properties: executorKeys, additionalProperties: false } },
    commands: { type: 'object', additionalProperties: { type: 'object', properties: { steps: { type: 'array', items: step }, parameters: { type: 'object' }, description: { type: 'string' } }, required: ['steps'], additionalProperties: false } },
    parameters: { type: 'object' },
    jobs: { type: 'object', additionalProperties: job },
    workflows: { type: 'object', properties: { version: { type: ['number', 'string'] } }, additionalProperties: workflow },
  },
  required: ['version'],
  additionalProperties: false,
} as const;
