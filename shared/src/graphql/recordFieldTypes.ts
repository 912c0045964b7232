import { Field } from 'type-graphql';
import { PLAIN_RECORD_FIELDS, recordField, type RecordFieldSpec } from '../contracts/recordFields';

/**
 * Declares the table's plain record fields (shared/src/contracts/recordFields.ts) on a type-graphql class,
 * as its own `@Field`s would: a String each, in the table's order. An input takes every one as optional;
 * an output type is nullable where the field is optional. `which` narrows them (a correction: correctable).
 * Call it right after the class: the schema is built from the metadata it leaves.
 */
export function declarePlainRecordFields(
  target: abstract new (...args: never[]) => unknown,
  as: 'input' | 'output',
  which: (f: RecordFieldSpec) => boolean = () => true,
): void {
  for (const name of PLAIN_RECORD_FIELDS) {
    const f: RecordFieldSpec = recordField(name);
    if (!which(f)) continue;
    Field(() => String, {
      nullable: as === 'input' || f.required === 'never',
      description: f.description ? `${f.zh}: ${f.description}` : f.zh,
    })(target.prototype as object, name);
  }
}
