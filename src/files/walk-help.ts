// What the help of every command that walks folders says of it, in a module of
// its own so that a command's help loads nothing else.

/** What every command taking PATHs says of folder walks in its help (docs/paths.md says more). */
export const WALK_HELP =
  'A folder walk or a glob takes regular files only (never a named pipe, socket or device) and follows a symbolic link only while it stays inside the folder; what it skips it names on stderr, never showing what a link leads to. A path named on the command line is followed wherever it leads, but must still be a regular file: name only paths you trust, and let a walk find the rest.';
