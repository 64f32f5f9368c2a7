// The fast start-up path of `aigc enforce`: bin/run.js calls this before
// loading oclif, so a shell pipeline pays only for the enforcement engine.
// Anything it does not handle (help, a flag it cannot parse) falls back to
// the oclif command, which reports it properly.

import {parseArgs} from 'node:util';
import {durabilityFlag} from './chain-writes.js';
import {parseNow} from './clock.js';
import {ENFORCE_FLAGS, type EnforceFlagValues} from './enforce-flags.js';
import {describeFailure, usageError} from './exit-codes.js';
import {loadGateModules, type ModuleImporter} from './gates.js';
import {keyFromFlags} from './keys.js';
import {redactionPatternsFromFlags} from './redact-flags.js';
import {runEnforce} from './run-enforce.js';

/** bin/run.js allows V8's linear-time regex engine through the bundle's own copy of the module that sets it. */
export {enableLinearRegexEngine} from '../python/regex/linear-engine.js';

export interface MainOptions {
  /**
   * Imports a `--gate` module by URL. bin/run.js runs this bundle as a
   * compiled script, where `import()` has no module loader, and passes its own.
   */
  importModule?: ModuleImporter;
}

/** Runs `aigc enforce` with `args` (after the command name); false when oclif should handle them. */
export async function main(args: string[], options: MainOptions = {}): Promise<boolean> {
  // Governance errors are values here, one per FAIL: capturing their stacks costs more than deciding them.
  if (!process.env.DEBUG) Error.stackTraceLimit = 0;
  let values: EnforceFlagValues;
  try {
    const options = Object.fromEntries(
      Object.entries(ENFORCE_FLAGS).map(([name, spec]) => [
        name,
        {type: spec.type, ...('char' in spec ? {short: spec.char} : {}), ...('multiple' in spec ? {multiple: spec.multiple} : {})},
      ]),
    );
    values = parseArgs({args, options, strict: true, allowPositionals: false}).values as EnforceFlagValues;
  } catch {
    return false;
  }
  try {
    if (values['chain-id'] !== undefined && values.chain === undefined) throw usageError('--chain-id needs --chain');
    if (values.durability !== undefined && values.chain === undefined) throw usageError('--durability needs --chain');
    const durability = durabilityFlag(values.durability);
    const signingKey = keyFromFlags(values);
    const redactionPatterns = redactionPatternsFromFlags(values.redact);
    const customGates = await loadGateModules(values.gate ?? [], process.cwd(), options.importModule);
    process.exitCode = await runEnforce({
      input: values.input,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      now: parseNow(values.now),
      signingKey,
      chainFile: values.chain,
      chainId: values['chain-id'],
      durability,
      recordFile: values.record,
      policyRoot: values['policy-root'],
      pretty: values.pretty,
      strictMode: values.strict,
      customGates,
      redactionPatterns,
    });
  } catch (error) {
    const report = describeFailure(error, process.env);
    if (report.stderr) process.stderr.write(report.stderr.replace(/^aigc: /, 'aigc enforce: '));
    process.exitCode = report.exitCode;
  }
  return true;
}
