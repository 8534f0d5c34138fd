import { open, type FileHandle } from 'node:fs/promises';
import { parquetMetadata, parquetSchema, type ColumnMetaData, type DecodedArray, type FileMetaData, type PageHeader, type SchemaTree } from 'hyparquet';
import { assembleNested } from 'hyparquet/src/assemble.js';
import { parquetHeader, readPage } from 'hyparquet/src/column.js';
import { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getTreePath } from 'hyparquet/src/schema.js';
import { compressors } from 'hyparquet-compressors';
import { formatBytes } from './lines';
import { checkPageHeader, checkPageRuns, MAX_METADATA_BYTES, MAX_PAGE_HEADER_BYTES, ParquetLimitError } from './parquet-limits';

/**
 * A parquet file read column chunk by column chunk and page by page, never whole: memory follows the pages of the
 * columns asked for, not the file (TRL writes a whole completions table as one row group). hyparquet decodes each
 * page; what a page may allocate is checked against `parquet-limits.ts` first.
 */
export interface ParquetFile {
  handle: FileHandle;
  metadata: FileMetaData;
  schema: SchemaTree;
  /** Where the footer starts: column chunks must end before it. */
  dataEnd: number;
}

/** A file that is not parquet, or that cannot be read; the message does not repeat the path. */
export class ParquetError extends Error {}

const MAGIC = 0x31524150; // "PAR1", little-endian
/** The first read of a page header: most are a few dozen bytes, and the page that follows is read with it when small. */
const HEADER_WINDOW = 64 * 1024;

