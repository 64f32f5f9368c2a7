// An `additionalProperties` refusal told in a file author's terms: the key
// not allowed, by name, with the known key likely meant (or the known keys),
// for every YAML file checked against one of our schemas (suites, the
// project config).

import {nearestWord} from '../nearest-word.js';
import {isDict, isList, type PyDict, type PyValue, pyKeys} from '../python/values.js';
import type {SchemaError} from './errors.js';

/** The unknown key of an `additionalProperties` error and how to word it; undefined for any other error. */
export function unknownKeyOf(error: SchemaError, schema: PyDict): {key: string; hint: string} | undefined {
  if (error.validator !== 'additionalProperties' || !isDict(error.instance)) return undefined;
  const node = schemaNodeAt(schema, error.schemaPath.slice(0, -1));
  const known = isDict(node) && isDict(node.properties) ? pyKeys(node.properties) : [];
  const key = pyKeys(error.instance).find((candidate) => !known.includes(candidate));
  if (key === undefined) return undefined;
  const guess = nearestWord(key, known);
  return {key, hint: guess === undefined ? `; known keys: ${known.join(', ')}` : ` (did you mean '${guess}'?)`};
}

/** The schema object a schema path leads to, following local `$ref`s (a schema path does not list them). */
export function schemaNodeAt(root: PyDict, schemaPath: ReadonlyArray<string | number>): PyValue | undefined {
  const resolve = (node: PyValue | undefined): PyValue | undefined => {
    let current = node;
    for (let hops = 0; isDict(current) && typeof current.$ref === 'string' && current.$ref.startsWith('#/') && hops < 32; hops++) {
      current = current.$ref
        .slice(2)
        .split('/')
        .reduce<PyValue | undefined>((at, token) => (isDict(at) ? at[token.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined), root);
    }
    return current;
  };
  let node: PyValue | undefined = root;
  for (const segment of schemaPath) {
    node = resolve(node);
    if (isList(node) && typeof segment === 'number') node = node[segment];
    else if (isDict(node)) node = node[String(segment)];
    else return undefined;
  }
  return resolve(node);
}
