import { Readable } from 'node:stream';

/** Keeps the last lines of a child's output for error messages; also keeps the pipe drained. */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines = 40) {}

  follow(stream: Readable | null): void {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => this.push(chunk));
  }

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  includes(text: string): boolean {
    return this.lines.some((line) => line.includes(text)) || this.partial.includes(text);
  }

  text(): string {
    return [...this.lines, this.partial].filter((line) => line.length > 0).join('\n');
  }
}
