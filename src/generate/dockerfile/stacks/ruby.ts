/**
 * Ruby recipe (Rails, Sinatra, Rack): ruby:<v>-slim with Bundler in deployment mode (frozen
 * Gemfile.lock, no development/test groups). The build stage compiles native gems, precompiles
 * bootsnap caches and Rails assets (SECRET_KEY_BASE_DUMMY, so no real secret is needed at build);
 * the runtime gets the installed gems and the app, jemalloc for Rails, and runs Puma as a non-root uid.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { StackRenderer } from './types.js';
import {
  type Block, type OsFamily, cacheMount, cmd, comment, createUser, expose, httpHealthcheck, imageRef, inApp, installPackages,
  isWorker, labels, portEnv, relativeTo, renderDockerfile, run, servicePort, stage, userLine, versionArg, writableDirs,
  noHealthcheck,
} from '../common.js';
import { buildPackages, runtimePackages } from '../packages.js';

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const rails = service.framework === 'rails';
  const alpine = inputs.baseImageFlavor === 'alpine';
  if (inputs.baseImageFlavor === 'distroless') notes.push('distroless not used for Ruby (native gems need the matching libc and shell tools); using slim');
  if (service.runtime.source === 'default') notes.push(`Ruby ${service.runtime.version} is devsquad's default: the repository does not pin a version`);
  const os: OsFamily = alpine ? 'alpine' : 'debian';
  const image = imageRef(`ruby:\${RUBY_VERSION}-${alpine ? 'alpine' : 'slim-bookworm'}`, inputs.registryMirror);
  const rel = relativeTo(service.build.context, service.path);
  const appDir = inApp('/app', rel);
  const keep = (file: string): string => (rel === '' ? file : `${rel}/./${file}`);
  const system = service.build.systemPackages;
  const compilers = os === 'alpine' ? ['build-base', 'yaml-dev', 'git'] : ['build-essential', 'libyaml-dev', 'git', 'pkg-config'];
  const jemalloc = rails && os === 'debian';
  const assets = rails && service.build.features.includes('rails-assets');
  const locked = service.packageManager?.lockfile !== null && service.packageManager?.lockfile !== undefined;
  if (!locked) notes.push('no Gemfile.lock: Bundler cannot run in deployment mode, so gem versions are resolved at build time');
  const bootsnap = service.build.features.includes('bootsnap');
  const port = servicePort(service);
  const worker = isWorker(service);
  const bundleEnv = `ENV ${locked ? 'BUNDLE_DEPLOYMENT=1 ' : ''}BUNDLE_PATH=/usr/local/bundle BUNDLE_WITHOUT=development:test`;
  const appEnv = rails ? 'ENV RAILS_ENV=production RACK_ENV=production RAILS_LOG_TO_STDOUT=1' : 'ENV RACK_ENV=production APP_ENV=production';
  const writable = rails ? ['tmp', 'log', 'storage', 'db'].map((d) => `${appDir}/${d}`) : [`${appDir}/tmp`];
  if (jemalloc) notes.push('Rails: jemalloc preloaded (lower memory fragmentation for Puma)');

  const blocks: Block[] = [
    versionArg('RUBY_VERSION', service.runtime.version),
    stage(image, 'base', [
      'WORKDIR /app',
      bundleEnv,
      appEnv,
    ], `Shared base: Ruby from the plan, Bundler in deployment mode (Gemfile.lock must match, no dev/test gems).`),
    stage('base', 'build', [
      installPackages(os, buildPackages(os, system, compilers)),
      comment('Compilers and headers for native gems stay in this stage. Downloads go to a cache mount, not a layer.'),
      'ENV BUNDLE_USER_CACHE=/root/.cache/bundle BUNDLE_GLOBAL_GEM_CACHE=true',
      rel !== '' && `WORKDIR ${appDir}`,
      `COPY --parents ${['Gemfile', locked ? 'Gemfile.lock' : 'Gemfile.lock*', '.ruby-version*', '*.gemspec', 'vendor/gems*'].map(keep).join(' ')} ./`,
      run([
        'bundle install --jobs 4',
        'rm -rf ~/.bundle/ "${BUNDLE_PATH}"/ruby/*/cache "${BUNDLE_PATH}"/ruby/*/bundler/gems/*/.git',
        bootsnap ? 'bundle exec bootsnap precompile --gemfile' : null,
      ].filter((c): c is string => c !== null), { mounts: [cacheMount('/root/.cache/bundle', { id: 'bundler' })] }),
      rel !== '' && 'WORKDIR /app',
      comment('.dockerignore keeps .bundle, log/, tmp/, node_modules and local env files out of the context.'),
      'COPY . .',
      rel !== '' && `WORKDIR ${appDir}`,
      bootsnap && run('bundle exec bootsnap precompile app/ lib/'),
      assets && comment('Assets need no real secret at build: Rails 7.1+ accepts SECRET_KEY_BASE_DUMMY.'),
      assets && run('SECRET_KEY_BASE_DUMMY=1 ./bin/rails assets:precompile'),
    ], 'Build: gems (native extensions compiled here), bootsnap cache, assets.'),
    stage('base', 'runtime', [
      labels(service),
      installPackages(os, [...runtimePackages(os, system, notes), ...(jemalloc ? ['libjemalloc2'] : [])].sort()),
      jemalloc && run('ln -s /usr/lib/$(uname -m)-linux-gnu/libjemalloc.so.2 /usr/local/lib/libjemalloc.so'),
      jemalloc && 'ENV LD_PRELOAD=/usr/local/lib/libjemalloc.so',
      createUser(os, inputs.nonRootUser),
      comment('Gems and code stay owned by root; only tmp/log/storage are writable by the app.'),
      'COPY --from=build /usr/local/bundle /usr/local/bundle',
      'COPY --from=build /app /app',
      writableDirs(writable, inputs.nonRootUser.uid),
      appDir !== '/app' && `WORKDIR ${appDir}`,
      userLine(inputs.nonRootUser.uid),
      portEnv(service, port),
      expose(port),
      worker ? [comment('Worker: no port to probe; the orchestrator\'s restart policy supervises it.'), noHealthcheck()] : httpHealthcheck(service, 'ruby', inputs.healthcheck),
      startCommand(service, rails, notes),
    ], 'Runtime: no compilers, fixed non-root uid.'),
  ];
  return { text: renderDockerfile(blocks), notes };
};

function startCommand(service: ServicePlan, rails: boolean, notes: string[]): string {
  if (service.commands.start) return cmd(service.commands.start);
  const fallback = rails ? 'bundle exec puma -C config/puma.rb' : 'bundle exec rackup --host 0.0.0.0 --port $PORT';
  notes.push(`no start command in the plan: CMD runs \`${fallback}\`; set commands.start`);
  return cmd(fallback);
}
