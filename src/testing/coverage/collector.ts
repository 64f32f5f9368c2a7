// The coverage observer: told by the engine what it evaluated, it counts a
// hit for the element declarations each evaluation stands for. An element of
// a composed policy stands for every declaration of it in the files composed
// that the merge kept (a base's role that the child also lists is both the
// base's and the child's; a base's block a `replace` child redeclares is
// gone; a scalar is the nearest file's), and an element a guard's `then`
// added stands for the declaration in that guard, when it was applied.

import type {ConditionOutcome, DateWindowOutcome, EnforcementObserver, ToolOutcome} from '../../enforcement-observer.js';
import type {CompositionStrategy} from '../../policy/compose.js';
import {readPolicyFile} from '../../policy/read.js';
import type {YamlPath} from '../../policy/yaml.js';
import {pyEquals} from '../../python/semantics.js';
import {dictGet, hasKey, isDict, isList, isNumber, type PyDict, type PyValue, toDouble} from '../../python/values.js';
import {jsonPointer} from '../compare.js';
import {policyElements} from './elements.js';
import type {ElementKind, Outcome, PolicyElement} from './types.js';

/** A policy file as the run read it, with a hit count per outcome of each element. */
export interface TrackedFile {
  path: string;
  /** The file's own mapping (null when it could no longer be read). */
  policy: PyDict | null;
  elements: PolicyElement[];
  /** Hits per element, aligned with its outcomes. */
  hits: number[][];
}

/** One declaration: an element of a file. */
interface Declaration {
  file: TrackedFile;
  index: number;
}

/** A file in a policy's composition chain, with the strategy it merges over its base by. */
interface ChainLink {
  file: TrackedFile;
  strategy: CompositionStrategy | null;
}

/** Kinds matched by name. */
type NamedKind = 'role' | 'precondition' | 'tool' | 'condition' | 'postcondition';

/** What a loaded (composed) policy's elements stand for, worked out once per policy object. */
interface PolicyIndex {
  /** Surviving declarations of named elements, by kind and name bucket. */
  named: Map<string, Declaration[]>;
  outputSchemas: Declaration[];
  /** Per guard of the policy's `guards`, the declarations equal to it. */
  guards: Declaration[][];
  /** Per guard declaration (by file path and pointer), the elements its `then` declares. */
  thenBlocks: Map<string, Declaration[]>;
  /** Per factor of the policy's `risk.factors`, the declarations equal to it. */
  factors: Declaration[][];
  threshold: Declaration[];
}

export class CoverageCollector implements EnforcementObserver {
  private readonly files = new Map<string, TrackedFile>();
  private readonly bases = new Map<string, {base: string; strategy: CompositionStrategy | null}>();
  private readonly loaded = new WeakMap<PyDict, string>();
  private readonly indexes = new WeakMap<PyDict, PolicyIndex>();
  private current: PolicyIndex | null = null;
  /** Guards whose `then` the current decision applied, by index into the policy's `guards`. */
  private readonly applied: number[] = [];

  /** Every policy file read so far, in the order first read. */
  trackedFiles(): TrackedFile[] {
    return [...this.files.values()];
  }

  policyRead(resolvedPath: string): void {
    this.track(resolvedPath);
  }

  baseMerged(childPath: string, basePath: string, strategy: CompositionStrategy | null): void {
    this.bases.set(childPath, {base: basePath, strategy});
    const child = this.track(childPath);
    child.elements.forEach((element, index) => {
      if (element.kind === 'composition_base') hit({file: child, index}, 'merged');
    });
  }

  dateWindow(resolvedPath: string, outcome: DateWindowOutcome): void {
    const chain = this.chainOf(resolvedPath);
    // `active` stands for both bounds; a refusal for the one that refused.
    const keys: string[] = [];
    if (outcome !== 'expired') keys.push('effective_date');
    if (outcome !== 'not_yet_active') keys.push('expiration_date');
    const owners = new Set<TrackedFile>();
    for (const key of keys) {
      // A bound is a scalar: the nearest file writing it decides (a `null` there removes it).
      const owner = chain.find((link) => link.file.policy !== null && hasKey(link.file.policy, key))?.file;
      const value = owner?.policy?.[key];
      if (owner && value !== null && value !== undefined) owners.add(owner);
    }
    for (const owner of owners) {
      owner.elements.forEach((element, index) => {
        if (element.kind === 'date_window') hit({file: owner, index}, outcome);
      });
    }
  }

  policyLoaded(resolvedPath: string, policy: PyDict): void {
    this.loaded.set(policy, resolvedPath);
  }

