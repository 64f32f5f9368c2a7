// Wording shared by the coverage reporters: how an element is named, and
// what is said of an outcome no case reached.
import {displayText} from '../../display-text.js';
import type {ElementKind, Outcome, PolicyElement} from '../../../testing/coverage/index.js';

const KIND_LABELS: Record<ElementKind, string> = {
  composition_base: 'extends',
  date_window: 'date window',
  role: 'role',
  precondition: 'precondition',
  tool: 'tool',
  condition: 'condition',
  guard: 'guard',
  output_schema: 'output_schema',
  postcondition: 'postcondition',
  risk_factor: 'risk factor',
  risk_threshold: 'risk threshold',
};

const MISSING: Record<Outcome, string> = {
  merged: 'never merged',
  active: 'never in force',
  not_yet_active: 'never before its effective_date',
  expired: 'never after its expiration_date',
  allowed: 'never allowed',
  satisfied: 'never satisfied',
  violated: 'never violated',
  max_calls_reached: 'max_calls never reached',
  true: 'never true',
  false: 'never false',
  default: 'default never used',
  missing: 'never missing',
  when_true: 'when never true',
  when_false: 'when never false',
  then_applied: 'then never applied',
  accepted: 'never accepted',
  rejected: 'never rejected',
  evaluated: 'never evaluated',
  triggered: 'never triggered',
  not_triggered: 'always triggered',
  exceeded: 'never exceeded',
  not_exceeded: 'always exceeded',
};

/** `role`, `risk factor`, … */
export function kindLabel(kind: ElementKind): string {
  return KIND_LABELS[kind];
}

/** ``role `supervisor` ``, or the bare label for the element a policy has one of; `quote` false leaves the name bare. */
export function elementTitle(element: PolicyElement, quote = true): string {
  if (element.kind === 'output_schema') return kindLabel(element.kind);
  const name = quote ? `\`${printable(element.name)}\`` : element.name;
  return `${kindLabel(element.kind)} ${name}`;
}

const NEVER_REACHED: Record<ElementKind, string> = {
  composition_base: 'never merged',
  date_window: 'never checked',
  role: 'never allowed',
  precondition: 'never checked',
  tool: 'never called',
  condition: 'never resolved',
  guard: 'never evaluated',
  output_schema: 'never checked',
  postcondition: 'never evaluated',
  risk_factor: 'never evaluated',
  risk_threshold: 'never compared',
};

/**
 * What is said of an element whose outcomes no case reached: `never violated`
 * for one outcome among others reached, `never called` for a tool none reached.
 * (An element with one outcome and some other reached says `always …` of what it was.)
 */
export function missingOutcomes(kind: ElementKind, outcomes: readonly Outcome[], hits: readonly number[]): string | undefined {
  if (hits.every((count) => count > 0)) return undefined;
  if (hits.every((count) => count === 0)) return NEVER_REACHED[kind];
  return outcomes
    .filter((_, index) => hits[index] === 0)
    .map((outcome) => MISSING[outcome])
    .join(', ');
}

/**
 * Text from a policy made safe for a terminal and one line: control
 * characters shown as `displayText` shows them, tabs and line ends too
 * (`\x09`, `\x0a`); long text cut.
 */
export function printable(text: string, maxLength = 80): string {
  const escaped = displayText(text).replace(/[\t\n\r]/g, (character) => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return [...escaped].length > maxLength ? `${[...escaped].slice(0, maxLength - 1).join('')}…` : escaped;
}
