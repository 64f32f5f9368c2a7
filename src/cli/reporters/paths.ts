// How reporters show a file path: relative to the working folder when one is
// given, with forward slashes, so output is the same on every machine.
import path from 'node:path';
import {pathToFileURL} from 'node:url';

/** `file` relative to `cwd` (when given and the file lies below it), with `/` separators. */
export function displayPath(file: string, cwd?: string): string {
  if (cwd === undefined) return toSlashes(file);
  const relative = path.relative(cwd, path.resolve(cwd, file));
  if (relative === '' || path.isAbsolute(relative)) return toSlashes(file);
  return toSlashes(relative);
}

/**
 * A URI for `file` as SARIF wants it: a relative reference (percent-encoded,
 * `/`-separated) for files below `cwd`, else an absolute `file:` URI.
 */
export function artifactUri(file: string, cwd?: string): string {
  const shown = displayPath(file, cwd);
  const outside = shown.startsWith('../') || shown === '..' || path.isAbsolute(shown);
  if (outside && (cwd !== undefined || path.isAbsolute(file))) {
    return pathToFileURL(path.resolve(cwd ?? '/', file)).href;
  }
  return shown.split('/').map(encodeURIComponent).join('/');
}

/** `displayPath`, except that a file outside `cwd` is shown as given rather than as a climb of `../`. */
export function shownPath(file: string, cwd?: string): string {
  const shown = displayPath(file, cwd);
  return shown === '..' || shown.startsWith('../') ? toSlashes(file) : shown;
}

function toSlashes(file: string): string {
  return path.sep === '\\' ? file.replaceAll('\\', '/') : file;
}
