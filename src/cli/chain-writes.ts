// Appending to a chain file from a command: what goes wrong is an I/O error
// (exit 3) naming the chain file, whichever command was writing to it.
import {ChainFileError, type ChainFileWriter} from '../io/chain-file.js';
import type {PyDict} from '../python/values.js';
import {ioError} from './exit-codes.js';

export async function appendToChainFile(writer: ChainFileWriter, artifact: PyDict): Promise<PyDict> {
  try {
    return await writer.append(artifact);
  } catch (error) {
    if (error instanceof ChainFileError) throw ioError(error.reason, error.path, error);
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined) throw ioError(`cannot append to the chain file (${code})`, writer.path, error);
    throw error;
  }
}
