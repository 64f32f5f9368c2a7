// How every command words an operating-system error: `permission denied
// (EACCES)`. Reading and writing differ only where a code means another thing
// (ENOENT: the file is missing when reading, its folder when writing).

export type FileAction = 'read' | 'write';

const WORDING: Record<string, string | Partial<Record<FileAction, string>>> = {
  ENOENT: {read: 'no such file', write: 'the folder does not exist'},
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'the path is a folder',
  EIO: {read: 'input/output error'},
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EDQUOT: 'disk quota exceeded',
};

/** `wording (CODE)`, or undefined for a code the table does not word. */
export function systemErrorText(code: string | undefined, action: FileAction): string | undefined {
  if (code === undefined || !Object.hasOwn(WORDING, code)) return undefined;
  const entry = WORDING[code];
  const wording = typeof entry === 'string' ? entry : entry[action];
  return wording === undefined ? undefined : `${wording} (${code})`;
}

/** The wording of a read failure; a code the table does not word is named as it is. */
export function readErrorText(code: string): string {
  return systemErrorText(code, 'read') ?? `system error (${code})`;
}
