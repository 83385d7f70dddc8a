/**
 * The schemas `npm run build` compiles ahead of time (see precompiled-schema.ts): the large ones,
 * whose compile time a user would otherwise pay on every command.
 */
import { COMPOSE_SCHEMA_BUILD } from './compose-schema.js';
import { PUBLISHED_BUILDS } from './ci-schemas/published.js';
import { DRAFT_07_META_BUILD } from './json-schema-meta.js';
import type { SchemaBuild } from './precompiled-schema.js';

export const PRECOMPILED: readonly SchemaBuild[] = [COMPOSE_SCHEMA_BUILD, PUBLISHED_BUILDS['gitlab-ci'], PUBLISHED_BUILDS.circleci, DRAFT_07_META_BUILD];
