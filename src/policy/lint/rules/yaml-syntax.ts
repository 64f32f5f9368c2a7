// yaml-syntax: the file is not YAML that PyYAML's safe_load reads.

import {plainRange} from '../../../source-location.js';
import {YamlSyntaxError} from '../../yaml.js';
import type {LintRuleModule} from '../types.js';

export const yamlSyntax: LintRuleModule = {
  id: 'yaml-syntax',
  severity: 'error',
  checksAnyFile: true,
  description: 'The file is not valid YAML (YAML 1.1, one document, safe tags only).',
  explanation:
    'Policies are read as the Python reference reads them, with PyYAML’s safe_load: YAML 1.1, a single document, no tags beyond the standard ones. The message is PyYAML’s, at the place PyYAML names. The limits that keep a hostile file from exhausting memory (alias expansion, nesting depth) are reported here too.',
  example: 'policy_version: "1.0"\nroles: [agent\n',
  check(context, report) {
    if (context.read.ok || context.read.problem.reason !== 'yaml-syntax') return;
    const {error} = context.read.problem;
    report.atRange(error instanceof YamlSyntaxError ? plainRange(error.range) : undefined, error.message);
  },
};
