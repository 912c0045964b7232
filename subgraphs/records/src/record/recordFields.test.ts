import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CORRECTABLE_RECORD_FIELDS,
  NATIONAL_COLUMNS_NOT_KEPT,
  RECORD_FIELDS,
  subgraphSchemaFromSdl,
  type RecordFieldSpec,
} from '@credit/shared';
import type { GraphQLInputObjectType, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { getMetadataArgsStorage } from 'typeorm';
import { CSV_COLUMNS, normaliseHeader } from '../import/headers';
import { CONTENT_FIELDS } from '../submission/recordValidation';
import { RecordEntity } from './record.entity';
import { LONG_TEXT_FIELDS } from './recordRows';

/**
 * The field table (shared/src/contracts/recordFields.ts) is the record's one description: the entity,
 * which stays a TypeORM class, and the GraphQL types built from the table must say the same.
 */
const table: readonly RecordFieldSpec[] = RECORD_FIELDS;
const ROOT = join(__dirname, '../../../..');
const sdl = (subgraph: string) =>
  subgraphSchemaFromSdl(readFileSync(join(ROOT, 'subgraphs', subgraph, 'schema.graphql'), 'utf8'));
const fieldsOf = (schema: GraphQLSchema, type: string) =>
  Object.keys((schema.getType(type) as GraphQLObjectType | GraphQLInputObjectType).getFields());

// Columns of a record that are its state, not its decision's content.
const RECORD_OWN_COLUMNS = [
  'id',
  'sourceUnitCode',
  'submittedAt',
  'lagDays',
  'status',
  'repairedAt',
  'repairBasis',
  'revokedAt',
  'revokeReason',
  'underObjection',
  'version',
  'updatedAt',
];

// Optional in a row, always stored: the subject type is inferred from the code, the flag defaults to false.
const ALWAYS_STORED = ['subjectType', 'simplifiedProcedure'];

describe('the record field table', () => {
  const columns = getMetadataArgsStorage().columns.filter((c) => c.target === RecordEntity);

  it('and the entity have the same fields: a column per field, nullable where optional, as long as the table allows', () => {
    const differences: string[] = [];
    for (const f of table) {
      const c = columns.find((x) => x.propertyName === f.name);
      if (!c) {
        differences.push(`${f.name}: no column`);
        continue;
      }
      const optional = f.required !== 'always' && !ALWAYS_STORED.includes(f.name);
      if (!!c.options.nullable !== optional)
        differences.push(
          `${f.name}: nullable ${!!c.options.nullable}, table says ${optional ? 'optional' : 'required'}`,
        );
      if (f.maxLength !== undefined && c.options.type === 'varchar' && c.options.length !== f.maxLength)
        differences.push(`${f.name}: varchar(${String(c.options.length)}), table says ${f.maxLength}`);
      if (f.maxLength !== undefined && c.options.type !== 'varchar' && c.options.type !== 'text')
        differences.push(`${f.name}: a ${String(c.options.type)} column for a text`);
    }
    const known = new Set([...table.map((f) => f.name), ...RECORD_OWN_COLUMNS]);
    for (const c of columns) if (!known.has(c.propertyName)) differences.push(`${c.propertyName}: not in the table`);
    expect(differences).toEqual([]);
  });

  it('gives the stored content, the brief rows and the importer their fields', () => {
    expect(CONTENT_FIELDS).toEqual(table.map((f) => f.name).filter((f) => f !== 'decisionNumber'));
    for (const f of table) expect(LONG_TEXT_FIELDS.includes(f.name)).toBe(f.long);
    for (const f of table)
      for (const h of f.headers) expect([f.name, normaliseHeader(h), !!CSV_COLUMNS[h]]).toEqual([f.name, h, true]);
    for (const h of NATIONAL_COLUMNS_NOT_KEPT) expect(CSV_COLUMNS[h]).toBeNull();
  });

  it('is what the GraphQL types of records and objections expose', () => {
    const records = sdl('records');
    const objections = sdl('objections');
    const names = table.map((f) => f.name);
    expect(fieldsOf(records, 'ViolationRecord')).toEqual(expect.arrayContaining(names));
    expect(fieldsOf(records, 'RecordInput')).toEqual(expect.arrayContaining(names));
    expect(fieldsOf(records, 'RecordChangesInput').sort()).toEqual([...CORRECTABLE_RECORD_FIELDS].sort());
    expect(fieldsOf(objections, 'ObjectionRecordChangesInput').sort()).toEqual([...CORRECTABLE_RECORD_FIELDS].sort());
  });

  it('fails on a difference (the check itself works)', () => {
    const decisionNumber = columns.find((c) => c.propertyName === 'decisionNumber')!;
    expect(decisionNumber.options.length).toBe(table.find((f) => f.name === 'decisionNumber')!.maxLength);
    expect(fieldsOf(sdl('records'), 'ViolationRecord')).not.toContain('noSuchField');
  });
});
