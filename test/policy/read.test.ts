// The one policy reader (src/policy/read.ts) that lint, validate and the
// loader share: what it gives for a readable policy, and the typed problem for
// each way a file cannot be one. Each caller's wording is tested where it is
// used (test/policy/lint/rules/, reading.test.ts, the CLI tests).

import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {readRegularFile} from '../../src/files/regular-file.js';
import {loadPolicyFile, MAX_POLICY_BYTES, readPolicyFile} from '../../src/policy/read.js';
import {YamlSyntaxError} from '../../src/policy/yaml.js';
import {temporaryFolder} from '../testing/helpers.js';

let folder: ReturnType<typeof temporaryFolder>;
let server: Server | undefined;
const at = (name: string) => join(folder.path, name);

beforeAll(async () => {
  folder = temporaryFolder();
  writeFileSync(at('good.yaml'), '\ufeffpolicy_version: "1"\nroles: [a]\nroles: [b]\n');
  writeFileSync(at('list.yaml'), '- a\n- a\n');
  writeFileSync(at('broken.yaml'), 'roles: [a\n');
  writeFileSync(at('latin1.yaml'), Buffer.from([0x72, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
  writeFileSync(at('big.yaml'), `roles: ['${'x'.repeat(MAX_POLICY_BYTES)}']\n`);
  mkdirSync(at('folder.yaml'));
  execFileSync('mkfifo', [at('pipe.yaml')]);
  server = createServer();
  await new Promise<void>((listening) => server!.listen(at('socket.yaml'), listening));
});
afterAll(() => {
  server?.close();
  folder.remove();
});

describe('readPolicyFile', () => {
  it('gives the text (a byte order mark kept), the document and the mapping', () => {
    const read = readPolicyFile(at('good.yaml'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.text.startsWith('\ufeff')).toBe(true);
    expect(read.policy).toMatchObject({policy_version: '1', roles: ['b']});
    expect(read.document.duplicateKeys.map((duplicate) => duplicate.key)).toEqual(['roles']);
  });

  it('names a root that is not a mapping, keeping the text and document', () => {
    const read = readPolicyFile(at('list.yaml'));
    expect(read).toMatchObject({ok: false, problem: {reason: 'root-not-mapping'}, text: '- a\n- a\n'});
  });

  it('gives the YAML syntax error with its position, keeping the text', () => {
    const read = readPolicyFile(at('broken.yaml'));
    expect(read).toMatchObject({ok: false, problem: {reason: 'yaml-syntax'}, text: 'roles: [a\n'});
    if (read.ok || read.problem.reason !== 'yaml-syntax') return;
    expect(read.problem.error).toBeInstanceOf(YamlSyntaxError);
    expect((read.problem.error as YamlSyntaxError).range?.start.line).toBe(2);
  });

  it('gives the offset of the first byte that is not UTF-8', () => {
    expect(readPolicyFile(at('latin1.yaml'))).toMatchObject({ok: false, problem: {reason: 'not-utf8', offset: 6}});
  });

  it('refuses a file over the limit with its size, before parsing it', () => {
    expect(readPolicyFile(at('big.yaml'))).toMatchObject({ok: false, problem: {reason: 'too-large', limit: MAX_POLICY_BYTES}});
  });

  it('names a missing file, a folder, a named pipe and a socket', () => {
    expect(readPolicyFile(at('absent.yaml'))).toMatchObject({ok: false, problem: {reason: 'missing', code: 'ENOENT'}});
    expect(readPolicyFile(at('good.yaml/x.yaml'))).toMatchObject({ok: false, problem: {reason: 'missing', code: 'ENOTDIR'}});
    expect(readPolicyFile(at('folder.yaml'))).toMatchObject({ok: false, problem: {reason: 'is-directory'}});
    expect(readPolicyFile(at('pipe.yaml'))).toMatchObject({ok: false, problem: {reason: 'not-regular-file', type: 'named pipe'}});
    expect(readPolicyFile(at('socket.yaml'))).toMatchObject({ok: false, problem: {reason: 'not-regular-file', type: 'socket'}});
  });
});

describe('loadPolicyFile', () => {
  it('throws the loader’s PolicyLoadError, located at the YAML problem in the resolved file', () => {
    expect(() => loadPolicyFile(at('broken.yaml'))).toThrow(
      expect.objectContaining({
        message: 'Policy YAML parsing failed',
        reason: 'yaml-syntax',
        location: {file: at('broken.yaml'), line: 2, column: 1, end: {line: 2, column: 1}},
      }),
    );
  });

  it('words a file it cannot read with the system’s code', () => {
    expect(() => loadPolicyFile(at('folder.yaml'))).toThrow(
      expect.objectContaining({message: 'Policy file could not be read', reason: 'file-unreadable', details: {policy_file: at('folder.yaml'), error: 'EISDIR'}}),
    );
  });
});

describe('readRegularFile', () => {
  it('reads a whole file when no limit is given', () => {
    const read = readRegularFile(at('big.yaml'));
    expect(read.ok && read.bytes.length).toBe(MAX_POLICY_BYTES + 12);
  });

  it('accepts a file of exactly the limit', () => {
    writeFileSync(at('exact'), 'x'.repeat(100));
    expect(readRegularFile(at('exact'), 100)).toMatchObject({ok: true});
    expect(readRegularFile(at('exact'), 99)).toMatchObject({ok: false, problem: {reason: 'too-large', size: 100, limit: 99}});
  });

  it('refuses a device without opening it', () => {
    expect(readRegularFile('/dev/zero')).toMatchObject({ok: false, problem: {reason: 'not-regular-file', type: 'device'}});
  });
});
