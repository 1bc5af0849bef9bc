/**
 * GeoReport v2's two wire formats. Each document is one plain value; JSON writes it as is, XML follows the
 * spec's element names (a list is a wrapper element with one child per item: <services><service>…).
 * Pure: no I/O, so the route and the tests share it.
 */

export type Open311Format = 'json' | 'xml';

type Scalar = string | number | boolean | null | undefined;
/** An XML element: its children in order; a list names its items' element. */
export type XmlTree = { [name: string]: Scalar | XmlTree | XmlList };
export type XmlList = { item: string; items: (Scalar | XmlTree)[] };

function isList(value: unknown): value is XmlList {
  return typeof value === 'object' && value !== null && 'item' in value && 'items' in value && Array.isArray((value as XmlList).items);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

function element(name: string, value: Scalar | XmlTree | XmlList): string {
  if (value === undefined) return '';
  if (value === null || value === '') return `<${name}/>`;
  if (isList(value)) return `<${name}>${value.items.map((item) => element(value.item, item)).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([child, v]) => element(child, v)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function toXml(root: string, value: XmlTree | XmlList): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`;
}

/** The JSON of a tree: lists become arrays of their items. */
export function toJson(value: Scalar | XmlTree | XmlList): unknown {
  if (isList(value)) return value.items.map(toJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toJson(v)]));
  return value;
}

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export function open311Body(format: Open311Format, root: string, value: XmlTree | XmlList): string {
  return format === 'xml' ? toXml(root, value) : JSON.stringify(toJson(value));
}

/** The spec's error document: a list of { code, description }, as JSON or <errors><error>. */
export function open311ErrorBody(format: Open311Format, status: number, descriptions: readonly string[]): string {
  return open311Body(format, 'errors', { item: 'error', items: descriptions.map((description) => ({ code: status, description })) });
}
