// HMAC keys for signing and verifying. Keys never come from argv: an
// environment variable's UTF-8 value or a file's bytes (one trailing newline
// removed). A key is never printed.
import {readFileSync} from 'node:fs';
import {HmacSigner} from '../audit/signing.js';
import {ioError, usageError} from './exit-codes.js';

type Environment = Readonly<Record<string, string | undefined>>;

export interface KeyFlags {
  'key-env'?: string;
  'key-file'?: string;
}

/** The signer the flags name, or null when neither flag is given. */
export function signerFromFlags(flags: KeyFlags, env: Environment): HmacSigner | null {
  const key = keyFromFlags(flags, env);
  return key ? new HmacSigner(key) : null;
}

/** The key bytes the flags name (for signers in worker threads), or null when neither flag is given. */
export function keyFromFlags(flags: KeyFlags, env: Environment): Buffer | null {
  if (flags['key-env'] !== undefined && flags['key-file'] !== undefined) {
    throw usageError('give either --key-env or --key-file, not both');
  }
  if (flags['key-env'] !== undefined) {
    const value = env[flags['key-env']];
    if (value === undefined || value === '') {
      throw usageError(`--key-env ${flags['key-env']}: the environment variable is not set or empty`);
    }
    return Buffer.from(value, 'utf8');
  }
  if (flags['key-file'] !== undefined) {
    const file = flags['key-file'];
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw ioError(`cannot read the key file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, file, error);
    }
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0a) bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes.length === 0) throw ioError('the key file is empty', file);
    return bytes;
  }
  return null;
}
