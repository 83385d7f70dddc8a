/**
 * Whether a Go binary needs cgo: `import "C"` in its own packages, or a dependency that wraps a C
 * library. Without cgo the binary is built with CGO_ENABLED=0 and runs on a distroless/static base;
 * with it the build needs a C toolchain and the runtime a glibc base.
 */
import type { GoModule } from './module.js';
import type { GoFile } from './packages.js';

/** Modules (or module prefixes) whose packages use cgo. Pure-Go alternatives are deliberately absent. */
const CGO_MODULES = [
  'github.com/mattn/go-sqlite3',
  'gorm.io/driver/sqlite', // wraps mattn/go-sqlite3
  'github.com/jinzhu/gorm/dialects/sqlite', // gorm v1, wraps mattn/go-sqlite3
  'github.com/confluentinc/confluent-kafka-go',
  'gopkg.in/confluentinc/confluent-kafka-go.v1',
  'github.com/mattn/go-oci8',
  'github.com/godror/godror',
  'github.com/DataDog/zstd',
  'github.com/valyala/gozstd',
  'github.com/h2non/bimg',
  'github.com/davidbyttow/govips',
  'gopkg.in/gographics/imagick.v3',
  'github.com/google/gopacket/pcap',
  'github.com/linxGnu/grocksdb',
  'github.com/tecbot/gorocksdb',
];

export interface CgoNeed {
  file: string;
  line: number;
  note: string;
}

function cgoModule(path: string): string | null {
  return CGO_MODULES.find((m) => path === m || path.startsWith(`${m}/`)) ?? null;
}

/**
 * The reasons a binary needs cgo, from its import closure; when the module has a single binary,
 * direct requirements in go.mod count too (a wrapper package may hide the import).
 */
export function cgoNeeds(files: readonly GoFile[], mod: GoModule, singleBinary: boolean): CgoNeed[] {
  const out: CgoNeed[] = [];
  for (const f of files) {
    for (const imp of f.imports) {
      if (imp.path === 'C') out.push({ file: f.file, line: imp.line, note: 'import "C" (cgo)' });
      else if (cgoModule(imp.path)) out.push({ file: f.file, line: imp.line, note: `imports ${imp.path}, which needs cgo` });
    }
  }
  if (out.length === 0 && singleBinary) {
    for (const req of mod.goMod.requires) {
      if (!req.indirect && cgoModule(req.path)) out.push({ file: mod.goModFile, line: req.line, note: `requires ${req.path}, which needs cgo` });
    }
  }
  return out;
}
