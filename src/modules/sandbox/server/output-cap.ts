import { StringDecoder } from "node:string_decoder";

/**
 * Captures one output stream of a command: keeps its first `keepBytes`, forwards what it keeps to
 * an optional listener, and counts everything so the caller can stop a command that floods.
 * Both adapters use it, so the agent sees the same cap whichever sandbox runs.
 */
export class OutputCap {
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private readonly decoder = new StringDecoder("utf8");
  /** Every byte the command wrote to this stream, kept or not. */
  totalBytes = 0;

  constructor(
    private readonly keepBytes: number,
    private readonly listener?: (chunk: string) => void,
  ) {}

  get truncated(): boolean {
    return this.totalBytes > this.keptBytes;
  }

  push(chunk: Buffer | string): void {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    this.totalBytes += bytes.length;
    const room = this.keepBytes - this.keptBytes;
    if (room <= 0) return;
    const part = bytes.length > room ? bytes.subarray(0, room) : bytes;
    this.kept.push(part);
    this.keptBytes += part.length;
    if (this.listener) {
      const text = this.decoder.write(part);
      // A listener that throws must not break the capture (or the command).
      if (text) safely(() => this.listener?.(text));
    }
  }

  /** The kept text; a multi-byte character cut by the cap is dropped, not mangled. */
  text(): string {
    const buffer = Buffer.concat(this.kept);
    return buffer.subarray(0, completeUtf8Length(buffer)).toString("utf8");
  }
}

function safely(fn: () => void) {
  try {
    fn();
  } catch {
    // the listener's problem, not the command's
  }
}

/** Length of `buffer` without a trailing incomplete UTF-8 sequence. */
function completeUtf8Length(buffer: Buffer): number {
  let start = buffer.length - 1;
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (start >= 0 && start > buffer.length - 4 && (buffer[start]! & 0xc0) === 0x80) start--;
  if (start < 0) return buffer.length;
  const lead = buffer[start]!;
  const needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buffer.length - start >= needed ? buffer.length : start;
}
