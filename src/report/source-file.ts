// The `source_file` a report names: an input path written as the reference
// writes it, `str(pathlib.Path(value))`, which drops `.` parts, repeated and
// trailing slashes (keeping POSIX's special leading `//`).

/** `str(PurePosixPath(path))`. */
export function pythonPathText(path: string): string {
  const root = path.startsWith('//') && !path.startsWith('///') ? '//' : path.startsWith('/') ? '/' : '';
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  const text = root + parts.join('/');
  return text === '' ? '.' : text;
}

/** `source_file` for the inputs as given: each as Python prints the path, `-` for stdin, several joined by `, `. */
export function sourceFileLabel(inputs: readonly string[]): string {
  return inputs.map((input) => (input === '-' ? '-' : pythonPathText(input))).join(', ');
}