  enforcing(policy: PyDict): void {
    this.applied.length = 0;
    const path = this.loaded.get(policy);
    if (path === undefined) {
      this.current = null;
      return;
    }
    let index = this.indexes.get(policy);
    if (!index) {
      index = buildIndex(policy, this.chainOf(path));
      this.indexes.set(policy, index);
    }
    this.current = index;
  }

  condition(name: PyValue, outcome: ConditionOutcome): void {
    const declarations = this.named('condition', name);
    if (outcome === 'true' || outcome === 'false') {
      for (const declaration of declarations) hit(declaration, outcome);
      return;
    }
    // A default or a required flag is a scalar: the nearest file's decides.
    const decider = declarations.find((declaration) => elementOf(declaration).outcomes.includes(outcome));
    if (decider) hit(decider, outcome);
  }

  guardEvaluated(index: number, matched: boolean): void {
    for (const declaration of this.current?.guards[index] ?? []) hit(declaration, matched ? 'when_true' : 'when_false');
  }

  guardApplied(index: number): void {
    if (!this.current) return;
    this.applied.push(index);
    for (const declaration of this.current.guards[index] ?? []) hit(declaration, 'then_applied');
  }

  roleAllowed(role: string): void {
    for (const declaration of this.withApplied('role', this.named('role', role), role)) hit(declaration, 'allowed');
  }

  precondition(name: PyValue, satisfied: boolean): void {
    const outcome = satisfied ? 'satisfied' : 'violated';
    for (const declaration of this.withApplied('precondition', this.named('precondition', name), name)) hit(declaration, outcome);
  }

  tool(name: PyValue, outcome: ToolOutcome, maxCalls: PyValue): void {
    let declarations = this.withApplied('tool', this.named('tool', name), name);
    // Only the entries that set the limit that applied refused the call.
    if (outcome === 'max_calls_reached') declarations = declarations.filter((declaration) => pyEquals(elementOf(declaration).maxCalls, maxCalls));
    for (const declaration of declarations) hit(declaration, outcome);
  }

  outputSchema(accepted: boolean): void {
    const declarations = this.withApplied('output_schema', this.current?.outputSchemas ?? []);
    for (const declaration of declarations) hit(declaration, accepted ? 'accepted' : 'rejected');
  }

  postcondition(name: PyValue): void {
    for (const declaration of this.withApplied('postcondition', this.named('postcondition', name), name)) hit(declaration, 'evaluated');
  }

  riskFactor(index: number, triggered: boolean): void {
    for (const declaration of this.current?.factors[index] ?? []) hit(declaration, triggered ? 'triggered' : 'not_triggered');
  }

  riskThreshold(exceeded: boolean): void {
    for (const declaration of this.current?.threshold ?? []) hit(declaration, exceeded ? 'exceeded' : 'not_exceeded');
  }

  private track(path: string): TrackedFile {
    let file = this.files.get(path);
    if (!file) {
      file = readTracked(path);
      this.files.set(path, file);
    }
    return file;
  }

  /** The policy at `path`, then each base it extends, nearest first. */
  private chainOf(path: string): ChainLink[] {
    const chain: ChainLink[] = [];
    const seen = new Set<string>();
    for (let at: string | undefined = path; at !== undefined && !seen.has(at); at = this.bases.get(at)?.base) {
      seen.add(at);
      chain.push({file: this.track(at), strategy: this.bases.get(at)?.strategy ?? null});
    }
    return chain;
  }

  private named(kind: NamedKind, name: PyValue): Declaration[] {
    const candidates = this.current?.named.get(bucket(kind, name)) ?? [];
    return candidates.filter((declaration) => pyEquals(elementOf(declaration).value, name));
  }

  /** `declarations` and the elements of `kind` (named `name`, unless undefined) that the `then` blocks applied in this decision declare. */
  private withApplied(kind: ElementKind, declarations: Declaration[], name?: PyValue): Declaration[] {
    if (this.applied.length === 0 || !this.current) return declarations;
    const found = [...declarations];
    for (const guardIndex of this.applied) {
      for (const guard of this.current.guards[guardIndex] ?? []) {
        for (const declaration of this.current.thenBlocks.get(declarationKey(guard)) ?? []) {
          const element = elementOf(declaration);
          if (element.kind === kind && (name === undefined || pyEquals(element.value, name))) found.push(declaration);
        }
      }
    }
    return found;
  }
}

function readTracked(path: string): TrackedFile {
  const read = readPolicyFile(path);
  if (!read.ok) return {path, policy: null, elements: [], hits: []};
  const elements = policyElements(read.policy, read.document);
  return {path, policy: read.policy, elements, hits: elements.map((element) => element.outcomes.map(() => 0))};
}

