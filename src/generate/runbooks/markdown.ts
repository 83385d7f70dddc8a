/** Small Markdown helpers: tables with escaped cells, fenced code, inline code. */

export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [`| ${head.map(cell).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

export function fence(lang: string, lines: readonly string[]): string {
  return ['```' + lang, ...lines, '```'].join('\n');
}

/** A list of names as inline code, or a dash. */
export function names(list: readonly string[]): string {
  return list.length === 0 ? '-' : list.map(code).join(', ');
}

/** Single-quotes a value for a shell command shown in docs. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
