// CI runs .ci/run on a clean clone; a script bash cannot parse fails CI
// before a single test runs (as a merge that dropped one `fi` once did).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, chmodSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const script = join(import.meta.dirname, "..", "..", ".ci", "run");

describe(".ci/run", () => {
  it("is a script bash can parse", () => {
    const result = spawnSync("bash", ["-n", script], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("ends with the N passed, N failed line taken from vitest's summary", () => {
    // Run the script's own summary lines against a fake npm that prints a
    // vitest summary, so the line CI reads is checked without a nested run.
    const dir = mkdtempSync(join(tmpdir(), "aigc-ci-run-"));
    const bin = join(dir, "bin");
    execFileSync("mkdir", ["-p", bin, join(dir, ".ci")]);
    const fakeNpm = join(bin, "npm");
    writeFileSync(
      fakeNpm,
      '#!/usr/bin/env bash\nif [ "$1" = test ]; then printf "\\x1b[2m Tests \\x1b[22m 12 passed | 3 failed (15)\\n"; exit 1; fi\nexit 0\n',
    );
    chmodSync(fakeNpm, 0o755);
    // The best-effort installs meet an apt-get and a python3 that fail at once, so only
    // the npm steps and the summary do real work.
    for (const installer of ["apt-get", "python3"]) {
      writeFileSync(join(bin, installer), "#!/usr/bin/env bash\nexit 1\n");
      chmodSync(join(bin, installer), 0o755);
    }
    const body = readFileSync(script, "utf8");
    writeFileSync(join(dir, ".ci", "run"), body);
    const result = spawnSync("bash", [join(dir, ".ci", "run")], {
      encoding: "utf8",
      env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir },
    });
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("12 passed, 3 failed");
    expect(result.status).toBe(1);
  });
});
