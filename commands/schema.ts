import {Args} from '@oclif/core';
import {AigcCommand} from '../src/cli/base-command.js';

const NAMES = ['policy', 'audit-artifact', 'invocation', 'policy-test-suite', 'golden-fixture', 'replay-report'];

export default class Schema extends AigcCommand {
  static override summary = 'Print a JSON Schema shipped with aigc.';

  static override description = `Prints one of the JSON Schemas aigc uses, so editors and other tools can validate the same files: ${NAMES.join(', ')}.

In a YAML policy, point the YAML language server at it:
  # yaml-language-server: $schema=./policy.schema.json`;

  static override examples = [
    {description: 'Save the policy schema for your editor', command: '<%= config.bin %> <%= command.id %> policy > policy.schema.json'},
    {description: 'Check an artifact file with another validator', command: '<%= config.bin %> <%= command.id %> audit-artifact | jq .required'},
  ];

  static override args = {
    name: Args.string({description: 'Which schema.', required: true, options: NAMES}),
  };

  async run(): Promise<void> {
    const {args} = await this.parse(Schema);
    const {readShippedSchemaText} = await import('../src/schemas.js');
    const {writeToStream} = await import('../src/cli/output.js');
    const text = readShippedSchemaText(args.name as Parameters<typeof readShippedSchemaText>[0]);
    await writeToStream(process.stdout, text.endsWith('\n') ? text : `${text}\n`);
  }
}
