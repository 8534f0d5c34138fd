/**
 * Parquet files that declare more than they hold (issue 11, item 11): an 864-byte file declaring a 2 GiB page cost
 * 2.1 GB before these checks. Each case is a small file written by hyparquet-writer, then rebuilt with one page or one
 * declaration replaced; the review must name the file and the declaration, allocate nothing of that size, and read
 * the other files on.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, type FileMetaData, type PageHeader } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { deltaBinaryPack } from 'hyparquet-writer/src/delta.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import type { Trajectory } from '../../src/rollout/trajectory';
import { trlFormat } from '../../src/rollout/formats/trl';
import { reviewRollout } from '../../src/rollout/review';
import { tempDir, writeJsonl } from './helpers';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PAR1 = 0x31524150;

/** A small TRL completions table, as hyparquet-writer writes it (one data page a column, no dictionary). */
function completions(codec: 'SNAPPY' | 'UNCOMPRESSED'): ArrayBuffer {
  return parquetWriteBuffer({
    codec,
    columnData: [
      { name: 'prompt', data: ['user\nWhat is 6*7?\nassistant\n', 'user\nWhat is 6*8?\nassistant\n'], type: 'STRING' },
      { name: 'completion', data: ['42', ''], type: 'STRING' },
      { name: 'reward', data: [1, 0], type: 'DOUBLE' },
    ],
  });
}

interface Edit {
  /** The column whose first page is replaced. */
  column: string;
  header: PageHeader;
  bytes: Uint8Array;
  /** A last change to the rebuilt footer. */
  metadata?: (metadata: FileMetaData) => void;
}

/** `original` rebuilt with the first page of one column replaced, the column chunks' offsets and sizes updated. */
function rebuilt(original: ArrayBuffer, edit: Edit): Buffer {
  const metadata = parquetMetadata(original);
  const writer = new ByteWriter();
  writer.appendUint32(PAR1);
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data!;
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      let bytes = new Uint8Array(original, start, Number(meta.total_compressed_size));
      if (meta.path_in_schema.join('.') === edit.column) {
        const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
        const header = parquetHeader(reader);
        const page = new ByteWriter();
        writePageHeader(page, edit.header);
        page.appendBytes(edit.bytes);
        page.appendBytes(bytes.subarray(reader.offset + header.compressed_page_size));
        bytes = new Uint8Array(page.getBuffer());
      }
      meta.dictionary_page_offset = undefined;
      meta.data_page_offset = BigInt(writer.offset);
      meta.total_compressed_size = BigInt(bytes.length);
      meta.statistics = undefined;
      writer.appendBytes(bytes);
    }
  }
  edit.metadata?.(metadata);
  const footer = writer.offset;
  writeMetadata(writer, metadata);
  writer.appendUint32(writer.offset - footer);
  writer.appendUint32(PAR1);
  return Buffer.from(writer.getBuffer());
}

/** The first page of `column` in `original`: its header and its bytes. */
function firstPage(original: ArrayBuffer, column: string): { header: PageHeader; bytes: Uint8Array } {
  const chunk = parquetMetadata(original).row_groups[0].columns.find((c) => c.meta_data!.path_in_schema[0] === column)!.meta_data!;
  const reader = { view: new DataView(original, Number(chunk.data_page_offset)), offset: 0 };
  const header = parquetHeader(reader);
  return { header, bytes: new Uint8Array(original, Number(chunk.data_page_offset) + reader.offset, header.compressed_page_size) };
}

/** A data page v1 of one value, whose levels and values are `bytes`. */
function pageV1(bytes: Uint8Array, encoding: 'PLAIN' | 'DELTA_BYTE_ARRAY' = 'PLAIN', values = 1): PageHeader {
  return {
    type: 'DATA_PAGE',
    uncompressed_page_size: bytes.length,
    compressed_page_size: bytes.length,
    data_page_header: { num_values: values, encoding, definition_level_encoding: 'RLE', repetition_level_encoding: 'RLE' },
  };
}

async function read(name: string, bytes: Buffer) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const trajectories: Trajectory[] = [];
  const skipped: [string, string][] = [];
  await trlFormat.read(path, name, { trajectory: (t) => trajectories.push(t), skip: (where, message) => skipped.push([where, message]) });
  return { trajectories, skipped };
}

