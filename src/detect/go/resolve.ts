/**
 * Follows a Go expression back to what it is made of: a literal, an env var (with the default the
 * code gives it), a flag default, a viper default or an env-tagged struct field. Pattern-based, not
 * a type checker: it looks at assignments in the same file first, then in the rest of the binary's
 * packages, and gives up after a few hops.
 */
import { lineAt, lineText } from '../shared/text.js';
import { callArgs, envFromTag, escapeRe, exprAt, numberLiteral, splitTopLevel, stringLiteral } from './expr.js';
import type { GoFile } from './packages.js';

export interface Resolved {
  /** The literal value (a port, an address) when one was found. */
  value: string | null;
  /** The env var the value comes from. */
  envVar: string | null;
  /** A literal host an address was built with (`"0.0.0.0:" + port`). */
  host?: string | null;
  /** Where the decisive fact was seen. */
  where: { file: string; line: number; note: string } | null;
}

const NOTHING: Resolved = { value: null, envVar: null, where: null };
const MAX_DEPTH = 5;

export class GoResolver {
  constructor(private readonly files: readonly GoFile[]) {}

  resolve(expr: string, file: GoFile, depth = 0): Resolved {
    const e = stripParens(expr.trim());
    if (depth > MAX_DEPTH || e === '') return NOTHING;
    const literal = stringLiteral(e) ?? numberLiteral(e);
    if (literal !== null) return { value: literal, envVar: null, where: null };

    const parts = splitTopLevel(e, '+');
    if (parts.length > 1) return this.compose(parts.map((p) => this.resolve(p, file, depth + 1)));

    const getenv = /^os\.(?:Getenv|LookupEnv)\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)$/.exec(e);
    if (getenv) return { value: null, envVar: getenv[1] ?? null, where: null };

    const call = /^([\w.]+)\(/.exec(e);
    if (call) return this.resolveCall(call[1] ?? '', e, file, depth);

    if (/^\*?&?[A-Za-z_][\w.]*$/.test(e)) return this.resolveName(e.replace(/^[*&]/, ''), file, depth);
    return NOTHING;
  }

  private resolveCall(fn: string, e: string, file: GoFile, depth: number): Resolved {
    const parsed = callArgs(e, fn.length);
    if (!parsed || parsed.end !== e.length - 1) return NOTHING;
    const args = parsed.args;
    // Conversions and formatting that keep the value: strconv.Itoa(p), fmt.Sprint(p), string(p).
    if (/^(strconv\.Itoa|strconv\.FormatInt|strconv\.FormatUint|fmt\.Sprint|string|int|uint16|int64|uint)$/.test(fn) && args[0]) {
      return this.resolve(args[0], file, depth + 1);
    }
    if (/^(strconv\.Atoi|strconv\.ParseInt|strconv\.ParseUint)$/.test(fn) && args[0]) return this.resolve(args[0], file, depth + 1);
    if (fn === 'fmt.Sprintf' && args[0] !== undefined) return this.sprintf(args, file, depth);
    if (fn === 'net.JoinHostPort' && args.length === 2) {
      return this.compose([this.resolve(args[0] ?? '', file, depth + 1), { value: ':', envVar: null, where: null }, this.resolve(args[1] ?? '', file, depth + 1)]);
    }
    if (fn === 'cmp.Or') {
      let envVar: string | null = null;
      for (const arg of args) {
        const r = this.resolve(arg, file, depth + 1);
        envVar ??= r.envVar;
        if (r.value !== null && r.value !== '') return { value: r.value, envVar, where: r.where };
      }
      return { value: null, envVar, where: null };
    }
    const flagDefault = /^flag\.(String|Int|Uint|Int64|Uint64)$/.test(fn) ? args[1] : /^flag\.(StringVar|IntVar|UintVar)$/.test(fn) ? args[2] : undefined;
    if (flagDefault !== undefined) {
      const flagName = stringLiteral((/Var$/.test(fn) ? args[1] : args[0]) ?? '');
      return (flagName !== null ? this.flagSet(flagName, depth) : null) ?? this.resolve(flagDefault, file, depth + 1);
    }
    // iris.Addr(":8080") and similar wrappers that carry the address unchanged.
    if (/^\w+\.Addr$/.test(fn) && args.length === 1) return this.resolve(args[0] ?? '', file, depth + 1);
    const viper = /^viper\.Get(?:String|Int|Int64|Uint|Uint16)?$/.test(fn) ? stringLiteral(args[0] ?? '') : null;
    if (viper !== null) return this.viperValue(viper);
    // Helpers such as getEnv("PORT", "8080"), envOr("PORT", "8080"), env.Get("PORT", "8080").
    const name = stringLiteral(args[0] ?? '');
    if (name !== null && /^[A-Z][A-Z0-9_]*$/.test(name) && /env/i.test(fn) && !/^os\.(Setenv|Unsetenv)$/.test(fn)) {
      const fallback = args[1] === undefined ? null : this.resolve(args[1], file, depth + 1).value;
      return { value: fallback, envVar: name, where: null };
    }
    return NOTHING;
  }

