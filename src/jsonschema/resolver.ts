// `$ref` resolution within one schema document: resources named by `$id`
// (`id` in draft-04), `$anchor`/`$dynamicAnchor` and plain-name `$id: "#x"`
// anchors, and JSON-pointer fragments. Remote documents are never fetched:
// a reference outside the document is an `InvalidSchemaError`, raised only
// when validation reaches it, as python-jsonschema raises lazily.

import {isDict, type PyValue} from '../python/values.js';
import {type Draft, idKeyword, refOverridesSiblings} from './drafts.js';
import {InvalidSchemaError} from './errors.js';

/** Stands in for the retrieval URI of a schema without `$id`, so relative ids resolve. */
const ROOT_URI = 'https://aigc.invalid/schema.json';

const SINGLE_SCHEMA_KEYWORDS = [
  'additionalItems',
  'additionalProperties',
  'contains',
  'contentSchema',
  'else',
  'if',
  'items',
  'not',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
];
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const LEGACY_SCHEMA_MAP_KEYWORDS = ['definitions', 'properties', 'patternProperties', 'dependencies'];
const SCHEMA_MAP_KEYWORDS = ['$defs', 'definitions', 'properties', 'patternProperties', 'dependentSchemas'];

export interface Resolved {
  schema: PyValue;
  base: string;
}

function withoutFragment(uri: string): string {
  const hash = uri.indexOf('#');
  return hash < 0 ? uri : uri.slice(0, hash);
}

function joinUri(reference: string, base: string): string {
  try {
    return new URL(reference, base).href;
  } catch {
    throw new InvalidSchemaError(`Unresolvable JSON pointer: ${JSON.stringify(reference)}`, 'unresolvable-ref');
  }
}

function decodeFragment(fragment: string, reference: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    throw new InvalidSchemaError(`Unresolvable reference: ${JSON.stringify(reference)}`, 'unresolvable-ref');
  }
}

export class Resolver {
  private readonly resources = new Map<string, PyValue>();
  private readonly anchors = new Map<string, PyValue>();
  private readonly bases = new WeakMap<object, string>();
  readonly rootBase: string;

  constructor(
    root: PyValue,
    private readonly draft: Draft,
  ) {
    this.rootBase = ROOT_URI;
    this.resources.set(ROOT_URI, root);
    this.index(root, ROOT_URI);
  }

  /** The base URI in effect inside `schema`, if it was seen while indexing. */
  baseOf(schema: PyValue, fallback: string): string {
    return isDict(schema) ? (this.bases.get(schema) ?? fallback) : fallback;
  }

  private index(schema: PyValue, inherited: string): void {
    if (!isDict(schema)) return;
    let base = inherited;
    const id = schema[idKeyword(this.draft)];
    const idIgnored = refOverridesSiblings(this.draft) && Object.hasOwn(schema, '$ref');
    if (typeof id === 'string' && !idIgnored) {
      if (id.startsWith('#') && this.draft !== 'draft2019' && this.draft !== 'draft2020') {
        this.anchors.set(`${withoutFragment(base)}${id}`, schema);
      } else {
        const resolved = joinUri(id, base);
        base = withoutFragment(resolved);
        this.resources.set(base, schema);
        if (resolved.length > base.length + 1) this.anchors.set(resolved, schema);
      }
    }
    for (const keyword of ['$anchor', '$dynamicAnchor']) {
      const anchor = schema[keyword];
      if (typeof anchor === 'string' && (this.draft === 'draft2019' || this.draft === 'draft2020')) {
        this.anchors.set(`${base}#${anchor}`, schema);
      }
    }
    this.bases.set(schema, base);
    for (const keyword of SINGLE_SCHEMA_KEYWORDS) {
      if (Object.hasOwn(schema, keyword)) this.index(schema[keyword], base);
    }
    for (const keyword of SCHEMA_LIST_KEYWORDS) {
      const list = schema[keyword];
      if (Array.isArray(list)) for (const item of list) this.index(item, base);
    }
    for (const keyword of refOverridesSiblings(this.draft) ? LEGACY_SCHEMA_MAP_KEYWORDS : SCHEMA_MAP_KEYWORDS) {
      const map = schema[keyword];
      if (isDict(map)) for (const key of Object.keys(map)) this.index(map[key], base);
    }
  }

  /** The schema a `$ref` names, and the base URI to continue with. */
  resolve(reference: string, base: string): Resolved {
    const target = joinUri(reference, base);
    const documentUri = withoutFragment(target);
    const fragment = decodeFragment(target.slice(documentUri.length + 1), reference);
    const anchored = this.anchors.get(target);
    if (anchored !== undefined && fragment !== '' && !fragment.startsWith('/')) {
      return {schema: anchored, base: this.baseOf(anchored, documentUri)};
    }
    const document = this.resources.get(documentUri);
    if (document === undefined) {
      throw new InvalidSchemaError(`Unresolvable reference: ${JSON.stringify(reference)}`, 'unresolvable-ref');
    }
    if (fragment === '') return {schema: document, base: documentUri};
    if (!fragment.startsWith('/')) {
      throw new InvalidSchemaError(`Unresolvable anchor: ${JSON.stringify(reference)}`, 'unresolvable-ref');
    }
    let node: PyValue | undefined = document;
    let nodeBase = documentUri;
    for (const raw of fragment.slice(1).split('/')) {
      const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(token)) node = node[Number(token)];
      else if (isDict(node) && Object.hasOwn(node, token)) node = node[token];
      else node = undefined;
      if (node === undefined) {
        throw new InvalidSchemaError(`Unresolvable JSON pointer: ${JSON.stringify(fragment)}`, 'unresolvable-ref');
      }
      nodeBase = this.baseOf(node, nodeBase);
    }
    return {schema: node, base: nodeBase};
  }
}
