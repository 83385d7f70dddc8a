/**
 * A Mermaid flowchart built as data (nodes, edges, subgraphs) and rendered last, so ids are
 * always declared before use and labels are always quoted. checkMermaid() re-reads rendered text:
 * the tests run it on every generated diagram.
 */

export type Shape = 'box' | 'round' | 'db' | 'queue' | 'hex';

interface Node {
  id: string;
  label: string;
  shape: Shape;
}

export class Flowchart {
  private readonly groups = new Map<string, { label: string; nodes: Node[] }>();
  private readonly loose: Node[] = [];
  private readonly edges: string[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly direction: 'LR' | 'TB' = 'LR') {}

  /** A Mermaid-safe id from any name. */
  static id(...parts: string[]): string {
    return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
  }

  node(id: string, label: string, shape: Shape = 'box', group?: { id: string; label: string }): string {
    if (this.ids.has(id)) return id;
    this.ids.add(id);
    const node = { id, label, shape };
    if (group) {
      const existing = this.groups.get(group.id) ?? { label: group.label, nodes: [] };
      existing.nodes.push(node);
      this.groups.set(group.id, existing);
    } else this.loose.push(node);
    return id;
  }

  edge(from: string, to: string, label?: string): void {
    if (!this.ids.has(from) || !this.ids.has(to)) throw new Error(`flowchart edge ${from} -> ${to}: unknown node`);
    this.edges.push(label ? `  ${from} -->|"${quote(label)}"| ${to}` : `  ${from} --> ${to}`);
  }

  render(): string {
    const lines = [`flowchart ${this.direction}`];
    for (const node of this.loose) lines.push(`  ${nodeText(node)}`);
    for (const [id, group] of this.groups) {
      lines.push(`  subgraph ${id}["${quote(group.label)}"]`);
      for (const node of group.nodes) lines.push(`    ${nodeText(node)}`);
      lines.push('  end');
    }
    lines.push(...this.edges);
    return lines.join('\n');
  }
}

function quote(label: string): string {
  return label.replace(/"/g, '#quot;');
}

const SHAPES: Readonly<Record<Shape, [string, string]>> = { box: ['[', ']'], round: ['(', ')'], db: ['[(', ')]'], queue: ['[/', '/]'], hex: ['{{', '}}'] };

function nodeText(node: Node): string {
  const [open, close] = SHAPES[node.shape];
  return `${node.id}${open}"${quote(node.label)}"${close}`;
}

/**
 * Minimal structural check of a flowchart: a header, balanced subgraph/end, balanced brackets and
 * quotes per line, and every edge endpoint declared as a node. Returns the problems found.
 */
export function checkMermaid(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (!/^flowchart (LR|RL|TB|TD|BT)$/.test(lines[0] ?? '')) problems.push(`first line must be "flowchart <dir>", got "${lines[0] ?? ''}"`);
  const declared = new Set<string>();
  const used: Array<[string, number]> = [];
  let depth = 0;
  for (const [i, line] of lines.slice(1).entries()) {
    const quotes = (line.match(/"/g) ?? []).length;
    if (quotes % 2 !== 0) problems.push(`line ${i + 2}: unbalanced quotes`);
    const bare = line.replace(/"[^"]*"/g, '""');
    for (const [open, close] of [['[', ']'], ['(', ')'], ['{', '}']] as const) {
      if (bare.split(open).length !== bare.split(close).length) problems.push(`line ${i + 2}: unbalanced ${open}${close}`);
    }
    if (/^subgraph\s/.test(line)) {
      depth++;
      const id = /^subgraph\s+([A-Za-z0-9_]+)/.exec(line)?.[1];
      if (id) declared.add(id);
      continue;
    }
    if (line === 'end') {
      depth--;
      if (depth < 0) problems.push(`line ${i + 2}: "end" without subgraph`);
      continue;
    }
    const edge = /^([A-Za-z0-9_]+)\s*-->(?:\|"[^"]*"\|)?\s*([A-Za-z0-9_]+)$/.exec(line);
    if (edge) {
      used.push([edge[1] ?? '', i + 2], [edge[2] ?? '', i + 2]);
      continue;
    }
    const node = /^([A-Za-z0-9_]+)(\[|\(|\{)/.exec(line);
    if (node?.[1]) declared.add(node[1]);
    else problems.push(`line ${i + 2}: neither a node, an edge nor a subgraph: ${line}`);
  }
  if (depth !== 0) problems.push(`${depth} subgraph(s) without "end"`);
  for (const [id, line] of used) if (!declared.has(id)) problems.push(`line ${line}: edge to undeclared node ${id}`);
  return problems;
}
