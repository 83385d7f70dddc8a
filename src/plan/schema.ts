/**
 * ProjectPlan: the serialisable result of analysis and the single source of truth every generator
 * reads. Field names are a contract (tools and users read `analyze --json`); change them only with a
 * schemaVersion bump. Every fact a detector finds carries Evidence so devsquad can say why.
 */
import { z } from 'zod';

export const PLAN_SCHEMA_VERSION = 1;

export const LANGUAGES = ['node', 'python', 'go', 'java', 'kotlin', 'rust', 'ruby', 'php', 'dotnet', 'elixir', 'deno', 'static'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const BACKING_SERVICE_KINDS = [
  'postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'rabbitmq', 'kafka', 'nats', 'elasticsearch', 'opensearch',
  'memcached', 'sqlserver', 's3', 'sqlite',
] as const;
export const BackingServiceKind = z.enum(BACKING_SERVICE_KINDS);
export type BackingServiceKind = z.infer<typeof BackingServiceKind>;

/**
 * Build features a generator needs beyond the basic fields. Detectors set them; generators switch on
 * them. Add new ones here (with a comment) rather than inventing ad-hoc fields.
 */
export const FEATURES = [
  'next-standalone', // Next.js with output: 'standalone'
  'nuxt-nitro', // Nuxt 3 / Nitro node-server output in .output/
  'sveltekit-node', // SvelteKit with @sveltejs/adapter-node
  'remix', // Remix / React Router framework mode server build
  'astro-ssr', // Astro with a node adapter (SSR)
  'spa', // client-only build served as static files
  'yarn-berry', // Yarn 2+ (uses .yarnrc.yml, yarn install --immutable)
  'corepack', // packageManager field pins the package manager via Corepack
  'prisma', // Prisma client generation needed at build time
  'native-modules', // node-gyp / native addons need build tools in the deps stage
  'typescript', // TypeScript sources compiled by the build command
  'cgo', // Go with CGO needs a C toolchain and a glibc runtime
  'go-workspace', // go.work at the repo root
  'maven-wrapper', // ./mvnw present
  'gradle-wrapper', // ./gradlew present
  'gradle-kotlin-dsl', // build.gradle.kts
  'spring-boot', // Spring Boot layered jar
  'quarkus', // Quarkus fast-jar layout (target/quarkus-app)
  'micronaut', // Micronaut shaded jar
  'cargo-workspace', // Cargo workspace member
  'rails-assets', // Rails assets:precompile at build time
  'bootsnap', // Rails bootsnap precompile
  'laravel', // Laravel: artisan caches, storage/ writable
  'symfony', // Symfony: cache warmup, var/ writable
  'php-fpm', // served by php-fpm behind a web server (vs. php built-in / apache)
  'dotnet-solution', // project is part of a .sln
  'central-package-management', // Directory.Packages.props
  'phoenix', // Phoenix with assets.deploy
  'mix-release', // Elixir mix release
  'uv-workspace', // uv workspace member
  'streamlit', // Streamlit app
  'django', // Django: collectstatic at build time
  'static-export', // framework configured for static export (Next export, Astro static, Nuxt generate)
] as const;
export const Feature = z.enum(FEATURES);
export type Feature = z.infer<typeof Feature>;

export const Evidence = z.object({
  /** Which fact this supports: 'port', 'start', 'framework', 'env:DATABASE_URL', … */
  fact: z.string(),
  file: z.string(),
  line: z.number().int().positive().optional(),
  note: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const EnvVar = z.object({
  name: z.string(),
  /** Read without a default: the app will not work without it. */
  required: z.boolean(),
  /** Looks like a credential: passed as a secret, never as plain config. */
  secret: z.boolean(),
  /** The default the code or .env.example gives, when it is not a secret. */
  default: z.string().nullable().default(null),
});
export type EnvVar = z.infer<typeof EnvVar>;

export const BackingService = z.object({
  kind: BackingServiceKind,
  /** The env var that carries its address or URL, when known. */
  envVar: z.string().nullable(),
});
export type BackingService = z.infer<typeof BackingService>;

export const ServiceKind = z.enum(['server', 'static', 'worker']);
export type ServiceKind = z.infer<typeof ServiceKind>;

export const ServicePlan = z.object({
  /** Unique within the plan, DNS-label safe (lowercase, digits, dashes). */
  name: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/),
  /** Repo-relative directory of the service ('' for the root). */
  path: z.string(),
  language: Language,
  /** Framework id (express, nextjs, fastapi, spring-boot, …) or null for plain apps. */
  framework: z.string().nullable(),
  runtime: z.object({
    name: z.string(),
    version: z.string(),
    /** Where the version came from; 'default' means devsquad chose it and warned. */
    source: z.string(),
  }),
  packageManager: z
    .object({
      name: z.string(),
      lockfile: z.string().nullable(),
      version: z.string().nullable().default(null),
    })
    .nullable(),
  commands: z.object({
    install: z.string().nullable(),
    build: z.string().nullable(),
    start: z.string().nullable(),
    migrate: z.string().nullable(),
    /** The repo's own test command (runs at build.context on the CI runner), when it has one. */
    test: z.string().nullable().default(null),
    /** The repo's own lint command, when it has one. */
    lint: z.string().nullable().default(null),
  }),
  port: z.object({
    value: z.number().int().min(1).max(65535).nullable(),
    envVar: z.string().nullable(),
    /** Address the server binds to when the code says (0.0.0.0, 127.0.0.1, …). */
    bindAddress: z.string().nullable().default(null),
  }),
  health: z.object({ path: z.string().nullable() }),
  env: z.array(EnvVar),
  backingServices: z.array(BackingService),
  kind: ServiceKind,
  /** Names of other services in this plan that this one calls or needs. */
  dependsOn: z.array(z.string()),
  existing: z.object({
    dockerfile: z.string().nullable(),
    compose: z.string().nullable(),
    ci: z.array(z.string()),
    kubernetes: z.array(z.string()),
  }),
  build: z.object({
    /** Repo-relative Docker build context (the workspace root for monorepo members). */
    context: z.string(),
    /** Build output directory relative to the service path (dist, build, .next, .output, target/…). */
    outputDir: z.string().nullable(),
    /** Language-specific build target: Go package (./cmd/api), Cargo bin, .csproj path, mix release, Deno entry. */
    target: z.string().nullable(),
    /** What the build produces and the runtime runs: binary name, jar, dll, entry file. */
    artifact: z.string().nullable(),
    /** Repo-relative paths of workspace packages this service needs in its image. */
    workspacePackages: z.array(z.string()),
    /** OS packages the build or runtime needs (libpq-dev, build-base, …). */
    systemPackages: z.array(z.string()),
    features: z.array(Feature),
  }),
  warnings: z.array(z.string()),
  evidence: z.array(Evidence),
});
export type ServicePlan = z.infer<typeof ServicePlan>;

export const PlanDiagnostic = z.object({ code: z.string(), path: z.string(), message: z.string() });

export const ProjectPlan = z.object({
  schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
  /** Repository folder name. No absolute paths: a plan is portable and reproducible. */
  name: z.string(),
  /** Workspace / monorepo tooling found at the root (npm-workspaces, pnpm, nx, turborepo, go-work, …). */
  monorepo: z.object({ tools: z.array(z.string()), members: z.array(z.string()) }).nullable(),
  services: z.array(ServicePlan),
  warnings: z.array(z.string()),
  /** Problems met while reading the repository (broken manifests, skipped files), with stable codes. */
  diagnostics: z.array(PlanDiagnostic),
});
export type ProjectPlan = z.infer<typeof ProjectPlan>;
