/**
 * Serialises Kubernetes objects as one multi-document YAML file: the devsquad header first, a
 * comment above each object where it explains a choice, stable key order as built.
 */
import { Document } from 'yaml';

export type Json = { [key: string]: unknown };

export interface K8sObject {
  object: Json;
  /** Lines shown above the object (without `#`). */
  comment?: string[];
}

const OPTIONS = { lineWidth: 0, indentSeq: true } as const;

/**
 * Recent documents by their object (as JSON, ~10x cheaper than writing YAML): the kubernetes and
 * kustomize families write the same objects, and the Helm chart's defaults repeat many of them.
 */
const rendered = new Map<string, string>();
const RENDERED_MAX = 512;

function documentText(item: K8sObject): string {
  const key = JSON.stringify(item);
  const known = rendered.get(key);
  if (known !== undefined) return known;
  // No anchors: objects shared between places (selectors, probes) are written out in full.
  const doc = new Document(item.object, { aliasDuplicateObjects: false });
  if (item.comment && item.comment.length > 0) doc.commentBefore = item.comment.map((l) => ` ${l}`).join('\n');
  const text = doc.toString(OPTIONS);
  if (rendered.size >= RENDERED_MAX) rendered.clear();
  rendered.set(key, text);
  return text;
}

export function renderObjects(header: string, items: readonly K8sObject[]): string {
  return `${header}\n${items.map(documentText).join('---\n')}`;
}

/** A single YAML document (kustomization.yaml) with the header. */
export function renderDocument(header: string, object: Json, comment?: string[]): string {
  return renderObjects(header, [comment ? { object, comment } : { object }]);
}