function elementOf(declaration: Declaration): PolicyElement {
  return declaration.file.elements[declaration.index];
}

function hit(declaration: Declaration, outcome: Outcome): void {
  const element = elementOf(declaration);
  const at = element.outcomes.indexOf(outcome);
  if (at >= 0) declaration.file.hits[declaration.index][at]++;
}

function declarationKey(declaration: Declaration): string {
  return `${declaration.file.path}\0${elementOf(declaration).pointer}`;
}

/** A map key under which every value Python counts equal to `name` falls (`1 == 1.0 == True`); pyEquals decides within it. */
function bucket(kind: string, name: PyValue | undefined): string {
  if (typeof name === 'string') return `${kind}\0s${name}`;
  if (typeof name === 'boolean' || isNumber(name)) return `${kind}\0n${toDouble(name)}`;
  return `${kind}\0other`;
}

const NAMED_KINDS: ReadonlySet<ElementKind> = new Set<NamedKind>(['role', 'precondition', 'tool', 'condition', 'postcondition']);

function buildIndex(policy: PyDict, chain: ChainLink[]): PolicyIndex {
  const index: PolicyIndex = {named: new Map(), outputSchemas: [], guards: [], thenBlocks: new Map(), factors: [], threshold: []};
  const guardDeclarations: Declaration[] = [];
  const factorDeclarations: Declaration[] = [];
  const explicitThresholds: Declaration[] = [];
  const implicitThresholds: Declaration[] = [];
  chain.forEach((link, position) => {
    link.file.elements.forEach((element, elementIndex) => {
      const declaration = {file: link.file, index: elementIndex};
      if (!survives(chain, position, element.guard ?? element.path)) return;
      if (element.guard) {
        const key = `${link.file.path}\0${jsonPointer(element.guard)}`;
        index.thenBlocks.set(key, [...(index.thenBlocks.get(key) ?? []), declaration]);
        return;
      }
      if (NAMED_KINDS.has(element.kind)) {
        const key = bucket(element.kind, element.value);
        index.named.set(key, [...(index.named.get(key) ?? []), declaration]);
      } else if (element.kind === 'output_schema') index.outputSchemas.push(declaration);
      else if (element.kind === 'guard') guardDeclarations.push(declaration);
      else if (element.kind === 'risk_factor') factorDeclarations.push(declaration);
      else if (element.kind === 'risk_threshold') (element.implicit ? implicitThresholds : explicitThresholds).push(declaration);
    });
  });
  const guards = dictGet(policy, 'guards');
  if (isList(guards)) index.guards = guards.map((guard) => guardDeclarations.filter((declaration) => pyEquals(elementOf(declaration).value, guard)));
  const risk = dictGet(policy, 'risk');
  const factors = isDict(risk) ? dictGet(risk, 'factors') : undefined;
  if (isList(factors)) index.factors = factors.map((factor) => factorDeclarations.filter((declaration) => pyEquals(elementOf(declaration).value, factor)));
  // A written threshold masks those further down the chain (survives() dropped them); without one the default applies.
  index.threshold = explicitThresholds.length > 0 ? explicitThresholds : implicitThresholds;
  return index;
}

/**
 * Whether what the file at `position` of the chain writes at `path` is still
 * in the composed policy: no nearer file replaced it. A nearer file replaces
 * a top-level block it writes with the `replace` strategy, and any value it
 * writes at the path (or above it) unless both are mappings (merged key by
 * key) or both lists (merged item by item).
 */
function survives(chain: readonly ChainLink[], position: number, path: YamlPath): boolean {
  const own = chain[position].file.policy;
  if (!own) return false;
  for (let nearer = 0; nearer < position; nearer++) {
    const link = chain[nearer];
    if (link.file.policy && replaces(link, own, path)) return false;
  }
  return true;
}

function replaces(nearer: ChainLink, own: PyDict, path: YamlPath): boolean {
  const theirs = nearer.file.policy!;
  if (nearer.strategy === 'replace' && hasKey(theirs, String(path[0]))) return true;
  let mine: PyValue = own;
  let other: PyValue = theirs;
  for (const step of path) {
    if (!isDict(mine) || !isDict(other)) return false;
    const key = String(step);
    if (!hasKey(other, key)) return false;
    mine = mine[key];
    other = other[key];
    if (isList(mine) && isList(other)) return false;
    if (!(isDict(mine) && isDict(other))) return true;
  }
  return false;
}
