import type { PageHeader } from 'hyparquet';
import { deltaBinaryUnpack } from 'hyparquet/src/delta.js';
import { readVarInt } from 'hyparquet/src/thrift.js';
import { formatBytes } from './lines';

/**
 * The sizes a parquet file declares, checked before anything of that size is allocated: a file of a few hundred bytes
 * can declare a 2 GiB page, a dictionary of a billion values, or a run-length-encoded run that fills an array of
 * billions. Writers stay far below these limits (pyarrow's pages are 1 MB, its dictionaries 1 MB); a file over one is
 * not read, and the review says which declaration broke it.
 */

/** A page, compressed or not: twice the JSONL line limit, so that one 16 MB response fits in a page. */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024;
/** Values (definition levels, for nested columns) in one page: each takes a slot in an array. */
export const MAX_PAGE_VALUES = 1 << 22;
/** The footer: the schema and the row groups' column chunks. */
export const MAX_METADATA_BYTES = 8 * 1024 * 1024;
/** A page header: a few dozen bytes, up to a few KB with statistics. */
export const MAX_PAGE_HEADER_BYTES = 1024 * 1024;

/** A file whose declarations break a limit, or contradict each other; the message says which. */
export class ParquetLimitError extends Error {}

function limit(what: string, declared: number, max: number, format: (n: number) => string = formatBytes): void {
  if (!(declared <= max)) throw new ParquetLimitError(`${what} declares ${format(declared)}, over the ${format(max)} limit`);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Checks a page header's sizes and counts; `available` is what is left of its column chunk after the header. */
export function checkPageHeader(header: PageHeader, available: number, what: string): void {
  const { compressed_page_size: compressed, uncompressed_page_size: uncompressed } = header;
  if (!Number.isSafeInteger(compressed) || compressed < 0 || !Number.isSafeInteger(uncompressed) || uncompressed < 0) {
    throw new ParquetLimitError(`${what} has a header with negative or missing sizes`);
  }
  limit(`${what} (compressed)`, compressed, MAX_PAGE_BYTES);
  limit(`${what} (uncompressed)`, uncompressed, MAX_PAGE_BYTES);
  if (compressed > available) {
    throw new ParquetLimitError(`${what} declares ${formatBytes(compressed)}, but its column chunk has ${formatBytes(available)} left`);
  }
  const values = header.data_page_header?.num_values ?? header.data_page_header_v2?.num_values ?? header.dictionary_page_header?.num_values ?? 0;
  if (!Number.isSafeInteger(values) || values < 0) throw new ParquetLimitError(`${what} declares ${values} values`);
  limit(`${what}`, values, MAX_PAGE_VALUES, (n) => `${count(n)} values`);
  const v2 = header.data_page_header_v2;
  if (v2) {
    const levels = v2.definition_levels_byte_length + v2.repetition_levels_byte_length;
    if (!(v2.num_nulls <= v2.num_values) || !(v2.num_rows <= v2.num_values) || !(levels <= compressed) || !(levels <= uncompressed)) {
      throw new ParquetLimitError(`${what} has a data page v2 header whose counts or level sizes contradict each other`);
    }
  }
  // A dictionary value takes a byte at least (a bit, for booleans): more values than that are not in the page.
  if (header.dictionary_page_header && values > 8 * uncompressed) {
    throw new ParquetLimitError(`${what} declares a dictionary of ${count(values)} values in ${formatBytes(uncompressed)}`);
  }
}

/** The run-length/bit-packed hybrid streams of a decompressed data page, before they are decoded. */
export interface PageLayout {
  header: PageHeader;
  /** Bit widths of the levels: 0 when the column has none. */
  repetitionWidth: number;
  definitionWidth: number;
}

/**
 * Checks the encoded runs of a decompressed data page: a run-length run that repeats a value more times than the page
 * has values would grow the decoder's array past any bound, and a DELTA_BYTE_ARRAY page can declare prefixes that
 * rebuild gigabytes from a few bytes. `page` is the page's bytes as decoded (levels and values, uncompressed).
 */
export function checkPageRuns(page: Uint8Array, { header, repetitionWidth, definitionWidth }: PageLayout, what: string): void {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const v1 = header.data_page_header;
  const v2 = header.data_page_header_v2;
  const values = v1?.num_values ?? v2?.num_values ?? 0;
  let offset = 0;
  const prefixed = (width: number) => {
    if (!width) return;
    const length = view.getUint32(offset, true);
    checkHybrid(view, offset + 4, length, width, values, what);
    offset += 4 + length;
  };
  if (v1) {
    prefixed(repetitionWidth);
    prefixed(definitionWidth);
  } else if (v2) {
    if (repetitionWidth) checkHybrid(view, 0, v2.repetition_levels_byte_length, repetitionWidth, values, what);
    if (definitionWidth) checkHybrid(view, v2.repetition_levels_byte_length, v2.definition_levels_byte_length, definitionWidth, values, what);
    offset = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
  } else return;
  const encoding = v1?.encoding ?? v2!.encoding;
  if (encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY') {
    checkHybrid(view, offset + 1, page.length - offset - 1, view.getUint8(offset), values, what);
  } else if (encoding === 'RLE') {
    prefixed(1);
  } else if (encoding === 'DELTA_BYTE_ARRAY') {
    checkDeltaByteArray(view, offset, values, what);
  }
}

/** The runs of one hybrid stream: no run-length run past the values the page declares, no bit-packed run past its bytes. */
function checkHybrid(view: DataView, start: number, length: number, width: number, values: number, what: string): void {
  const reader = { view, offset: start };
  const end = Math.min(start + length, view.byteLength);
  let seen = 0;
  while (seen < values && reader.offset < end) {
    const header = readVarInt(reader);
    if (header & 1) {
      const groups = header >>> 1;
      reader.offset += groups * width;
      seen += groups * 8;
      if (reader.offset > end) throw new ParquetLimitError(`${what} has a bit-packed run longer than its data`);
    } else {
      const run = header >>> 1;
      if (seen + run > values) throw new ParquetLimitError(`${what} has a run of ${count(run)} values in a page of ${count(values)}`);
      reader.offset += (width + 7) >> 3;
      seen += run;
    }
  }
}

/** DELTA_BYTE_ARRAY: each value is a prefix of the one before plus a suffix; the prefixes may not reach past it. */
function checkDeltaByteArray(view: DataView, offset: number, values: number, what: string): void {
  const reader = { view, offset };
  const prefixes = new Int32Array(values);
  const suffixes = new Int32Array(values);
  deltaBinaryUnpack(reader, values, prefixes);
  deltaBinaryUnpack(reader, values, suffixes);
  let previous = 0;
  let total = 0;
  for (let i = 0; i < values; i++) {
    if (prefixes[i] < 0 || suffixes[i] < 0 || prefixes[i] > previous) {
      throw new ParquetLimitError(`${what} has a DELTA_BYTE_ARRAY value whose prefix is not part of the value before`);
    }
    previous = prefixes[i] + suffixes[i];
    total += previous;
    if (total > 4 * MAX_PAGE_BYTES) throw new ParquetLimitError(`${what} rebuilds more than ${formatBytes(4 * MAX_PAGE_BYTES)} of values`);
  }
}
