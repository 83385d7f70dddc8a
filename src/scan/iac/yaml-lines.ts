/** Parse a YAML file once and find the line of a path inside it (for findings on user files). */
import { isNode, LineCounter, parseDocument } from 'yaml';

export type YamlPath = Array<string | number>;

export interface LocatedYaml {
  data: unknown;
  lineOf(path: YamlPath): number;
}

export function parseLocated(content: string): LocatedYaml | null {
  const counter = new LineCounter();
  const document = parseDocument(content, { lineCounter: counter });
  if (document.errors.length > 0) return null;
  return {
    data: document.toJS() as unknown,
    lineOf(path) {
      for (let end = path.length; end >= 0; end--) {
        const node = end === 0 ? document.contents : document.getIn(path.slice(0, end), true);
        if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
      }
      return 1;
    },
  };
}

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
