import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Parse, type Entry as ZipEntry } from 'unzipper';

/** How large a workbook may get once unzipped; checked from the zip's directory before any parsing. */
export interface WorkbookLimits {
  /** Sum of the entries' uncompressed sizes. */
  maxInflatedBytes: number;
  /** xl/sharedStrings.xml uncompressed: the reader keeps every shared string in memory. */
  maxSharedStringsBytes: number;
}

// A 100,000-row national export inflates to about 120 MB (its shared strings to about 60 MB).
export const DEFAULT_WORKBOOK_LIMITS: WorkbookLimits = {
  maxInflatedBytes: 256 * 1024 * 1024,
  maxSharedStringsBytes: 128 * 1024 * 1024,
};

/** A workbook refused before it is read: too large unzipped, or not a zip at all. */
export class WorkbookRefused extends Error {}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const MAX_COMMENT = 0xffff;

interface Entry {
  name: string;
  size: number;
}

/** The zip's central directory: every entry's name and declared uncompressed size (zip64 included). */
async function centralDirectory(file: string): Promise<Entry[]> {
  const h = await open(file, 'r');
  try {
    const { size: fileSize } = await h.stat();
    const tailSize = Math.min(fileSize, 22 + MAX_COMMENT + 20);
    const tail = Buffer.alloc(tailSize);
    await h.read(tail, 0, tailSize, fileSize - tailSize);
    let at = -1;
    for (let i = tailSize - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    if (at < 0)
      throw new WorkbookRefused('the file is not an .xlsx workbook (no zip directory); save it again as .xlsx');
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if ((count === 0xffff || dirOffset === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR) {
      const record = Buffer.alloc(56);
      await h.read(record, 0, 56, Number(tail.readBigUInt64LE(at - 20 + 8)));
      if (record.readUInt32LE(0) !== EOCD64) throw new WorkbookRefused("the workbook's zip64 directory is broken");
      count = Number(record.readBigUInt64LE(32));
      dirSize = Number(record.readBigUInt64LE(40));
      dirOffset = Number(record.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > fileSize) throw new WorkbookRefused("the workbook's zip directory is broken");
    const dir = Buffer.alloc(dirSize);
    await h.read(dir, 0, dirSize, dirOffset);
    const entries: Entry[] = [];
    for (let p = 0, n = 0; n < count; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL)
        throw new WorkbookRefused("the workbook's zip directory is broken");
      let size = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
      if (size === 0xffffffff) {
        // The zip64 extra field holds the real size first.
        const extra = dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
        for (let x = 0; x + 4 <= extra.length;) {
          const id = extra.readUInt16LE(x);
          const len = extra.readUInt16LE(x + 2);
          if (id === 0x0001 && len >= 8) size = Number(extra.readBigUInt64LE(x + 4));
          x += 4 + len;
        }
      }
      entries.push({ name, size });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await h.close();
  }
}

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

const SPLIT = 'split it into several files (or save it as CSV)';
const tooLarge = (size: string, limit: number) =>
  new WorkbookRefused(`the workbook unzips to ${size}, more than the ${mib(limit)} an import reads; ${SPLIT}`);
const sharedTooLarge = (size: string, limit: number) =>
  new WorkbookRefused(
    `the workbook's shared strings unzip to ${size}, more than the ${mib(limit)} an import reads; ${SPLIT}`,
  );

/**
 * Inflates every entry as the reader will (unzipper, following the local headers rather than the
 * directory), counting the bytes and keeping none, and stops at the first byte past a limit: a
 * workbook whose directory understates its sizes is refused here, in bounded memory.
 */
async function countInflated(file: string, limits: WorkbookLimits): Promise<void> {
  const entries = createReadStream(file).pipe(Parse({ forceStream: true }));
  let total = 0;
  try {
    for await (const item of entries) {
      const entry = item as ZipEntry;
      const shared = entry.path.toLowerCase() === 'xl/sharedstrings.xml';
      let size = 0;
      for await (const chunk of entry) {
        size += (chunk as Buffer).length;
        total += (chunk as Buffer).length;
        if (total > limits.maxInflatedBytes)
          throw tooLarge(`over ${mib(limits.maxInflatedBytes)} (its zip directory said less)`, limits.maxInflatedBytes);
        if (shared && size > limits.maxSharedStringsBytes)
          throw sharedTooLarge(`over ${mib(limits.maxSharedStringsBytes)}`, limits.maxSharedStringsBytes);
      }
    }
  } catch (err) {
    if (err instanceof WorkbookRefused) throw err;
    throw new WorkbookRefused(`the workbook cannot be unzipped (${(err as Error).message}); save it again as .xlsx`);
  } finally {
    entries.destroy();
  }
}

/**
 * Refuses a workbook that unzips past the limits (a "zip bomb": a 1 MB file whose one cell inflates
 * to 1 GiB) before the reader parses any of it: first from the sizes its directory declares (no
 * inflating), then by inflating it once, counted and discarded, in case the directory lies.
 */
export async function checkWorkbookSize(file: string, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS): Promise<void> {
  const entries = await centralDirectory(file);
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxInflatedBytes) throw tooLarge(mib(total), limits.maxInflatedBytes);
  const shared = entries.find((e) => e.name.toLowerCase() === 'xl/sharedstrings.xml');
  if (shared && shared.size > limits.maxSharedStringsBytes)
    throw sharedTooLarge(mib(shared.size), limits.maxSharedStringsBytes);
  await countInflated(file, limits);
}
