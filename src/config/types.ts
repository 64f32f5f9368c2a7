// The project config (`.aigc.yaml`) as the engine holds it once read and
// checked against schemas/aigc-config.schema.json, and the few facts its
// schema and its reader share.

import type {AigcProjectConfig} from '../types/generated/index.js';

export type {AigcProjectConfig};

/** The names looked for in each folder, in this order. */
export const CONFIG_FILE_NAMES: readonly string[] = ['.aigc.yaml', '.aigc.yml'];

/** What `lint.rules` may set a rule to; `off` means the rule does not run. */
export const CONFIGURABLE_RULE_SEVERITIES = ['error', 'warning', 'off'] as const;

export type RuleSetting = (typeof CONFIGURABLE_RULE_SEVERITIES)[number];

/** Rules whose severity is fixed: a file that cannot be read is never passed over. */
export const UNCONFIGURABLE_RULES: readonly string[] = ['file-unreadable'];

export interface ProjectConfig {
  /** The file as found or given (for messages). */
  file: string;
  /** The folder the file is in, absolute: its globs are relative to it. */
  folder: string;
  settings: AigcProjectConfig;
}

export type ConfigErrorCode =
  /** the file cannot be read */
  | 'UNREADABLE'
  /** YAML syntax */
  | 'SYNTAX'
  /** valid YAML, but not the shape the schema describes */
  | 'SCHEMA';
