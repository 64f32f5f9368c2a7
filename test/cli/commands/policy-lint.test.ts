// `aigc policy lint` as a CI step and a developer use it: every format on a
// policy with known findings and on a clean one, exit codes, files, folders, globs.
import {existsSync, mkdirSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {XMLParser} from 'fast-xml-parser';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {aigc, EXAMPLE_POLICIES, expectNoStackTrace, expectOneLineError, sharedRuns, tempFolder} from '../command-line.js';
import {CLEAN_POLICY, KNOWN_FINDINGS, POLICY_WITH_FINDINGS, POLICY_WITH_ONE_WARNING} from './policies.js';

const ANSI = /\u001b\[\d+(;\d+)*m/;

let folder: ReturnType<typeof tempFolder>;

beforeAll(() => {
  folder = tempFolder();
  folder.file('bad.yaml', POLICY_WITH_FINDINGS);
  folder.file('clean.yaml', CLEAN_POLICY);
  folder.file('warn.yaml', POLICY_WITH_ONE_WARNING);
  folder.file('multiline.yaml', MULTILINE_FINDING);
  folder.file('broken.yaml', 'policy_version: "1.0"\nroles: [agent\n');
});

/** `roles` written as a block mapping: the finding spans lines 3-4, followed by a blank line. */
const MULTILINE_FINDING = 'policy_version: "1.0"\nroles:\n  planner: yes\n  other: no\n\ndescription: d\n';
afterAll(() => folder.remove());

const shared = sharedRuns();
const lint = (args: string[], env?: Record<string, string>) => shared(['policy', 'lint', ...args], {cwd: folder.path, env});

describe('aigc policy lint -f text', () => {
  it('prints one `file:line:col severity rule message` line per finding and exits 1', async () => {
    const run = await lint(['bad.yaml', '-f', 'text']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(KNOWN_FINDINGS.length);
    KNOWN_FINDINGS.forEach((finding, index) => {
      expect(lines[index]).toMatch(new RegExp(`^bad\\.yaml:${finding.line}:${finding.column} ${finding.severity} ${finding.ruleId} \\S`));
    });
    expect(run.stdout).not.toMatch(ANSI);
  });

  it('prints nothing on stdout for a clean policy and exits 0', async () => {
    const run = await lint(['clean.yaml', '-f', 'text']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('is the format used when stdout is a pipe', async () => {
    const piped = await lint(['bad.yaml']);
    const text = await lint(['bad.yaml', '-f', 'text']);
    expect(piped.stdout).toBe(text.stdout);
  });

  it('closes with a count on stderr, leaving stdout to the findings', async () => {
    const run = await lint(['bad.yaml', '-f', 'text']);
    expect(run.stderr).toMatch(/3 errors, 1 warning/);
  });
});

describe('aigc policy lint -f pretty', () => {
  it('shows each finding with a code frame underlining the offending node, then a summary', async () => {
    const run = await lint(['bad.yaml', '-f', 'pretty']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bad.yaml:9:11 error policy-schema');
    expect(run.stdout).toMatch(/^> {2}9 \| {3}- when: "role == 'agent' and"$/m);
    expect(run.stdout).toMatch(/^ {5}\| {11}\^{21}$/m);
    expect(run.stdout).toContain('bad.yaml:21:18 warning risk-factor-condition');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 3 errors, 1 warning in 1 file');
  });

  it('ends with a check mark for a clean policy and exits 0', async () => {
    const run = await lint(['clean.yaml', '-f', 'pretty']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('✔ 1 file checked, no problems\n');
  });

  it('is not coloured on a pipe', async () => {
    expect((await lint(['bad.yaml', '-f', 'pretty'])).stdout).not.toMatch(ANSI);
  });

  it('is coloured with FORCE_COLOR, even on a pipe', async () => {
    expect((await lint(['bad.yaml', '-f', 'pretty'], {FORCE_COLOR: '1'})).stdout).toMatch(ANSI);
  });

  it('is coloured with --color', async () => {
    expect((await lint(['bad.yaml', '-f', 'pretty', '--color'])).stdout).toMatch(ANSI);
  });

  it('lets NO_COLOR win over FORCE_COLOR', async () => {
    expect((await lint(['bad.yaml', '-f', 'pretty'], {FORCE_COLOR: '1', NO_COLOR: '1'})).stdout).not.toMatch(ANSI);
  });

  it('ignores an empty NO_COLOR', async () => {
    expect((await lint(['bad.yaml', '-f', 'pretty'], {FORCE_COLOR: '1', NO_COLOR: ''})).stdout).toMatch(ANSI);
  });

  it('lets --no-color win over FORCE_COLOR', async () => {
    expect((await lint(['bad.yaml', '-f', 'pretty', '--no-color'], {FORCE_COLOR: '3'})).stdout).not.toMatch(ANSI);
  });
});

describe('aigc policy lint -f json', () => {
  it('reports counts and every finding with its rule id and range', async () => {
    const run = await lint(['bad.yaml', '-f', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({fileCount: 1, errorCount: 3, warningCount: 1, tool: {name: 'aigc'}});
    const findings = report.files[0].findings as Array<{ruleId: string; severity: string; range: {start: {line: number; column: number}}}>;
    expect(findings.map((finding) => [finding.range.start.line, finding.range.start.column, finding.severity, finding.ruleId])).toEqual(
      KNOWN_FINDINGS.map((finding) => [finding.line, finding.column, finding.severity, finding.ruleId]),
    );
  });

  it('reports zero counts for a clean policy and exits 0', async () => {
    const run = await lint(['clean.yaml', '-f', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({fileCount: 1, errorCount: 0, warningCount: 0, files: [{file: 'clean.yaml', findings: []}]});
  });

  it('is what --json prints, uncoloured even when colour is forced', async () => {
    const flag = await lint(['bad.yaml', '--json'], {FORCE_COLOR: '1'});
    const format = await lint(['bad.yaml', '-f', 'json']);
    expect(flag.code).toBe(1);
    expect(flag.stdout).toBe(format.stdout);
    expect(flag.stdout).not.toMatch(ANSI);
  });

  it('refuses --json together with another --format (exit 2)', async () => {
    expectOneLineError(await lint(['bad.yaml', '--json', '-f', 'text']), 2, /--json conflicts with --format text/);
  });
});

describe('aigc policy lint -f sarif', () => {
  it('writes a SARIF 2.1.0 log with rules, levels and regions', async () => {
    const run = await lint(['bad.yaml', '-f', 'sarif']);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.name).toBe('aigc');
    const ruleIds = (sarifRun.tool.driver.rules as Array<{id: string}>).map((rule) => rule.id);
    expect(ruleIds).toEqual(expect.arrayContaining(KNOWN_FINDINGS.map((finding) => finding.ruleId)));
    const results = sarifRun.results as Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: Array<{physicalLocation: {artifactLocation: {uri: string}; region: {startLine: number; startColumn: number}}}>;
    }>;
    expect(results).toHaveLength(KNOWN_FINDINGS.length);
    results.forEach((result, index) => {
      const known = KNOWN_FINDINGS[index];
      expect(result.ruleId).toBe(known.ruleId);
      expect(ruleIds[result.ruleIndex]).toBe(known.ruleId);
      expect(result.level).toBe(known.severity);
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('bad.yaml');
      expect(result.locations[0].physicalLocation.region).toMatchObject({startLine: known.line, startColumn: known.column});
    });
  });

  it('has no results for a clean policy and exits 0', async () => {
    const run = await lint(['clean.yaml', '-f', 'sarif']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).runs[0].results).toEqual([]);
  });
});

describe('a finding whose value spans lines', () => {
  it('ends at the last character of the value in SARIF and GitHub annotations, not at column 1 of the next line', async () => {
    const sarif = JSON.parse((await lint(['multiline.yaml', '-f', 'sarif'])).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region).toEqual({startLine: 3, startColumn: 3, endLine: 4, endColumn: 12});
    const github = (await lint(['multiline.yaml', '-f', 'github'])).stdout;
    expect(github).toMatch(/^::error file=multiline\.yaml,line=3,endLine=4,/m);
  });
});

describe('aigc policy lint -f github', () => {
  it('writes one workflow-command annotation per finding', async () => {
    const run = await lint(['bad.yaml', '-f', 'github']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(KNOWN_FINDINGS.length);
    KNOWN_FINDINGS.forEach((finding, index) => {
      expect(lines[index]).toMatch(new RegExp(`^::${finding.severity} file=bad\\.yaml,line=${finding.line},.*title=${finding.ruleId}::\\S`));
    });
    expect(lines[1]).toContain('line=9,col=11,');
  });

  it('writes nothing for a clean policy and exits 0', async () => {
    const run = await lint(['clean.yaml', '-f', 'github']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
  });
});

describe('aigc policy lint -f junit', () => {
  const parse = (xml: string) => new XMLParser({ignoreAttributes: false, attributeNamePrefix: ''}).parse(xml);

  it('writes one test case per rule and file, failing for each error', async () => {
    const run = await lint(['bad.yaml', '-f', 'junit']);
    expect(run.code).toBe(1);
    const suites = parse(run.stdout).testsuites;
    expect(suites.failures).toBe('3');
    const cases = suites.testsuite.testcase as Array<{name: string; failure?: {type: string; '#text': string}}>;
    const failing = cases.filter((testCase) => testCase.failure !== undefined);
    expect(failing.map((testCase) => testCase.name).sort()).toEqual(
      KNOWN_FINDINGS.filter((finding) => finding.severity === 'error')
        .map((finding) => finding.ruleId)
        .sort(),
    );
    expect(failing.find((testCase) => testCase.name === 'policy-schema')?.failure?.['#text']).toContain('bad.yaml:9:11');
  });

  it('leaves out the rules that never ran on a file that is not YAML, never counting them as passed', async () => {
    const run = await lint(['broken.yaml', 'clean.yaml', '-f', 'junit']);
    expect(run.code).toBe(1);
    const [broken, clean] = parse(run.stdout).testsuites.testsuite as Array<{tests: string; skipped: string; testcase: Array<{name: string; failure?: unknown}>}>;
    expect(broken.testcase.map((testCase) => testCase.name)).toEqual(['file-unreadable', 'yaml-syntax', 'yaml-duplicate-key', 'policy-root-type', 'lint-ignore-invalid']);
    expect(broken.testcase.filter((testCase) => testCase.failure !== undefined).map((testCase) => testCase.name)).toEqual(['yaml-syntax']);
    expect([broken.tests, broken.skipped]).toEqual(['5', '0']);
    // A policy is checked by every policy rule, and never by the suites' rule.
    expect(clean.testcase.map((testCase) => testCase.name)).toContain('guard-syntax');
    expect(clean.testcase.map((testCase) => testCase.name)).not.toContain('suite-invalid');
  });

  it('has no failures for a clean policy and exits 0', async () => {
    const run = await lint(['clean.yaml', '-f', 'junit']);
    expect(run.code).toBe(0);
    expect(parse(run.stdout).testsuites.failures).toBe('0');
  });
});

describe('aigc policy lint --max-warnings', () => {
  it('passes a policy with only warnings by default', async () => {
    const run = await lint(['warn.yaml', '-f', 'text']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^warn\.yaml:9:18 warning risk-factor-condition /);
  });

  it('fails when the warnings exceed N, saying so on stderr', async () => {
    const run = await lint(['warn.yaml', '-f', 'json', '--max-warnings', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('aigc policy lint: 1 warning, more than --max-warnings 0\n');
  });

  it('passes when the warnings are at most N', async () => {
    expect((await lint(['warn.yaml', '--max-warnings', '1'])).code).toBe(0);
  });

  it('refuses a negative or non-numeric N (exit 2)', async () => {
    expect((await lint(['warn.yaml', '--max-warnings', '-1'])).code).toBe(2);
    const run = await lint(['warn.yaml', '--max-warnings', 'many']);
    expect(run.code).toBe(2);
    expectNoStackTrace(run.stderr);
  });
});

describe('aigc policy lint semantic rules', () => {
  const OUTPUT_SCHEMA_REQUIRED = `policy_version: "1.0"
roles: [planner]
conditions:
  structured: {type: boolean, default: false}
post_conditions:
  required: [output_schema_valid]
`;
  const GUARD_SETS_SCHEMA = `${OUTPUT_SCHEMA_REQUIRED}guards:
  - when: {condition: structured}
    then:
      output_schema: {type: object}
`;

  beforeAll(() => {
    folder.file('no-schema.yaml', OUTPUT_SCHEMA_REQUIRED);
    folder.file('guard-schema.yaml', GUARD_SETS_SCHEMA);
    folder.file('old-base.yaml', 'policy_version: "1"\nroles: [a]\nexpiration_date: "2020-01-01"\n');
    folder.file('child-of-old.yaml', 'extends: old-base.yaml\npolicy_version: "2"\nroles: [a]\n');
    folder.file('bom-twice.yaml', '\ufeff\ufeffpolicy_version: "1"\nroles: [a]\n');
  });

  it('says every invocation would fail when output_schema_valid is required and nothing sets output_schema', async () => {
    const run = await lint(['no-schema.yaml', '-f', 'text']);
    expect(run.stdout).toMatch(/^no-schema\.yaml:6:14 error postcondition-without-schema /m);
  });

  it('does not, when a guard can set output_schema', async () => {
    const run = await lint(['guard-schema.yaml', '-f', 'text']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('warns that the policy a file extends has expired, as validate would fail it', async () => {
    const run = await lint(['child-of-old.yaml', '-f', 'text', '--now', '2023-11-14T00:00:00Z']);
    expect(run.stdout).toBe(
      "child-of-old.yaml:1:10 warning date-inactive extends 'old-base.yaml': Policy expired: expiration_date is 2020-01-01, today is 2023-11-14\n",
    );
  });

  it('reads a second byte order mark as content, as validate and the reference do', async () => {
    const run = await lint(['bom-twice.yaml', '-f', 'text']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Additional properties are not allowed \('\\ufeffpolicy_version' was unexpected\)/);
  });
});

describe('aigc policy lint -o FILE', () => {
  it('writes the report to the file, not stdout, and leaves no temporary file', async () => {
    const out = tempFolder();
    try {
      const run = await lint(['bad.yaml', '-f', 'sarif', '-o', join(out.path, 'lint.sarif')]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(JSON.parse(readFileSync(join(out.path, 'lint.sarif'), 'utf8')).runs[0].results).toHaveLength(4);
      expect(readdirSync(out.path)).toEqual(['lint.sarif']);
    } finally {
      out.remove();
    }
  });

  it('replaces an existing report', async () => {
    const out = tempFolder();
    try {
      out.file('report.json', 'old contents that are longer than the new report would ever be '.repeat(100));
      await lint(['clean.yaml', '--json', '-o', join(out.path, 'report.json')]);
      expect(JSON.parse(readFileSync(join(out.path, 'report.json'), 'utf8')).errorCount).toBe(0);
      expect(readdirSync(out.path)).toEqual(['report.json']);
    } finally {
      out.remove();
    }
  });

  it('never colours a report written to a file', async () => {
    const out = tempFolder();
    try {
      await lint(['bad.yaml', '-f', 'pretty', '-o', join(out.path, 'lint.txt')], {FORCE_COLOR: '1'});
      expect(readFileSync(join(out.path, 'lint.txt'), 'utf8')).toContain('bad.yaml:7:13 error precondition-invalid');
    } finally {
      out.remove();
    }
  });

  it('fails with exit 3 naming the file when its folder does not exist', async () => {
    const run = await lint(['clean.yaml', '-o', 'no/such/folder/report.txt']);
    expectOneLineError(run, 3, /no\/such\/folder\/report\.txt: cannot write the report: the folder does not exist/);
    expect(existsSync(join(folder.path, 'no'))).toBe(false);
  });
});

describe('aigc policy lint with folders and globs', () => {
  let tree: ReturnType<typeof tempFolder>;

  beforeAll(() => {
    tree = tempFolder();
    mkdirSync(join(tree.path, 'teams', 'nested'), {recursive: true});
    tree.file('teams/a.yaml', CLEAN_POLICY);
    tree.file('teams/nested/b.yml', POLICY_WITH_ONE_WARNING);
    tree.file('teams/nested/c.yaml', POLICY_WITH_FINDINGS);
    tree.file('teams/notes.txt', 'not a policy: [');
  });
  afterAll(() => tree.remove());

  const filesIn = (stdout: string) => (JSON.parse(stdout).files as Array<{file: string}>).map((entry) => entry.file).sort();

  it('lints every *.yaml and *.yml below a folder, and nothing else', async () => {
    const run = await aigc(['policy', 'lint', 'teams', '--json'], {cwd: tree.path});
    expect(run.code).toBe(1);
    expect(filesIn(run.stdout)).toEqual(['teams/a.yaml', 'teams/nested/b.yml', 'teams/nested/c.yaml']);
  });

  it('expands a quoted glob itself', async () => {
    const run = await aigc(['policy', 'lint', 'teams/**/*.yml', '--json'], {cwd: tree.path});
    expect(run.code).toBe(0);
    expect(filesIn(run.stdout)).toEqual(['teams/nested/b.yml']);
  });

  it('takes several paths at once', async () => {
    const run = await aigc(['policy', 'lint', 'teams/a.yaml', 'teams/nested/b.yml', '-f', 'pretty'], {cwd: tree.path});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 errors, 1 warning in 1 file');
  });

  it('names a glob that matches nothing on stderr, and exits 2 when nothing at all matched', async () => {
    const run = await aigc(['policy', 'lint', 'teams/**/*.json'], {cwd: tree.path});
    expectOneLineError(run, 2, /teams\/\*\*\/\*\.json: no policy files/);
  });
});

describe('the example policies', () => {
  it('lint clean, with no finding at all', async () => {
    const run = await aigc(['policy', 'lint', 'policies/', '--json', '--now', '2026-06-01T00:00:00Z']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.fileCount).toBe(readdirSync(EXAMPLE_POLICIES).filter((name) => name.endsWith('.yaml')).length);
    expect(report.files.filter((file: {findings: unknown[]}) => file.findings.length > 0)).toEqual([]);
  });
});
