// SchemaStore's schemas of GitHub Actions files (vendored under
// test/vendor/schemastore, with their source and licence), compiled with ajv.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Ajv, type ValidateFunction} from 'ajv';
import {REPO_ROOT} from '../cli/capture.js';

export function schemaStoreValidator(name: 'github-action' | 'github-workflow'): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'vendor', 'schemastore', `${name}.json`), 'utf8'));
  // strict off: SchemaStore's schemas use keywords ajv's strict mode does not know ($comment-like annotations, markdownDescription).
  return new Ajv({strict: false, allErrors: true}).compile(schema);
}
