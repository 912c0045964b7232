import 'reflect-metadata';
import { resolve } from 'node:path';
import { activeRegisteredUnit, isMysql, runMain } from '@credit/shared';
import { openRecordsDatabase } from '../entities';
import { loadRecordsEnv } from '../env';
import { MAX_IMPORT_BATCH_ROWS, SubmissionService } from '../submission/submission.service';
import { importRecords } from './importer';
import { platformEntitiesDirectory } from './importPlatform';
import { formatOf, SOURCE_ENCODINGS, type SourceEncoding } from './sourceFile';
import { EXPORT_FLAVOURS, writeNationalExport, type ExportFlavour } from './nationalExport';
import { writeSampleCsv } from './sampleCsv';

const USAGE = `usage:
  importCli --unit <unitCode> --file <file> [--format csv|xlsx|jsonl] [--encoding utf8|gb18030] [--rejects <file>]
            [--domains D07,D14] [--region 520100] [--batch 10000] [--writers 2]
  importCli --generate <rows> --file <out.csv> [--domains D07]      writes a sample 双公示 CSV
  importCli --generate <rows> --file <out> --flavour csv-utf8-bom|csv-utf8|csv-gb18030|xlsx [--tag T]
            writes a national 双公示 penalty export as office software does, with the messes of real files

The format follows the file's extension (.xlsx, .jsonl, else CSV); a text file's encoding is detected
(a BOM or valid UTF-8, else GB18030) unless --encoding is given. Rows without a region get the unit's
registered region (--region overrides it).

The unit's domains come from the entities register (ENTITIES_URL, else ENTITIES_PORT on this machine,
as the services read them) unless --domains is given; the domain catalogue always comes from entities.
Writes go straight to the records database (DB_URL or DATA_DIR), through the same validation and
transactions as submitRecords. An entities service of another platform than that database's is refused.`;

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"\n${USAGE}`);
    out[a.slice(2)] = argv[i + 1] ?? '';
    i++;
  }
  return out;
}

