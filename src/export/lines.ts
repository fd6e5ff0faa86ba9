import { CONTROL, hex } from './nginxText.ts';

/** Lines of a config, indented four spaces a level; comments are lines too. */
export class Lines {
  readonly out: string[] = [];
  depth = 0;
  put(...lines: string[]): this {
    for (const l of lines) this.out.push(l === '' ? '' : `${'    '.repeat(this.depth)}${l}`);
    return this;
  }
  /** Comment lines; a control character from the scenario (a newline in a header's value) is written \xHH so it cannot end the comment. */
  note(...text: string[]): this {
    return this.put(...text.map((t) => `# ${t.replace(CONTROL, hex)}`));
  }
  open(line: string): this {
    this.put(`${line} {`);
    this.depth++;
    return this;
  }
  /** A section as HAProxy writes them: a heading, its lines indented under it, no braces. */
  section(line: string): this {
    this.depth = 0;
    this.put(line);
    this.depth = 1;
    return this;
  }
  close(): this {
    this.depth--;
    return this.put('}');
  }
  text(): string {
    return `${this.out.join('\n')}\n`;
  }
}
