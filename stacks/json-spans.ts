/**
 * Where values sit in a JSON text, so a tool can change one value and leave every other byte — spacing,
 * key order, line breaks — as the author wrote it. Only what the switchover needs: the members of the
 * objects in a top-level array.
 */

/** A member of an object: its key, and where its value starts and ends in the text. */
export interface MemberSpan {
  readonly key: string;
  /** The value, parsed. */
  readonly value: unknown;
  /** Offset of the value's first character. */
  readonly start: number;
  /** Offset just past the value's last character. */
  readonly end: number;
}

/** An object element of an array: where its braces are, and its members by key. */
export interface ObjectSpan {
  /** Offset of `{`. */
  readonly start: number;
  /** Offset of `}`. */
  readonly end: number;
  readonly members: ReadonlyMap<string, MemberSpan>;
}

/**
 * The object elements of the top-level array `key` of a JSON object text, with the spans of their
 * members (non-object elements are `undefined`). The text must be valid JSON; this does not check it.
 */
export function arrayElementSpans(text: string, key: string): Array<ObjectSpan | undefined> {
  const scanner = new Scanner(text);
  const top = scanner.object();
  const array = top.members.get(key);
  if (array === undefined || text[array.start] !== '[') return [];
  const elements = new Scanner(text, array.start).elements();
  return elements;
}

class Scanner {
  constructor(private readonly text: string, private at = 0) {}

  /** The object starting at the next non-space character. */
  public object(): ObjectSpan {
    this.space();
    const start = this.at;
    this.expect('{');
    const members = new Map<string, MemberSpan>();
    this.space();
    if (this.text[this.at] === '}') return { start, end: this.at++, members };
    for (;;) {
      this.space();
      const key = JSON.parse(this.text.slice(this.at, this.skipString())) as string;
      this.space();
      this.expect(':');
      this.space();
      const valueStart = this.at;
      const valueEnd = this.skipValue();
      members.set(key, { key, value: JSON.parse(this.text.slice(valueStart, valueEnd)), start: valueStart, end: valueEnd });
      this.space();
      if (this.text[this.at] === '}') return { start, end: this.at++, members };
      this.expect(',');
    }
  }

  /** The elements of the array starting here: objects with their spans, other values as `undefined`. */
  public elements(): Array<ObjectSpan | undefined> {
    this.expect('[');
    const elements: Array<ObjectSpan | undefined> = [];
    this.space();
    if (this.text[this.at] === ']') return elements;
    for (;;) {
      this.space();
      if (this.text[this.at] === '{') {
        elements.push(this.object());
      } else {
        this.skipValue();
        elements.push(undefined);
      }
      this.space();
      if (this.text[this.at] === ']') return elements;
      this.expect(',');
    }
  }

  private skipValue(): number {
    const c = this.text[this.at];
    if (c === '"') return this.skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      this.at++;
      this.space();
      if (this.text[this.at] === close) return ++this.at;
      for (;;) {
        this.space();
        if (c === '{') {
          this.skipString();
          this.space();
          this.expect(':');
          this.space();
        }
        this.skipValue();
        this.space();
        if (this.text[this.at] === close) return ++this.at;
        this.expect(',');
      }
    }
    // A number, true, false or null: up to the next delimiter.
    while (this.at < this.text.length && !/[\s,}\]]/.test(this.text[this.at])) this.at++;
    return this.at;
  }

  private skipString(): number {
    this.expect('"');
    while (this.text[this.at] !== '"') {
      if (this.at >= this.text.length) throw new Error('unterminated string');
      this.at += this.text[this.at] === '\\' ? 2 : 1;
    }
    return ++this.at;
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  private expect(char: string): void {
    if (this.text[this.at] !== char) throw new Error(`expected ${char} at offset ${this.at}`);
    this.at++;
  }
}
