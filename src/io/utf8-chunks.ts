// Text written as UTF-8 into chunks of a fixed, modest size, for output made
// on one thread and written on another (`enforce --threads N`).
//
// Joining a batch's lines into one string makes a string of half a megabyte
// or more: V8 keeps each in fresh pages of its own (its large-object space),
// flattens it again to post it, the receiver copies it into fresh pages once
// more, and the stream copies it a third time to encode it. Each copy touches
// pages the kernel must fault in, and at a few hundred megabytes of output the
// faults cost more than the copies. Chunks of CHUNK_BYTES are below the size
// the allocator serves from fresh mappings, each has an ArrayBuffer of its
// own so it can be transferred rather than copied, and the receiver writes
// the bytes as they are.

/** Bytes a chunk holds; small enough for the allocator to reuse memory, large enough to write in few calls. */
export const CHUNK_BYTES = 64 * 1024;

const encoder = new TextEncoder();
const NEWLINE = 0x0a;

/** UTF-8 bytes appended piece by piece, in chunks of `CHUNK_BYTES` (a piece may span chunks). */
export class Utf8Chunks {
  private readonly full: Buffer[] = [];
  private current: Buffer | null = null;
  private used = 0;

  /** Appends `text` encoded as UTF-8 (as a stream writes a string). */
  append(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes: with that much room the text fits, written in one call.
    if (this.current !== null && this.current.length - this.used >= text.length * 3) {
      this.used += this.current.write(text, this.used);
      return;
    }
    let rest = text;
    while (rest.length > 0) {
      if (this.current === null) this.startChunk();
      // encodeInto writes whole characters only, so a chunk never ends inside one.
      const {read, written} = encoder.encodeInto(rest, this.current!.subarray(this.used));
      this.used += written;
      if (read === rest.length) return;
      // The chunk has no room for the next character: the rest goes on in a new one.
      this.startChunk();
      rest = rest.slice(read);
    }
  }

  /** Appends `text` and a newline. */
  appendLine(text: string): void {
    this.append(text);
    if (this.current === null || this.used === this.current.length) this.startChunk();
    this.current![this.used++] = NEWLINE;
  }

  /** The chunks so far, in order; appending goes on in new ones. */
  take(): Buffer[] {
    if (this.current !== null && this.used > 0) this.full.push(this.current.subarray(0, this.used));
    this.current = null;
    this.used = 0;
    return this.full.splice(0);
  }

  private startChunk(): void {
    if (this.current !== null) this.full.push(this.current.subarray(0, this.used));
    // allocUnsafeSlow: an ArrayBuffer of the chunk's own, never a slice of a shared pool, so it can be transferred.
    this.current = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.used = 0;
  }
}

/** The ArrayBuffers behind `chunks`, to transfer them to another thread. */
export function chunkBuffers(chunks: readonly Uint8Array[]): ArrayBuffer[] {
  return chunks.map((chunk) => chunk.buffer as ArrayBuffer);
}
