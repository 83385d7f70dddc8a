/**
 * Helpers for XML read through RepoFs.readXml (fast-xml-parser objects): a child element as an
 * object, a repeated-or-single element as a list, and an element's text. Used by the Maven (pom.xml)
 * and MSBuild (.csproj, Directory.*.props) readers.
 */
export type XmlNode = Record<string, unknown>;

export function node(value: unknown): XmlNode | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : null;
}

/** fast-xml-parser gives one child as a value and several as an array; this always gives an array. */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** The trimmed text of an element (or of an element with attributes, via `#text`), or null. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const n = node(value);
  return n && typeof n['#text'] === 'string' ? n['#text'].trim() : null;
}
