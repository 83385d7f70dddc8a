/**
 * The detector registry: one entry per folder under src/detect/, in alphabetical order. Priority
 * lives in each detector (higher wins when two claim a directory). A test checks that keys match
 * folders and that every folder has index.ts, detect.ts and readme.md.
 */
import type { Detector } from './types.js';
import { denoDetector } from './deno/index.js';
import { dotnetDetector } from './dotnet/index.js';
import { elixirDetector } from './elixir/index.js';
import { goDetector } from './go/index.js';
import { jvmDetector } from './jvm/index.js';
import { nodeDetector } from './node/index.js';
import { phpDetector } from './php/index.js';
import { pythonDetector } from './python/index.js';
import { rubyDetector } from './ruby/index.js';
import { rustDetector } from './rust/index.js';
import { staticDetector } from './static/index.js';

export const detectors: ReadonlyMap<string, Detector> = new Map<string, Detector>([
  ['deno', denoDetector],
  ['dotnet', dotnetDetector],
  ['elixir', elixirDetector],
  ['go', goDetector],
  ['jvm', jvmDetector],
  ['node', nodeDetector],
  ['php', phpDetector],
  ['python', pythonDetector],
  ['ruby', rubyDetector],
  ['rust', rustDetector],
  ['static', staticDetector],
]);
