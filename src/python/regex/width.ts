// Width analysis, as `SubPattern.getwidth` does it: the least and most code
// points each node can match. `sre_compile` refuses a lookbehind whose body
// has no fixed width; so does `checkLookbehinds`, after parsing, as Python
// does.

import type {RegexNode, RegexTree} from './ast.js';
import {PythonRegexError} from './errors.js';

/** Least and most code points matched (`max` may be Infinity). */
export interface Width {
  min: number;
  max: number;
}

/** `_sre.MAXCODE`: the furthest a lookbehind may look. */
const MAX_CODE = 2 ** 32 - 1;

/** Widths of every node of a tree, computed in pattern order so a backreference knows its group's. */
export class WidthTable {
  private readonly widths = new Map<RegexNode, Width>();
  private readonly groupWidths = new Map<number, Width>();

  constructor(tree: RegexTree) {
    this.measure(tree.root);
  }

  of(node: RegexNode): Width {
    return this.widths.get(node) ?? this.measure(node);
  }

  private measure(node: RegexNode): Width {
    const width = this.compute(node);
    this.widths.set(node, width);
    return width;
  }

  private compute(node: RegexNode): Width {
    switch (node.kind) {
      case 'empty':
      case 'anchor':
        return {min: 0, max: 0};
      case 'literal':
      case 'any':
      case 'set':
      case 'shorthand':
        return {min: 1, max: 1};
      case 'sequence': {
        const width = {min: 0, max: 0};
        for (const item of node.items) {
          const part = this.measure(item);
          width.min += part.min;
          width.max += part.max;
        }
        return width;
      }
      case 'alternation': {
        const parts = node.branches.map((branch) => this.measure(branch));
        return {min: Math.min(...parts.map((part) => part.min)), max: Math.max(...parts.map((part) => part.max))};
      }
      case 'group': {
        const width = this.measure(node.body);
        if (node.capture) this.groupWidths.set(node.capture.index, width);
        return width;
      }
      case 'lookaround':
        this.measure(node.body);
        return {min: 0, max: 0};
      case 'atomic':
        return this.measure(node.body);
      case 'repeat': {
        const body = this.measure(node.body);
        // As Python: an unbounded repeat of something that can match text is unbounded; of an empty body, empty.
        const max = node.max === 0 || body.max === 0 ? 0 : body.max * node.max;
        return {min: body.min * node.min, max};
      }
      case 'backreference':
        return this.groupWidths.get(node.group) ?? {min: 0, max: Infinity};
      case 'conditional': {
        const yes = this.measure(node.yes);
        if (!node.no) return {min: 0, max: yes.max};
        const no = this.measure(node.no);
        return {min: Math.min(yes.min, no.min), max: Math.max(yes.max, no.max)};
      }
    }
  }
}

/** `sre_compile`'s check: every lookbehind matches a fixed number of code points. */
export function checkLookbehinds(tree: RegexTree, widths: WidthTable): void {
  visit(tree.root);

  function visit(node: RegexNode): void {
    if (node.kind === 'lookaround' && node.behind) {
      const {min, max} = widths.of(node.body);
      if (min > MAX_CODE) throw new PythonRegexError('looks too much behind', 'PYTHON_REGEX_INVALID', tree.pattern, -1);
      if (min !== max) throw new PythonRegexError('look-behind requires fixed-width pattern', 'PYTHON_REGEX_INVALID', tree.pattern, -1);
    }
    switch (node.kind) {
      case 'sequence':
        node.items.forEach(visit);
        break;
      case 'alternation':
        node.branches.forEach(visit);
        break;
      case 'group':
      case 'lookaround':
      case 'atomic':
      case 'repeat':
        visit(node.body);
        break;
      case 'conditional':
        visit(node.yes);
        if (node.no) visit(node.no);
        break;
    }
  }
}
