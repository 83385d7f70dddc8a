/**
 * OS packages a Python install needs on a slim Debian image: drivers that compile against a C
 * client library (psycopg2 from source, mysqlclient, python-ldap) and packages shipped without
 * wheels (uwsgi). Binary-wheel variants (psycopg2-binary, psycopg[binary]) need none.
 */
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import type { DependencySet } from './dependencies.js';

const NEEDS: Record<string, { packages: string[]; why: string }> = {
  psycopg2: { packages: ['build-essential', 'libpq-dev'], why: 'psycopg2 compiles against libpq' },
  mysqlclient: { packages: ['build-essential', 'default-libmysqlclient-dev', 'pkg-config'], why: 'mysqlclient compiles against the MySQL client library' },
  'python-ldap': { packages: ['build-essential', 'libldap2-dev', 'libsasl2-dev'], why: 'python-ldap compiles against OpenLDAP' },
  uwsgi: { packages: ['build-essential'], why: 'uwsgi is built from source' },
  pygraphviz: { packages: ['build-essential', 'graphviz', 'libgraphviz-dev'], why: 'pygraphviz compiles against graphviz' },
};

export function addSystemPackages(service: ServicePlan, deps: DependencySet): void {
  for (const [name, need] of Object.entries(NEEDS)) {
    const dep = deps.get(name);
    if (!dep) continue;
    for (const pkg of need.packages) if (!service.build.systemPackages.includes(pkg)) service.build.systemPackages.push(pkg);
    addEvidence(service, 'build', dep.file, `${need.why}: needs ${need.packages.join(', ')}`, dep.line);
  }
}
