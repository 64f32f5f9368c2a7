#!/usr/bin/env node
// Generates docs/rules.md, the lint rules reference that SARIF's helpUri
// points at, from the rule registry (each rule module's id, severity,
// description, explanation and example), one section per rule. Reads the
// built modules (`npm run build` first). `--check` writes nothing and exits 1
// when the file is stale.
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {writeOrCheck} from './generated-file.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'docs', 'rules.md');
const {RULE_METADATA} = await import(join(root, 'dist/src/policy/lint/rules.js'));
const {UNCONFIGURABLE_RULES} = await import(join(root, 'dist/src/config/types.js'));

const lines = [
  '# Lint rules',
  '',
  '<!-- Generated from src/policy/lint/rules/ by scripts/gen-rules-doc.js; do not edit by hand. -->',
  '',
  'The rules `aigc policy lint` checks, in the order they run. Each finding names its rule id. A rule\'s severity can be changed, or the rule',
  'turned off, in the project config (`lint.rules` in `.aigc.yaml`, see `aigc schema config`); a single finding can be suppressed with a',
  'comment `# aigc-lint-ignore RULE_ID reason` after the value or alone on the line before it.',
  '',
  `A file that cannot be read as a policy (missing, unreadable, not YAML, not a mapping) is checked only by ${RULE_METADATA.filter((rule) => rule.checksAnyFile)
    .map((rule) => `\`${rule.id}\``)
    .join(', ')}; the other rules do not run on it, and \`-f junit\` leaves them out of that file's test suite rather than count them as passed. A`,
  'policy test suite found beside the policies is checked by `file-unreadable` and `suite-invalid` alone, and listed so.',
  '',
  '| rule | severity | finds |',
  '|---|---|---|',
  ...RULE_METADATA.map((rule) => `| [\`${rule.id}\`](#${rule.id}) | ${rule.severity} | ${rule.description.replaceAll('|', '\\|')} |`),
  '',
];
for (const rule of RULE_METADATA) {
  lines.push(`## ${rule.id}`, '', `Severity: ${rule.severity}${UNCONFIGURABLE_RULES.includes(rule.id) ? ' (cannot be changed)' : ''}.`, '', rule.description, '', rule.explanation, '');
  lines.push('For example:', '', '```yaml', rule.example.replace(/\n$/, ''), '```', '');
}
const text = `${lines.join('\n').replace(/\n+$/, '')}\n`;

writeOrCheck(target, text, {script: 'gen-rules-doc', root});
