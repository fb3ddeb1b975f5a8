/**
 * A result column's type text (`ColumnInfo.type`, Flink's display form) read back into a tree, so nested values can
 * be shown by their element and field types: `ARRAY<DOUBLE>` elements as Java prints doubles (`[1.5, 2.0]`),
 * `ROW<\`a\` FLOAT, \`b\` MAP<STRING, DOUBLE>>` field by field. Only what display needs: the name of each type and
 * its element, key/value or field types; anything it cannot read is a leaf with the text as its name.
 */
export interface DisplayType {
  /** The type's text without its `<…>` part: `DOUBLE`, `DECIMAL(10, 2)`, `TIMESTAMP(3) *ROWTIME*`, `ARRAY`. */
  readonly name: string;
  /** ARRAY / MULTISET: [element]; MAP: [key, value]; ROW: its fields' types in order. */
  readonly children: readonly DisplayType[];
}

const parsed = new Map<string, DisplayType>();

/** The tree of `text` (cached: a table asks once per cell). */
export function displayType(text: string): DisplayType {
  let type = parsed.get(text);
  if (!type) {
    type = new TypeTextReader(text).read();
    if (parsed.size > 1000) parsed.clear();
    parsed.set(text, type);
  }
  return type;
}

class TypeTextReader {
  private at = 0;

  constructor(private readonly text: string) {}

  read(): DisplayType {
    try {
      return this.type();
    } catch {
      return { name: this.text, children: [] };
    }
  }

  private type(): DisplayType {
    this.skipSpaces();
    const name = this.nameText();
    if (this.text[this.at] !== '<') return { name, children: [] };
    this.at++;
    const children: DisplayType[] = [];
    for (;;) {
      this.skipSpaces();
      if (name === 'ROW') this.fieldName();
      children.push(this.type());
      this.skipSpaces();
      const c = this.text[this.at++];
      if (c === '>') break;
      if (c !== ',') throw new Error(`unexpected ${c ?? 'end'} in type text`);
    }
    this.nameText(); // a suffix such as ` NOT NULL`
    return { name, children };
  }

  /** Text up to `<`, `,` or `>` outside parentheses (`DECIMAL(10, 2)` keeps its comma). */
  private nameText(): string {
    const start = this.at;
    let depth = 0;
    for (; this.at < this.text.length; this.at++) {
      const c = this.text[this.at];
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (depth === 0 && (c === '<' || c === ',' || c === '>')) break;
    }
    return this.text.slice(start, this.at).trim();
  }

  /** A ROW field's name: backquoted (a doubled backquote inside), or a plain word. */
  private fieldName(): void {
    if (this.text[this.at] === '`') {
      for (this.at++; this.at < this.text.length; this.at++) {
        if (this.text[this.at] !== '`') continue;
        if (this.text[this.at + 1] === '`') this.at++;
        else break;
      }
      this.at++;
      return;
    }
    while (this.at < this.text.length && this.text[this.at] !== ' ') this.at++;
  }

  private skipSpaces(): void {
    while (this.text[this.at] === ' ') this.at++;
  }
}