runMain('import', async () => {
  const a = args(process.argv.slice(2));
  if (!a.file) throw new Error(USAGE);
  const domainsArg = a.domains
    ? a.domains
        .split(',')
        .map((d) => d.trim().toUpperCase())
        .filter(Boolean)
    : undefined;
  if (a.generate) {
    const rows = Number(a.generate);
    if (!Number.isInteger(rows) || rows < 1) throw new Error('--generate needs a positive row count');
    if (a.flavour) {
      if (!(EXPORT_FLAVOURS as readonly string[]).includes(a.flavour))
        throw new Error(`--flavour must be one of ${EXPORT_FLAVOURS.join(', ')}`);
      const exp = await writeNationalExport(resolve(a.file), {
        rows,
        flavour: a.flavour as ExportFlavour,
        tag: a.tag ?? String(Date.now()),
        subjects: Math.max(200, Math.floor(rows / 5)),
      });
      process.stderr.write(
        `wrote ${exp.rows} rows to ${a.file}: ${exp.records} decisions, ${exp.corrections} corrections further down, ${exp.identicalRepeats} identical repeats, ${exp.notPunished} 不予处罚 (to exclude), ${exp.nearMisses} worded close to 不予处罚 yet punished, ${exp.rejectedRows.length} rows to reject\n`,
      );
      return;
    }
    await writeSampleCsv(resolve(a.file), {
      rows,
      domainCode: domainsArg?.[0] ?? 'D07',
      tag: a.tag ?? String(Date.now()),
    });
    process.stderr.write(`wrote ${rows} rows to ${a.file}\n`);
    return;
  }
  if (!a.unit) throw new Error(USAGE);
  if (a.format && !['csv', 'xlsx', 'jsonl'].includes(a.format)) throw new Error('--format must be csv, xlsx or jsonl');
  const format = formatOf(a.file, a.format);
  if (a.encoding && !(SOURCE_ENCODINGS as readonly string[]).includes(a.encoding))
    throw new Error(`--encoding must be one of ${SOURCE_ENCODINGS.join(', ')}`);
  const encoding = a.encoding as SourceEncoding | undefined;
  // The rejects file is the source file's rows and columns (rejectsFile.ts): same format, to be fixed and sent back.
  if (a.rejects && formatOf(a.rejects) !== format)
    throw new Error(`--rejects must be a .${format} file, as the source is: it holds the source's rows and columns`);
  if (a.region && !/^52\d{4}$/.test(a.region)) throw new Error('--region must be a Guizhou region code (52xxxx)');

  const batchSize = a.batch ? Number(a.batch) : undefined;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_IMPORT_BATCH_ROWS)) {
    throw new Error(`--batch must be a row count from 1 to ${MAX_IMPORT_BATCH_ROWS}`);
  }

  const writersArg = a.writers ? Number(a.writers) : undefined;
  if (writersArg !== undefined && (!Number.isInteger(writersArg) || writersArg < 1 || writersArg > 4))
    throw new Error('--writers must be 1 to 4');

  const env = loadRecordsEnv(process.env);
  const directory = await platformEntitiesDirectory(env);
  let unitDomains = domainsArg;
  let unitRegionCode: string | null = a.region || null;
  if (!unitDomains || !unitRegionCode) {
    const units = await directory.sourceUnits();
    let unit: (typeof units)[number];
    try {
      unit = activeRegisteredUnit(units, a.unit);
    } catch (err) {
      // The services' rule and words; the command adds where it looked and how to do without.
      throw new Error(`${(err as Error).message} (${env.ENTITIES_URL}); pass --domains and --region to override`);
    }
    unitDomains ??= unit.domainCodes;
    unitRegionCode ??= unit.regionCode;
  }
  const db = await openRecordsDatabase(env);
  try {
    const tty = process.stderr.isTTY;
    let lastPrinted = 0;
    const summary = await importRecords(new SubmissionService(db, directory), {
      file: resolve(a.file),
      format,
      encoding,
      batchSize,
      // SQLite has one connection, so one writer; MySQL overlaps two batches' statements.
      writers: isMysql(db) ? (writersArg ?? 2) : 1,
      rejectsFile: a.rejects ? resolve(a.rejects) : undefined,
      submitter: {
        unitCode: a.unit,
        unitDomains: new Set(unitDomains),
        unitRegionCode,
        actor: `import:${a.unit}`,
        channel: 'IMPORT',
      },
      onProgress: (s) => {
        if (!tty && s.rows - lastPrinted < 50_000) return;
        lastPrinted = s.rows;
        process.stderr.write(
          `${tty ? '\r' : ''}${s.rows.toLocaleString('en')} rows  ${s.rowsPerSecond.toLocaleString('en')} rows/s  created ${s.created}  unchanged ${s.unchanged}  rejected ${s.rejected}${tty ? '   ' : '\n'}`,
        );
      },
    });
    if (tty) process.stderr.write('\n');
    if (summary.unknownColumns.length)
      process.stderr.write(`ignored unknown columns: ${summary.unknownColumns.join(', ')}\n`);
    process.stdout.write(
      [
        `imported ${a.file} for ${a.unit} (${db.options.type}; ${summary.format}${summary.encoding ? `, ${summary.encoding}` : ''})`,
        `  rows       ${summary.rows}`,
        `  created    ${summary.created}`,
        `  updated    ${summary.updated}`,
        `  unchanged  ${summary.unchanged}`,
        `  excluded   ${summary.excluded}`,
        `  rejected   ${summary.rejected}${summary.rejected && a.rejects ? ` (see ${a.rejects})` : ''}`,
        `  region from the unit's register: ${summary.regionDefaulted} rows`,
        `  time       ${summary.seconds.toFixed(1)} s, ${summary.rowsPerSecond} rows/s`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.destroy();
  }
});
