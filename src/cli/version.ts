import fs from 'node:fs';
import { packagePath } from '../core/package-root.js';

/** devsquad's own version, from its package.json. */
export const VERSION: string = (JSON.parse(fs.readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
