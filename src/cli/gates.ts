// Custom gates for the command line (`--gate MODULE`): each module is an ES
// module whose exports are gates. A module that cannot be loaded, or that
// exports no usable gate, stops the command with a clear error; it is never
// skipped, so a typo can't turn governance off.

import {resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {type EnforcementGate, validateGate} from '../gates/custom.js';
import type {ModuleImporter} from './command-io.js';
import {CliError, ExitCode, ioError} from './exit-codes.js';

/**
 * Loads the gates of every module, in the order given. A module's default
 * export is used when it has one (a gate or an array of gates); otherwise
 * every named export that is a gate or an array of gates, in name order.
 * Relative paths resolve against `cwd`. Throws `CliError`: exit 3 when a
 * module cannot be read or throws while loading, exit 2 when it exports no
 * usable gate or an invalid one.
 */
export async function loadGateModules(modules: readonly string[], cwd: string, importer: ModuleImporter): Promise<EnforcementGate[]> {
  const gates: EnforcementGate[] = [];
  for (const module of modules) gates.push(...gatesOf(module, await importModule(module, cwd, importer)));
  return gates;
}

async function importModule(module: string, cwd: string, importer: ModuleImporter): Promise<Record<string, unknown>> {
  const path = resolve(cwd, module);
  try {
    return (await importer(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(path)) {
      throw ioError('cannot load the gate module (no such file)', module, error);
    }
    throw ioError(`the gate module failed to load: ${(error as Error)?.message ?? String(error)}`, module, error);
  }
}

function gatesOf(module: string, namespace: Record<string, unknown>): EnforcementGate[] {
  const gates =
    namespace.default !== undefined
      ? exportedGates(module, 'the default export', namespace.default)
      : Object.keys(namespace)
          .sort()
          .filter((name) => isGateExport(namespace[name]))
          .flatMap((name) => exportedGates(module, `export '${name}'`, namespace[name]));
  if (gates.length === 0) {
    throw gateError(module, 'exports no gates (export an object with name, insertionPoint and evaluate(), or an array of them)');
  }
  return gates;
}

/** The gates one export holds; an export that is neither a gate nor an array of gates is an error. */
function exportedGates(module: string, what: string, value: unknown): EnforcementGate[] {
  if (!isGateExport(value)) throw gateError(module, `${what} is not a gate or an array of gates`);
  const gates = Array.isArray(value) ? value : [value];
  for (const gate of gates) {
    try {
      validateGate(gate);
    } catch (error) {
      throw gateError(module, `${what}: ${(error as Error).message}`);
    }
  }
  return gates;
}

function isGateExport(value: unknown): value is EnforcementGate | EnforcementGate[] {
  return Array.isArray(value) ? value.length > 0 && value.every(isGate) : isGate(value);
}

function isGate(value: unknown): value is EnforcementGate {
  return typeof value === 'object' && value !== null && typeof (value as {evaluate?: unknown}).evaluate === 'function';
}

function gateError(module: string, message: string): CliError {
  return new CliError(message, ExitCode.Usage, {file: module});
}
