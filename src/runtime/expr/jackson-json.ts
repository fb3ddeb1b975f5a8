/**
 * JSON text read as Flink's JSON functions read it (Jackson's ObjectMapper with its defaults): strict RFC 8259
 * syntax (no comments, single quotes, NaN or raw control characters in strings), but a repeated key keeps its last
 * value (in the place of its first) and whatever follows the first complete value is not read (`{"a":1} x` is
 * JSON; a number at the top must be followed by whitespace or the end). Numbers stay text (LosslessNumber), so
 * every digit is kept; objects have no prototype, so any key is a plain member.
 */
import { LosslessNumber } from 'lossless-json';

export class JsonSyntaxError extends Error {}

const LITERALS: readonly (readonly [string, boolean | null])[] = [['true', true], ['false', false], ['null', null]];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJackson(text: string): unknown {
  let at = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at position ${at}${at < text.length ? ` ('${text[at]}')` : ' (end of input)'}`);
  };
  const skipSpace = (): void => {
    while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
  };
  skipSpace();
  if (at === text.length) fail('No content');
  const rootIsNumber = text[at] === '-' || (text[at]! >= '0' && text[at]! <= '9');
  const value = readValue();
  if (rootIsNumber && at < text.length && !/\s/.test(text[at]!)) fail('Expected space separating root-level values');
  return value;

  function readValue(): unknown {
    skipSpace();
    const c = text[at];
    if (c === '{') return readObject();
    if (c === '[') return readArray();
    if (c === '"') return readString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return readNumber();
    for (const [word, literal] of LITERALS) {
      if (text.startsWith(word, at)) {
        at += word.length;
        if (at < text.length && /[\w$]/.test(text[at]!)) fail(`Unrecognized token '${word}${text[at]}'`);
        return literal;
      }
    }
    return fail('Unexpected character');
  }

  function readObject(): Record<string, unknown> {
    const object = Object.create(null) as Record<string, unknown>;
    at++;
    skipSpace();
    if (text[at] === '}') {
      at++;
      return object;
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail('Expected a field name in double quotes');
      const key = readString();
      skipSpace();
      if (text[at] !== ':') fail("Expected ':'");
      at++;
      object[key] = readValue();
      skipSpace();
      if (text[at] === ',') at++;
      else if (text[at] === '}') {
        at++;
        return object;
      } else fail("Expected ',' or '}'");
    }
  }

  function readArray(): unknown[] {
    const array: unknown[] = [];
    at++;
    skipSpace();
    if (text[at] === ']') {
      at++;
      return array;
    }
    for (;;) {
      array.push(readValue());
      skipSpace();
      if (text[at] === ',') at++;
      else if (text[at] === ']') {
        at++;
        return array;
      } else fail("Expected ',' or ']'");
    }
  }

  function readString(): string {
    at++;
    let out = '';
    let start = at;
    for (;;) {
      if (at >= text.length) fail('Unexpected end of input in a string');
      const code = text.charCodeAt(at);
      if (code === 0x22) break;
      if (code < 0x20) fail('Illegal unquoted character in a string');
      if (code !== 0x5c) {
        at++;
        continue;
      }
      out += text.slice(start, at);
      const escape = text[at + 1];
      if (escape === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Illegal unicode escape');
        out += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else if (escape !== undefined && SIMPLE_ESCAPES[escape] !== undefined) {
        out += SIMPLE_ESCAPES[escape];
        at += 2;
      } else {
        fail('Unrecognized character escape');
      }
      start = at;
    }
    out += text.slice(start, at);
    at++;
    return out;
  }

  function readNumber(): LosslessNumber {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (match === null) return fail('Invalid number');
    at += match[0].length;
    if (at < text.length && /[\w.]/.test(text[at]!)) fail('Invalid number');
    return new LosslessNumber(match[0]);
  }
}