export async function openParquet(path: string): Promise<ParquetFile> {
  const handle = await open(path);
  try {
    const { size } = await handle.stat();
    if (size < 12) throw new ParquetError(`file of ${formatBytes(size)} is too short for parquet`);
    const tail = await readAt(handle, size - 8, 8);
    const tailView = new DataView(tail.buffer, tail.byteOffset, 8);
    if (tailView.getUint32(4, true) !== MAGIC) throw new ParquetError('not a parquet file (no PAR1 at its end)');
    const metadataLength = tailView.getUint32(0, true);
    if (metadataLength > size - 12) throw new ParquetError(`footer declares ${formatBytes(metadataLength)} in a file of ${formatBytes(size)}`);
    if (metadataLength > MAX_METADATA_BYTES) {
      throw new ParquetLimitError(`footer declares ${formatBytes(metadataLength)}, over the ${formatBytes(MAX_METADATA_BYTES)} limit`);
    }
    const footer = await readAt(handle, size - 8 - metadataLength, metadataLength + 8);
    let metadata: FileMetaData;
    try {
      metadata = parquetMetadata(footer);
    } catch (error) {
      throw new ParquetError(`unreadable footer: ${(error as Error).message}`);
    }
    return { handle, metadata, schema: parquetSchema(metadata), dataEnd: size - 8 - metadataLength };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The file's top-level columns and their types (`DOUBLE`, `BYTE_ARRAY`, `LIST`...), for format detection. */
export function columnTypes(file: ParquetFile): Record<string, string> {
  return Object.fromEntries(file.schema.children.map((c) => [c.element.name, c.children.length ? (c.element.converted_type ?? 'GROUP') : (c.element.type ?? '')]));
}

export type ParquetRow = Record<string, unknown>;

/**
 * Streams the rows of `columns` (top-level names, which must exist) in batches, in file order; `firstRow` is the
 * batch's 0-based index in the file. A batch is as long as the fewest rows any column has decoded and not yet handed
 * on: one page of each column is in memory at a time.
 */
export async function readParquetRows(
  file: ParquetFile,
  columns: readonly string[],
  onRows: (rows: ParquetRow[], firstRow: number) => void | Promise<void>,
): Promise<void> {
  const nodes = columns.map((name) => {
    const node = file.schema.children.find((c) => c.element.name === name);
    if (!node) throw new ParquetError(`no column '${name}'`);
    return node;
  });
  let firstRow = 0;
  for (const [groupIndex, group] of file.metadata.row_groups.entries()) {
    const rows = Number(group.num_rows);
    if (!Number.isSafeInteger(rows) || rows < 0) throw new ParquetError(`row group ${groupIndex + 1} declares ${group.num_rows} rows`);
    const leaves = nodes.map((node) => leavesOf(node).map((path) => new LeafCursor(file, groupIndex, path)));
    let emitted = 0;
    while (emitted < rows) {
      const all = leaves.flat();
      for (const leaf of all) await leaf.fill();
      const ready = Math.min(rows - emitted, ...all.map((leaf) => leaf.complete()));
      if (!ready) {
        const short = all.find((leaf) => !leaf.complete())!;
        throw new ParquetError(`column '${short.name}' ends after ${firstRow + emitted} rows; row group ${groupIndex + 1} declares ${rows}`);
      }
      const batch: ParquetRow[] = Array.from({ length: ready }, () => ({}));
      nodes.forEach((node, index) => {
        const values = columnValues(node, leaves[index], ready);
        const name = node.element.name;
        for (let i = 0; i < ready; i++) batch[i][name] = values[i];
      });
      await onRows(batch, firstRow + emitted);
      emitted += ready;
    }
    firstRow += rows;
  }
}

/** The leaf (physical) columns under a top-level column, as paths in the schema. */
function leavesOf(node: SchemaTree): string[][] {
  return node.children.length ? node.children.flatMap(leavesOf) : [node.path];
}

/** `count` rows of a top-level column: its leaf's values, or its leaves' assembled into lists and structs. */
function columnValues(node: SchemaTree, leaves: LeafCursor[], count: number): unknown[] {
  if (!node.children.length) return leaves[0].take(count);
  const parts = new Map<string, DecodedArray>(leaves.map((leaf) => [leaf.name, leaf.take(count)]));
  assembleNested(parts, node, DEFAULT_PARSERS);
  return parts.get(node.element.name) as unknown[];
}

/** One leaf column of one row group: its pages read one at a time, its decoded rows queued until taken. */
class LeafCursor {
  readonly name: string;
  private readonly schemaPath: SchemaTree[];
  private readonly meta: ColumnMetaData;
  private readonly repeated: boolean;
  private position: number;
  private readonly end: number;
  private dictionary: DecodedArray | undefined;
  private done = false;
  /** Decoded pages not taken yet, and how much of the first was taken. */
  private chunks: DecodedArray[] = [];
  private taken = 0;
  private pages = 0;

  constructor(
    private readonly file: ParquetFile,
    private readonly groupIndex: number,
    path: string[],
  ) {
    this.name = path.join('.');
    const chunk = file.metadata.row_groups[groupIndex].columns.find((c) => c.meta_data?.path_in_schema.join('.') === this.name);
    if (!chunk?.meta_data) throw new ParquetError(`row group ${groupIndex + 1} has no readable column chunk for '${this.name}'`);
    this.meta = chunk.meta_data;
    this.schemaPath = getTreePath(file.schema, path);
    this.repeated = getMaxRepetitionLevel(this.schemaPath) > 0;
    const start = Number(this.meta.dictionary_page_offset || this.meta.data_page_offset);
    const length = Number(this.meta.total_compressed_size);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length) || start < 4 || length < 0 || start + length > file.dataEnd) {
      throw new ParquetLimitError(`${this.where()} declares bytes ${start} to ${start + length}, outside the file's data (4 to ${file.dataEnd})`);
    }
    this.position = start;
    this.end = start + length;
  }

  /** Rows that are whole: the last row of a nested column may go on in the next page. */
  complete(): number {
    const queued = this.chunks.reduce((n, chunk) => n + chunk.length, 0) - this.taken;
    return this.done || !this.repeated ? queued : Math.max(0, queued - 1);
  }

  /** Reads pages until a row is whole, or the chunk ends. */
  async fill(): Promise<void> {
    while (!this.complete() && !this.done) await this.readPage();
  }

  /** The next `count` rows, dropping what is taken. */
  take(count: number): unknown[] {
    const out: unknown[] = [];
    while (out.length < count) {
      const chunk = this.chunks[0];
      const n = Math.min(count - out.length, chunk.length - this.taken);
      for (let i = 0; i < n; i++) out.push(chunk[this.taken + i]);
      this.taken += n;
      if (this.taken === chunk.length) {
        this.chunks.shift();
        this.taken = 0;
      }
    }
    return out;
  }

  private where(): string {
    return `column '${this.name}' of row group ${this.groupIndex + 1}`;
  }

  private async readPage(): Promise<void> {
    if (this.position >= this.end) {
      this.done = true;
      return;
    }
    const what = `page ${++this.pages} of ${this.where()}`;
    const { header, headerLength, window } = await this.readHeader(what);
    const dataStart = this.position + headerLength;
    checkPageHeader(header, this.end - dataStart, what);
    const compressed =
      headerLength + header.compressed_page_size <= window.length
        ? window.subarray(headerLength, headerLength + header.compressed_page_size)
        : await readAt(this.file.handle, dataStart, header.compressed_page_size);
    this.position = dataStart + header.compressed_page_size;
    this.decode(header, compressed, what);
  }

  /** The page header at the current position, read in a window that grows only while the header runs past it. */
  private async readHeader(what: string): Promise<{ header: PageHeader; headerLength: number; window: Uint8Array }> {
    for (let size = HEADER_WINDOW; ; size *= 4) {
      const length = Math.min(size, this.end - this.position);
      const window = await readAt(this.file.handle, this.position, length);
      const reader = { view: new DataView(window.buffer, window.byteOffset, window.byteLength), offset: 0 };
      try {
        return { header: parquetHeader(reader), headerLength: reader.offset, window };
      } catch (error) {
        if (!(error instanceof RangeError) || length < size) throw new ParquetError(`${what} has an unreadable header: ${(error as Error).message}`);
        if (size >= MAX_PAGE_HEADER_BYTES) throw new ParquetLimitError(`${what} has a header over the ${formatBytes(MAX_PAGE_HEADER_BYTES)} limit`);
      }
    }
  }

  /** Decompresses a page, checks its encoded runs, and queues its decoded rows (or keeps it as the dictionary). */
  private decode(header: PageHeader, compressed: Uint8Array, what: string): void {
    const { codec } = this.meta;
    const v2 = header.data_page_header_v2;
    let page: Uint8Array;
    let decoded: PageHeader;
    if (v2) {
      // Levels are never compressed in a v2 page: only the values after them.
      const levels = v2.repetition_levels_byte_length + v2.definition_levels_byte_length;
      const values = compressed.subarray(levels);
      const size = header.uncompressed_page_size - levels;
      page = v2.is_compressed === false || !size ? compressed : concat(compressed.subarray(0, levels), decompressPage(values, size, codec, compressors));
      decoded = { ...header, compressed_page_size: page.length, data_page_header_v2: { ...v2, is_compressed: false } };
    } else {
      page = decompressPage(compressed, header.uncompressed_page_size, codec, compressors);
      decoded = { ...header, compressed_page_size: page.length };
    }
    const bitWidth = (max: number) => 32 - Math.clz32(max);
    checkPageRuns(page, { header, repetitionWidth: bitWidth(getMaxRepetitionLevel(this.schemaPath)), definitionWidth: bitWidth(getMaxDefinitionLevel(this.schemaPath)) }, what);

    const decoder = {
      pathInSchema: this.meta.path_in_schema,
      type: this.meta.type,
      element: this.schemaPath[this.schemaPath.length - 1].element,
      schemaPath: this.schemaPath,
      codec: 'UNCOMPRESSED' as const,
      parsers: DEFAULT_PARSERS,
      compressors,
    };
    const reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
    if (header.type === 'DICTIONARY_PAGE') {
      const { data } = readPage(reader, decoded, decoder, undefined, undefined, 0);
      if (data) this.dictionary = convert(data, decoder);
      return;
    }
    // A nested column's row may go on from the last page: hyparquet appends to that page's rows.
    const last = this.chunks[this.chunks.length - 1];
    const previous = this.repeated && Array.isArray(last) ? last : undefined;
    const { data } = readPage(reader, decoded, decoder, this.dictionary, previous, 0);
    if (data && data !== previous && data.length) this.chunks.push(data);
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  const { bytesRead } = await handle.read(bytes, 0, length, position);
  if (bytesRead < length) throw new ParquetError(`file ends at byte ${position + bytesRead}, before the ${formatBytes(length)} read at ${position}`);
  return bytes;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
