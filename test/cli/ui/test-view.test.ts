import {Chalk} from 'chalk';
import {describe, expect, it} from 'vitest';
import {runningLine} from '../../../src/cli/ui/test-view.js';
import {type CaseResult, planCases} from '../../../src/testing/run.js';
import {parseSuite} from '../../../src/testing/suite.js';
import {REPO_ROOT} from '../capture.js';

const cases = Array.from({length: 30}, (_, n) => `  - name: case ${n}${n === 12 ? '\n    skip: not yet' : ''}`).join('\n');
const suite = parseSuite(`policy: p.yaml\ncases:\n${cases}\n`, 'thirty.test.yaml', {cwd: REPO_ROOT});
const plain = new Chalk({level: 0});

describe('the live view of policy test', () => {
  it('counts against the cases --run selects, less the skipped ones, as the closing line does', () => {
    const planned = planCases([suite], /case 1[0-9]/);
    expect(planned).toHaveLength(10);
    const toRun = planned.filter((item) => item.skipReason === undefined);
    expect(toRun).toHaveLength(9);
    const finished: CaseResult[] = planned.slice(0, 4).map((item) => ({
      case: item.case,
      status: item.skipReason === undefined ? 'passed' : 'skipped',
      skipReason: item.skipReason,
      mismatches: [],
      durationMs: 0,
    }));
    finished[1] = {...finished[1], status: 'failed'};
    expect(runningLine(finished, toRun.length, plain)).toBe('running 3/9  ✓ 2  ✗ 1  ○ 1');
  });
});
