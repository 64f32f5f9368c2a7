// Test files that need a process of their own. The unit tests share their
// worker processes (each file does not pay a fresh Node, vitest and module
// graph), which a file may not rely on when it replaces a module (`vi.mock`)
// or changes the environment a module reads once, when it is first loaded
// (ink's CI detection, oclif's column width). Those files are listed here and
// run isolated; test/architecture/own-process.test.ts finds any that is not.
export const OWN_PROCESS = [
  // Replaces node:fs to watch the trail writer's writes and syncs.
  'test/audit/group-commit.test.ts',
  // Clears CI before ink decides, once, whether it paints every frame.
  'test/cli/verify-progress.test.ts',
  // Widens oclif's messages (test/cli/start/wide-oclif.ts) for the whole process.
  'test/cli/start/parse.test.ts',
];
