// The Go side of the interop tests: test/interop/go/main.go built against
// Debian's golang-golang-x-mod-dev sources (offline: no module proxy) into a
// folder of the test's own, and run. `whyGoIsMissing()` says why the tests
// must be skipped, or null when Go and the sources are there.
import {execFileSync, spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const X_MOD = process.env.AIGC_GO_X_MOD ?? '/usr/share/gocode/src/golang.org/x/mod';
const SOURCE = fileURLToPath(new URL('./go/main.go', import.meta.url));

/** Why the Go interop tests cannot run here, or null. */
export function whyGoIsMissing(): string | null {
  if (spawnSync('go', ['version']).status !== 0) return '`go` is not installed: apt-get install -y golang-go';
  if (!existsSync(join(X_MOD, 'sumdb', 'note', 'note.go'))) return `Go's x/mod sources are not at ${X_MOD}: apt-get install -y golang-golang-x-mod-dev (or set AIGC_GO_X_MOD)`;
  return null;
}

export type GoRun = (...args: string[]) => {ok: boolean; output: string};

/** Builds the Go program in `work` (minutes the first time; Go caches the build) and returns how to run it. */
export function buildGoInterop(work: string): GoRun {
  const binary = join(work, 'interop');
  const env = {...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', GOWORK: 'off', GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'aigc-go-interop-cache')};
  copyFileSync(SOURCE, join(work, 'main.go'));
  writeFileSync(join(work, 'go.mod'), `module aigc.dev/interop\n\ngo 1.19\n\nrequire golang.org/x/mod v0.7.0\n\nreplace golang.org/x/mod => ${X_MOD}\n`);
  execFileSync('go', ['build', '-o', binary, '.'], {cwd: work, env, stdio: 'pipe'});
  return (...args) => {
    const run = spawnSync(binary, args, {encoding: 'utf8'});
    return {ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim()};
  };
}
