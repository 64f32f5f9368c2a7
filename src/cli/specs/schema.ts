// `aigc schema`: its help and argument (run: src/cli/run-schema.ts).
import {SHIPPED_SCHEMA_NAMES} from '../../schemas.js';
import {defineCommand} from '../start/spec.js';

export const SCHEMA = defineCommand({
  id: 'schema',
  summary: 'Print a JSON Schema shipped with aigc.',
  description: `Prints one of the JSON Schemas aigc uses, so editors and other tools can validate the same files: ${SHIPPED_SCHEMA_NAMES.join(', ')}.

In a YAML policy, point the YAML language server at it:
  # yaml-language-server: $schema=./policy.schema.json`,
  examples: [
    {description: 'Save the policy schema for your editor', command: '<%= config.bin %> <%= command.id %> policy > policy.schema.json'},
    {description: 'Check an artifact file with another validator', command: '<%= config.bin %> <%= command.id %> audit-artifact | jq .required'},
  ],
  args: {name: {description: 'Which schema.', required: true, options: SHIPPED_SCHEMA_NAMES}},
  flags: {},
});
