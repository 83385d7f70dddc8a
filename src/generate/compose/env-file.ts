/**
 * The variables compose.yaml interpolates, collected while the services are built, and the
 * `compose.env.example` that lists them: secrets as empty placeholders with a comment, everything else with
 * its default. Compose reads a `.env` next to compose.yaml for interpolation, so copying the example
 * to `.env` (git-ignored) and filling in the blanks is all a user does.
 */

interface Variable {
  name: string;
  /** Value written to compose.env.example ('' for secrets). */
  example: string;
  comment: string;
  /** Listed commented out: optional, passed through only when set. */
  commented: boolean;
}

export class EnvRegistry {
  private readonly sections = new Map<string, Map<string, Variable>>();

  private add(section: string, variable: Variable): void {
    for (const vars of this.sections.values()) if (vars.has(variable.name)) return;
    const vars = this.sections.get(section) ?? new Map<string, Variable>();
    vars.set(variable.name, variable);
    this.sections.set(section, vars);
  }

  /** `${NAME:?…}`: Compose refuses to start until the variable is set (and not empty). */
  required(name: string, section: string, comment: string): string {
    this.add(section, { name, example: '', comment, commented: false });
    return `\${${name}:?set ${name} in .env}`;
  }

  /** `${NAME:-default}`: works out of the box, overridable in .env. */
  withDefault(name: string, value: string, section: string, comment = ''): string {
    this.add(section, { name, example: value, comment, commented: false });
    return `\${${name}:-${value}}`;
  }

  /** Listed for completeness; the compose entry passes the variable through only when it is set. */
  optional(name: string, section: string, comment: string): void {
    this.add(section, { name, example: '', comment, commented: true });
  }

  get size(): number {
    let n = 0;
    for (const vars of this.sections.values()) n += vars.size;
    return n;
  }

  render(header: string): string {
    const lines = [
      header,
      '# Copy this file to .env (keep .env out of version control) and fill in the empty values.',
      '# docker compose reads .env for the ${VAR} references in compose.yaml.',
    ];
    for (const [section, vars] of this.sections) {
      lines.push('', `# --- ${section}`);
      for (const v of vars.values()) {
        if (v.comment !== '') lines.push(`# ${v.comment}`);
        lines.push(v.commented ? `# ${v.name}=` : `${v.name}=${quote(v.example)}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

/**
 * Values with spaces, quotes, `#` or `$` are quoted so Compose's dotenv parser reads them whole:
 * single quotes keep the text literal; a value holding a single quote falls back to double quotes.
 */
function quote(value: string): string {
  if (!/[\s#"'$\\]/.test(value)) return value;
  return value.includes("'") ? `"${value.replace(/["\\$]/g, '\\$&')}"` : `'${value}'`;
}
