// Lines gathered as text or as bytes already encoded, written out as one
// buffer of UTF-8. The trail writer's linkers add each chained artifact's line
// here: the default one as a string, the link-template one as bytes a worker
// encoded plus the few characters of its link (audit/link-template.ts).
//
// The buffer is sized exactly before anything is written: a batch's lines are
// encoded straight into it, with no joined string (joining a batch into one
// string and encoding that costs several times as much, and a string's length
// is bounded).

const NEWLINE = Uint8Array.of(0x0a);

export class LineBytes {
  private parts: Array<string | Uint8Array> = [];
  private size = 0;

  /** Bytes gathered so far. */
  get length(): number {
    return this.size;
  }

  /** Appends `text` as UTF-8 (as a stream writes a string). */
  text(text: string): void {
    this.parts.push(text);
    this.size += Buffer.byteLength(text, 'utf8');
  }

  /** Appends `bytes` as they are (they must not change until `take`). */
  bytes(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  /** Ends a line. */
  newline(): void {
    this.bytes(NEWLINE);
  }

  /** Everything appended, as one buffer; gathering starts again empty. */
  take(): Buffer {
    const out = Buffer.allocUnsafe(this.size);
    let at = 0;
    for (const part of this.parts) {
      if (typeof part === 'string') at += out.write(part, at, 'utf8');
      else {
        out.set(part, at);
        at += part.length;
      }
    }
    this.parts = [];
    this.size = 0;
    return out;
  }
}
