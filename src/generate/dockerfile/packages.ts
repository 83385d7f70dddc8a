/**
 * OS packages from the plan (`build.systemPackages`, Debian names as detectors write them: libpq-dev,
 * build-essential…) split into what build stages need and what the runtime image needs, in the
 * names of the base image's distribution. Headers and compilers stay in build stages; the runtime
 * gets only the shared library (libpq-dev → libpq5 on Debian, libpq on Alpine).
 */
import type { OsFamily } from './common.js';

/** Packages only a build needs: compilers, headers, pkg-config. */
const BUILD_ONLY = /(-dev|-devel|-headers)$|^(build-base|build-essential|gcc|g\+\+|make|cmake|pkg-config|pkgconf|autoconf|automake|libtool|musl-dev|linux-headers|git|python3)$/;

/** Debian name → Alpine name for packages whose names differ. `null`: not needed on that distribution. */
const ALPINE_NAME: Readonly<Record<string, string | null>> = {
  'build-essential': 'build-base',
  'default-libmysqlclient-dev': 'mariadb-connector-c-dev',
  'libmysqlclient-dev': 'mariadb-connector-c-dev',
  'libmariadb-dev': 'mariadb-connector-c-dev',
  'libxslt1-dev': 'libxslt-dev',
  'libjpeg-dev': 'libjpeg-turbo-dev',
  'libjpeg62-turbo-dev': 'libjpeg-turbo-dev',
  'libvips-dev': 'vips-dev',
  'libyaml-dev': 'yaml-dev',
  'libsqlite3-dev': 'sqlite-dev',
  'libmagic-dev': 'file-dev',
  'libgeos-dev': 'geos-dev',
  'libcurl4-openssl-dev': 'curl-dev',
  'zlib1g-dev': 'zlib-dev',
  'libssl-dev': 'openssl-dev',
  'libicu-dev': 'icu-dev',
  'libonig-dev': 'oniguruma-dev',
  'libfreetype6-dev': 'freetype-dev',
  'libgmp-dev': 'gmp-dev',
  'libjemalloc-dev': 'jemalloc-dev',
  'pkg-config': 'pkgconf',
  'libjemalloc2': 'jemalloc',
  'libpq5': 'libpq',
};

/** Alpine name → Debian name, for plans written with Alpine names. */
const DEBIAN_NAME: Readonly<Record<string, string | null>> = {
  'build-base': 'build-essential',
  'postgresql-dev': 'libpq-dev',
  'mariadb-connector-c-dev': 'default-libmysqlclient-dev',
  'mariadb-dev': 'default-libmysqlclient-dev',
  'musl-dev': null,
  'linux-headers': 'linux-libc-dev',
  'pkgconf': 'pkg-config',
  'openssl-dev': 'libssl-dev',
  'zlib-dev': 'zlib1g-dev',
  'jemalloc': 'libjemalloc2',
};

/** Debian -dev package → the runtime shared library per distribution (null: already in the base image). */
const RUNTIME_OF: Readonly<Record<string, { debian: string | null; alpine: string | null }>> = {
  'libpq-dev': { debian: 'libpq5', alpine: 'libpq' },
  'default-libmysqlclient-dev': { debian: 'libmariadb3', alpine: 'mariadb-connector-c' },
  'libmysqlclient-dev': { debian: 'libmariadb3', alpine: 'mariadb-connector-c' },
  'libmariadb-dev': { debian: 'libmariadb3', alpine: 'mariadb-connector-c' },
  'libxml2-dev': { debian: 'libxml2', alpine: 'libxml2' },
  'libxslt1-dev': { debian: 'libxslt1.1', alpine: 'libxslt' },
  'libffi-dev': { debian: 'libffi8', alpine: 'libffi' },
  'libssl-dev': { debian: null, alpine: null },
  'zlib1g-dev': { debian: null, alpine: null },
  'libjpeg-dev': { debian: 'libjpeg62-turbo', alpine: 'libjpeg-turbo' },
  'libjpeg62-turbo-dev': { debian: 'libjpeg62-turbo', alpine: 'libjpeg-turbo' },
  'libpng-dev': { debian: 'libpng16-16', alpine: 'libpng' },
  'libvips-dev': { debian: 'libvips42', alpine: 'vips' },
  'libyaml-dev': { debian: 'libyaml-0-2', alpine: 'yaml' },
  'libsqlite3-dev': { debian: 'libsqlite3-0', alpine: 'sqlite-libs' },
  'libmagic-dev': { debian: 'libmagic1', alpine: 'libmagic' },
  'libgeos-dev': { debian: 'libgeos-c1v5', alpine: 'geos' },
  'libcurl4-openssl-dev': { debian: 'libcurl4', alpine: 'libcurl' },
  'libzip-dev': { debian: 'libzip4', alpine: 'libzip' },
  'libicu-dev': { debian: 'libicu72', alpine: 'icu-libs' },
  'libonig-dev': { debian: 'libonig5', alpine: 'oniguruma' },
  'libfreetype6-dev': { debian: 'libfreetype6', alpine: 'freetype' },
  'libwebp-dev': { debian: 'libwebp7', alpine: 'libwebp' },
  'libgmp-dev': { debian: 'libgmp10', alpine: 'gmp' },
  'libsodium-dev': { debian: 'libsodium23', alpine: 'libsodium' },
  'libjemalloc-dev': { debian: 'libjemalloc2', alpine: 'jemalloc' },
  'linux-libc-dev': { debian: null, alpine: null },
};

/** A package name as Debian calls it (plans may use either naming). */
function debianName(name: string): string | null {
  return name in DEBIAN_NAME ? (DEBIAN_NAME[name] ?? null) : name;
}

function forOs(os: OsFamily, debian: string): string | null {
  if (os === 'debian') return debian;
  return debian in ALPINE_NAME ? (ALPINE_NAME[debian] ?? null) : debian;
}

function uniqueSorted(names: Iterable<string | null>): string[] {
  return [...new Set([...names].filter((n): n is string => n !== null && n !== ''))].sort();
}

/** Packages build stages install: everything the plan lists (headers, compilers and runtime tools), in the OS's names. */
export function buildPackages(os: OsFamily, packages: readonly string[], extra: readonly string[] = []): string[] {
  return uniqueSorted([...packages, ...extra].map((p) => {
    const debian = debianName(p);
    return debian === null ? null : forOs(os, debian);
  }));
}

/**
 * Packages the runtime image installs: the shared libraries behind -dev packages and any non-build
 * tool the plan lists (ffmpeg, imagemagick…). Unknown -dev packages are dropped with a note.
 */
export function runtimePackages(os: OsFamily, packages: readonly string[], notes?: string[]): string[] {
  const out: (string | null)[] = [];
  for (const p of packages) {
    const debian = debianName(p);
    if (debian === null) continue;
    const runtime = RUNTIME_OF[debian];
    if (runtime) out.push(runtime[os]);
    else if (!BUILD_ONLY.test(debian)) out.push(forOs(os, debian));
    else if (/-dev$/.test(debian)) notes?.push(`${p} is installed in build stages only; add its runtime library to the final stage if the app loads it at run time`);
  }
  return uniqueSorted(out);
}