describe('a parquet file that declares more than it holds', () => {
  it('reads the file the attacks are built from', async () => {
    const original = completions('SNAPPY');
    const { trajectories, skipped } = await read('healthy.parquet', rebuilt(original, { column: 'reward', ...firstPage(original, 'reward') }));
    expect(skipped).toEqual([]);
    expect(trajectories.map((t) => [t.response, t.reward])).toEqual([['42', 1], ['', 0]]);
  });

  it('is a notice, without allocating, when a page declares 2 GiB uncompressed', async () => {
    const original = completions('SNAPPY');
    const page = firstPage(original, 'completion');
    const attack = rebuilt(original, { column: 'completion', header: { ...page.header, uncompressed_page_size: 2 ** 31 - 1 }, bytes: page.bytes });
    expect(attack.length).toBeLessThan(1024);
    const before = process.memoryUsage().arrayBuffers;
    const { trajectories, skipped } = await read('bomb.parquet', attack);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    expect(trajectories).toEqual([]);
    expect(skipped).toEqual([
      ['bomb.parquet', "cannot read parquet: page 1 of column 'completion' of row group 1 (uncompressed) declares 2.0 GB, over the 32.0 MB limit"],
    ]);
  });

  it.each([
    [
      'a dictionary of a billion values',
      () => ({ header: { type: 'DICTIONARY_PAGE', uncompressed_page_size: 4, compressed_page_size: 4, dictionary_page_header: { num_values: 1e9, encoding: 'PLAIN' } }, bytes: new Uint8Array(4) }),
      "page 1 of column 'completion' of row group 1 declares 1,000,000,000 values, over the 4,194,304 values limit",
    ],
    [
      'a run-length run of 2^30 definition levels in a page of one value',
      // Definition levels: a 4-byte length, then one run (varint 2^30 << 1) of the value 1; then the value, PLAIN.
      () => {
        const bytes = new Uint8Array([6, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x08, 1, 2, 0, 0, 0, 0x34, 0x32]);
        return { header: pageV1(bytes), bytes };
      },
      "page 1 of column 'completion' of row group 1 has a run of 1,073,741,824 values in a page of 1",
    ],
    [
      'DELTA_BYTE_ARRAY prefixes that rebuild a gigabyte from a few bytes',
      () => {
        const page = new ByteWriter();
        page.appendBytes(new Uint8Array([2, 0, 0, 0, 0x04, 1])); // definition levels: a run of 2 present values
        deltaBinaryPack(page, [0, 2 ** 30], 'INT32'); // prefixes: the second reaches far past the first value
        deltaBinaryPack(page, [1, 1], 'INT32'); // suffixes
        page.appendBytes(new Uint8Array([0x61, 0x62]));
        const bytes = new Uint8Array(page.getBuffer());
        return { header: pageV1(bytes, 'DELTA_BYTE_ARRAY', 2), bytes };
      },
      "page 1 of column 'completion' of row group 1 has a DELTA_BYTE_ARRAY value whose prefix is not part of the value before",
    ],
  ])('is a notice when a page declares %s', async (_name, page, message) => {
    const { header, bytes } = page();
    const { skipped } = await read('page.parquet', rebuilt(completions('UNCOMPRESSED'), { column: 'completion', header: header as PageHeader, bytes }));
    expect(skipped).toEqual([['page.parquet', `cannot read parquet: ${message}`]]);
  });

  it('is a notice when a column chunk or the footer declares bytes the file does not have', async () => {
    const original = completions('SNAPPY');
    const chunk = rebuilt(original, {
      column: 'reward',
      ...firstPage(original, 'reward'),
      metadata: (m) => (m.row_groups[0].columns[1].meta_data!.total_compressed_size = 2n ** 40n),
    });
    expect((await read('chunk.parquet', chunk)).skipped).toEqual([
      ['chunk.parquet', expect.stringMatching(/^cannot read parquet: column 'completion' of row group 1 declares bytes \d+ to 1099511627\d+, outside the file's data \(4 to \d+\)$/)],
    ]);
    const footer = Buffer.from(original);
    footer.writeUInt32LE(100 * 1024 * 1024, footer.length - 8);
    expect((await read('footer.parquet', footer)).skipped).toEqual([
      ['footer.parquet', expect.stringMatching(/^cannot read parquet: footer declares 100.0 MB in a file of \d+ B$/)],
    ]);
  });

  it('names the file in the review and reads the other files on', async () => {
    const original = completions('SNAPPY');
    const page = firstPage(original, 'completion');
    mkdirSync(join(dir, 'run', 'completions'), { recursive: true });
    writeFileSync(join(dir, 'run', 'completions', 'completions_00001.parquet'), rebuilt(original, { column: 'completion', header: { ...page.header, uncompressed_page_size: 2 ** 31 - 1 }, bytes: page.bytes }));
    writeFileSync(join(dir, 'run', 'completions', 'completions_00002.parquet'), Buffer.from(original));
    writeJsonl(join(dir, 'run', 'native.jsonl'), [{ prompt: 'p', response: 'r', reward: 1 }]);
    const report = await reviewRollout({ inputs: ['run'], cwd: dir, inputFormat: 'auto', config: { checks: {} } });
    expect(report.trajectories).toBe(3);
    expect(report.notices).toEqual([
      { path: 'run/completions/completions_00001.parquet', message: expect.stringMatching(/^skipped: cannot read parquet: page 1 of column 'completion' .* declares 2.0 GB, over the 32.0 MB limit$/) },
    ]);
  });
});
