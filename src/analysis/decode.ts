import type { LanguageId } from './files';

/**
 * Source files as text, whatever their encoding: a file that is skipped as undecodable is one a pull request can
 * hide code in. The bytes are read as the language's own tools read them, where they say how:
 * - a byte-order mark says UTF-8, UTF-16LE or UTF-16BE (TypeScript reads all three; Python the UTF-8 one);
 * - without one, a file whose first 8 KB have a zero in every other byte is UTF-16 (code is mostly ASCII);
 * - valid UTF-8 is UTF-8 (Python's default, and what Node and tsc assume);
 * - otherwise, in Python, the coding declaration of line 1 or 2 (PEP 263: `# -*- coding: latin-1 -*-`) names the
 *   codec; JavaScript and TypeScript are read as Node and tsc read them, an invalid byte as U+FFFD; Python with no
 *   usable declaration (which Python itself refuses to run) as Latin-1, one character a byte, with a note saying so.
 * Every file decodes: a binary file becomes text that the prefilter passes over.
 */
export interface DecodedSource {
  text: string;
  /** Why the reader should know how the file was read (it would not run as it is). */
  note?: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** One decoder for every file (a decoder keeps no state between whole-buffer calls): throws on invalid UTF-8. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** How much of the file the UTF-16 guess looks at: as much as git looks at to call a file binary. */
const SNIFF_BYTES = 8000;

export function decodeSource(bytes: Buffer, language: LanguageId): DecodedSource {
  const utf16 = utf16Order(bytes);
  if (utf16) return { text: decodeUtf16(bytes.subarray(utf16.bom ? 2 : 0), utf16.littleEndian) };
  const body = UTF8_BOM.every((byte, i) => bytes[i] === byte) ? bytes.subarray(3) : bytes;
  try {
    return { text: STRICT_UTF8.decode(body) };
  } catch {
    // Not UTF-8: below.
  }
  if (language !== 'python') return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body) };
  const declared = codingDeclaration(body);
  const decoder = declared === undefined ? undefined : textDecoder(declared);
  if (decoder) return { text: decoder.decode(body) };
  const why = declared === undefined ? 'no coding declaration' : `an unknown coding '${declared}'`;
  return { text: body.toString('latin1'), note: `not valid UTF-8 and ${why}, so Python would not run it: analyzed as Latin-1` };
}

/** UTF-16 by its byte-order mark, or by the zeros of ASCII text in UTF-16 (nearly all of one byte of each pair). */
function utf16Order(bytes: Buffer): { littleEndian: boolean; bom: boolean } | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { littleEndian: true, bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { littleEndian: false, bom: true };
  const units = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
  // Either side needs zeros, and most files have none: one native search instead of a count.
  if (bytes.subarray(0, 2 * units).indexOf(0) === -1) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < units; i++) {
    if (bytes[2 * i] === 0) evenZeros++;
    if (bytes[2 * i + 1] === 0) oddZeros++;
  }
  // Binary data has zeros on both sides; UTF-16 text on one side only, beside the ASCII characters.
  const quiet = (zeros: number) => zeros <= units / 100;
  if (units >= 2 && oddZeros >= units / 2 && quiet(evenZeros)) return { littleEndian: true, bom: false };
  if (units >= 2 && evenZeros >= units / 2 && quiet(oddZeros)) return { littleEndian: false, bom: false };
  return undefined;
}

function decodeUtf16(bytes: Buffer, littleEndian: boolean): string {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  // TextDecoder's UTF-16BE needs ICU, which a Node may be built without: the bytes are swapped (a copy) instead.
  return new TextDecoder('utf-16le').decode(littleEndian ? even : Buffer.from(even).swap16());
}

/** PEP 263: a comment on line 1, or on line 2 after a comment or blank line 1, that matches this. */
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

function codingDeclaration(bytes: Buffer): string | undefined {
  const [first, second = ''] = bytes.subarray(0, 1024).toString('latin1').split(/\r\n?|\n/, 2);
  const declared = CODING.exec(first) ?? (/^[ \t\f]*(?:#.*)?$/.test(first) ? CODING.exec(second) : null);
  return declared?.[1].toLowerCase();
}

/** Python's codec names mostly are WHATWG labels too; its spellings of Latin-1 are not, and are read exactly. */
const LATIN_1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'iso-latin-1', 'l1', 'latin', '8859', 'cp819']);

function textDecoder(codec: string): { decode: (bytes: Buffer) => string } | undefined {
  const name = codec.replace(/_/g, '-');
  if (LATIN_1.has(name)) return { decode: (bytes) => bytes.toString('latin1') };
  for (const label of [codec, name]) {
    try {
      return new TextDecoder(label);
    } catch {
      // Not a label TextDecoder knows: try the next spelling.
    }
  }
  return undefined;
}
