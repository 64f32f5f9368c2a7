// `aigc schema NAME`: a shipped JSON Schema, byte for byte, on stdout.
import {readShippedSchemaText, type ShippedSchemaName} from '../schemas.js';
import type {CommandIo} from './command-io.js';
import {ExitCode} from './exit-codes.js';
import {writeToStream} from './output.js';

export async function runSchema(name: string, io: CommandIo): Promise<number> {
  // The parser has checked the name against the spec's options, the shipped names.
  const text = readShippedSchemaText(name as ShippedSchemaName);
  await writeToStream(io.stdout, text.endsWith('\n') ? text : `${text}\n`);
  return ExitCode.Success;
}
