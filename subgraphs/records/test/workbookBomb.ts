// A zip bomb's directory without the bomb: tests of the workbook size check need no GiB on disk.

/** Rewrites the central directory's uncompressed size of the worksheet to 0xFFFFFFFE bytes. */
export function declareHugeSheet(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  for (let p = 0; p + 46 <= out.length; p++) {
    if (out.readUInt32LE(p) !== 0x02014b50) continue;
    const nameLength = out.readUInt16LE(p + 28);
    if (out.toString('utf8', p + 46, p + 46 + nameLength) === 'xl/worksheets/sheet1.xml') {
      out.writeUInt32LE(0xfffffffe, p + 24);
      return out;
    }
  }
  throw new Error('no worksheet entry in the central directory');
}

/** Rewrites every entry's uncompressed size in the central directory to 1 byte: a directory that lies. */
export function understateSizes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  let found = 0;
  for (let p = 0; p + 46 <= out.length; p++) {
    if (out.readUInt32LE(p) !== 0x02014b50) continue;
    out.writeUInt32LE(1, p + 24);
    found++;
  }
  if (!found) throw new Error('no central directory entry');
  return out;
}