  /** `a + b + c`: the joined value when every part is known; the env var and literal host either way. */
  private compose(parts: Resolved[]): Resolved {
    const known = parts.every((p) => p.value !== null);
    const value = known ? parts.map((p) => p.value).join('') : null;
    // In an address the port comes last, so the last env var is the one that sets the port.
    const envVar = [...parts].reverse().find((p) => p.envVar !== null)?.envVar ?? null;
    const where = [...parts].reverse().find((p) => p.where !== null)?.where ?? null;
    const first = parts[0];
    // A literal prefix such as "0.0.0.0:" or "127.0.0.1:" names the bind host.
    const hostLiteral = first && first.envVar === null && first.value !== null ? /^([^:]*):$/.exec(first.value)?.[1] : undefined;
    const host = parts.find((p) => p.host)?.host ?? (hostLiteral === undefined ? null : hostLiteral);
    return { value, envVar, where, host };
  }

  /** fmt.Sprintf(":%s", port), fmt.Sprintf("%s:%d", host, port): substitutes resolved arguments. */
  private sprintf(args: string[], file: GoFile, depth: number): Resolved {
    const format = stringLiteral(args[0] ?? '');
    if (format === null) return NOTHING;
    const pieces: Resolved[] = [];
    let argIndex = 1;
    let last = 0;
    const re = /%[-+# 0]*\d*[a-zA-Z]/g;
    for (let m = re.exec(format); m !== null; m = re.exec(format)) {
      if (m.index > last) pieces.push({ value: format.slice(last, m.index), envVar: null, where: null });
      const arg = args[argIndex++];
      pieces.push(arg === undefined ? NOTHING : this.resolve(arg, file, depth + 1));
      last = m.index + m[0].length;
    }
    if (last < format.length) pieces.push({ value: format.slice(last), envVar: null, where: null });
    return this.compose(pieces);
  }

  /** A variable or field: its assignment, flag, struct tag or composite-literal key. */
  private resolveName(name: string, file: GoFile, depth: number): Resolved {
    const last = name.split('.').pop() ?? name;
    const id = escapeRe(last);
    for (const f of this.ordered(file)) {
      const code = f.code;
      // port := os.Getenv("PORT") / var port = … / port = …
      const assign = new RegExp(`(?:^|[\\s;(.])(?:var\\s+)?${id}(?:\\s*,\\s*\\w+)?(?:\\s+[\\w.*\\[\\]]+)?\\s*:?=(?!=)\\s*([^\\n;]+)`, 'm').exec(code);
      if (assign) {
        const rhs = assign[1]?.trim() ?? '';
        const r = this.resolve(rhs, f, depth + 1);
        if (r.envVar !== null || r.value !== null) {
          const line = lineAt(code, assign.index + assign[0].indexOf(last));
          const here = { file: f.file, line, note: lineText(f.raw, line) };
          if (r.envVar !== null && r.value === null) return { ...r, where: here, ...this.defaultAfterEmptyCheck(f, last, assign.index, r) };
          return { ...r, where: r.where ?? here };
        }
      }
      // flag.StringVar(&addr, "addr", ":8080", …)
      const flagVar = new RegExp(`flag\\.(?:String|Int|Uint)Var\\(\\s*&[\\w.]*\\b${id}\\s*,\\s*"([^"]*)"\\s*,\\s*([^,]+),`).exec(code);
      if (flagVar) {
        const r = this.flagSet(flagVar[1] ?? '', depth) ?? this.resolve(flagVar[2] ?? '', f, depth + 1);
        const line = lineAt(code, flagVar.index);
        if (r.value !== null) return { value: r.value, envVar: null, where: r.where ?? { file: f.file, line, note: lineText(f.raw, line) } };
      }
      // Port int `envconfig:"PORT" default:"8080"` (struct tags live in the raw text)
      const field = new RegExp(`^\\s*${id}\\s+[\\w.*\\[\\]]+\\s+\`([^\`]*)\``, 'm').exec(f.raw);
      const tag = field ? envFromTag(field[1] ?? '') : null;
      if (field && tag) {
        const line = lineAt(f.raw, field.index + field[0].indexOf(last));
        return { value: tag.default, envVar: tag.name, where: { file: f.file, line, note: lineText(f.raw, line) } };
      }
      // Config{Port: os.Getenv("PORT")}
      const key = new RegExp(`\\b${id}\\s*:(?!=)\\s*`).exec(code);
      if (key && !/^\s*"/.test(code.slice(key.index - 1, key.index))) {
        const r = this.resolve(exprAt(code, key.index + key[0].length), f, depth + 1);
        if (r.envVar !== null || r.value !== null) {
          const line = lineAt(code, key.index);
          return { ...r, where: r.where ?? { file: f.file, line, note: lineText(f.raw, line) } };
        }
      }
    }
    return NOTHING;
  }

  /** `flag.Set("bind", ":8080")` in the code overrides the flag's declared default. */
  private flagSet(name: string, depth: number): Resolved | null {
    const re = new RegExp(`\\bflag\\.Set\\(\\s*"${escapeRe(name)}"\\s*,\\s*`);
    for (const f of this.files) {
      const m = re.exec(f.code);
      if (!m) continue;
      const r = this.resolve(exprAt(f.code, m.index + m[0].length), f, depth + 1);
      if (r.value === null && r.envVar === null) continue;
      const line = lineAt(f.code, m.index);
      return { ...r, where: r.where ?? { file: f.file, line, note: lineText(f.raw, line) } };
    }
    return null;
  }

  /** `if port == "" { port = "8080" }` or `if !ok { port = "8080" }` right after the Getenv. */
  private defaultAfterEmptyCheck(f: GoFile, name: string, from: number, r: Resolved): Partial<Resolved> {
    const id = escapeRe(name);
    const tail = f.code.slice(from, from + 600);
    const m = new RegExp(`if\\s+(?:${id}\\s*==\\s*""|!\\s*ok|len\\(${id}\\)\\s*==\\s*0)\\s*\\{\\s*${id}\\s*=\\s*([^\\n;}]+)`).exec(tail);
    if (!m) return {};
    const value = stringLiteral(m[1] ?? '') ?? numberLiteral(m[1] ?? '');
    if (value === null) return {};
    const line = lineAt(f.code, from + m.index + m[0].lastIndexOf(name));
    return { value, envVar: r.envVar, where: { file: f.file, line, note: lineText(f.raw, line) } };
  }

  /** viper.GetString("port") → its SetDefault and the env var AutomaticEnv/BindEnv map it to. */
  private viperValue(key: string): Resolved {
    const k = escapeRe(key);
    let value: string | null = null;
    let where: Resolved['where'] = null;
    let envVar: string | null = null;
    for (const f of this.files) {
      const def = new RegExp(`viper\\.SetDefault\\(\\s*"${k}"\\s*,\\s*([^)]+)\\)`).exec(f.code);
      if (def && value === null) {
        value = stringLiteral(def[1] ?? '') ?? numberLiteral(def[1] ?? '');
        const line = lineAt(f.code, def.index);
        where = { file: f.file, line, note: lineText(f.raw, line) };
      }
      const bind = new RegExp(`viper\\.BindEnv\\(\\s*"${k}"\\s*(?:,\\s*"([A-Za-z_][A-Za-z0-9_]*)")?`).exec(f.code);
      if (bind) envVar ??= bind[1] ?? viperEnvName(key, f.code);
      else if (/viper\.AutomaticEnv\(\)/.test(f.code) && /^[\w-]+$/.test(key)) envVar ??= viperEnvName(key, f.code);
    }
    return { value, envVar, where };
  }

  /** The given file first, then the others in closure order. */
  private ordered(first: GoFile): GoFile[] {
    return [first, ...this.files.filter((f) => f !== first)];
  }
}

/** The env var viper maps a key to: upper-cased, with the SetEnvPrefix prefix. */
export function viperEnvName(key: string, code: string): string {
  const prefix = /viper\.SetEnvPrefix\(\s*"([^"]+)"\s*\)/.exec(code)?.[1];
  const upper = key.toUpperCase().replace(/[.-]/g, '_');
  return prefix ? `${prefix.toUpperCase()}_${upper}` : upper;
}

function stripParens(e: string): string {
  let out = e;
  while (out.startsWith('(') && out.endsWith(')') && splitTopLevel(out.slice(1, -1), ',').length === 1) out = out.slice(1, -1).trim();
  return out;
}
