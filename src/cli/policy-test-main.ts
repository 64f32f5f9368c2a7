// The fast start-up path of `aigc policy test`: bin/run.js calls this before
// loading oclif, from one pre-bundled file, so a run of a large suite spends
// its time on the cases. Anything it does not handle (help, a flag it cannot
// parse) falls back to the oclif command, which reports it properly.

import {parseArgs} from 'node:util';
import {describeFailure} from './exit-codes.js';
import {POLICY_TEST_FLAGS} from './policy-test-flags.js';
import {type PolicyTestFlags, runPolicyTest} from './run-policy-test.js';

/** bin/run.js allows V8's linear-time regex engine through the bundle's own copy of the module that sets it. */
export {enableLinearRegexEngine} from '../python/regex/linear-engine.js';

/** Runs `aigc policy test` with `args` (after the command words); false when oclif should handle them. */
export async function main(args: string[]): Promise<boolean> {
  const parsed = parse(args);
  if (parsed === undefined) return false;
  // Governance errors are values here, one per failing case: capturing their stacks costs more than deciding them.
  if (!process.env.DEBUG) Error.stackTraceLimit = 0;
  try {
    process.exitCode = await runPolicyTest(parsed.paths, parsed.flags);
  } catch (error) {
    const report = describeFailure(error, process.env);
    if (report.stderr) process.stderr.write(report.stderr);
    process.exitCode = report.exitCode;
  }
  return true;
}

/** The paths and flags, as oclif would parse them; undefined for anything this parser might read differently. */
export function parse(args: string[]): {paths: string[]; flags: PolicyTestFlags} | undefined {
  // oclif reads `-f=text` as the value `text` (node:util would read `=text`), and `--no-color` needs its negation.
  if (args.some((arg) => /^-[^-]=/.test(arg))) return undefined;
  let color: boolean | undefined;
  const end = args.indexOf('--');
  const rest = args.filter((arg, index) => {
    if ((arg !== '--no-color' && arg !== '--color') || (end !== -1 && index > end)) return true;
    color = arg === '--color';
    return false;
  });
  const options = Object.fromEntries(
    Object.entries(POLICY_TEST_FLAGS)
      .filter(([name]) => name !== 'color')
      .map(([name, spec]) => [
        name,
        {type: spec.type, ...('char' in spec ? {short: spec.char} : {}), ...('multiple' in spec ? {multiple: spec.multiple} : {})},
      ]),
  );
  try {
    const {values, positionals} = parseArgs({args: rest, options, strict: true, allowPositionals: true});
    return {paths: positionals, flags: {...(values as PolicyTestFlags), ...(color === undefined ? {} : {color})}};
  } catch {
    return undefined;
  }
}
