import { Field, ObjectType, registerEnumType } from 'type-graphql';

/** Why a row was rejected (or, for EXCLUDED rows, why it is not a record). Stable codes for clients and monitoring. */
export enum RowReason {
  MISSING_FIELD = 'MISSING_FIELD',
  BAD_CHECK_CHARACTER = 'BAD_CHECK_CHARACTER',
  INVALID_CODE = 'INVALID_CODE',
  UNKNOWN_DOMAIN = 'UNKNOWN_DOMAIN',
  INACTIVE_DOMAIN = 'INACTIVE_DOMAIN',
  DOMAIN_NOT_ALLOWED = 'DOMAIN_NOT_ALLOWED',
  INVALID_DATE = 'INVALID_DATE',
  DATE_BEFORE_2020 = 'DATE_BEFORE_2020',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  DATE_ORDER = 'DATE_ORDER',
  NEGATIVE_AMOUNT = 'NEGATIVE_AMOUNT',
  INVALID_AMOUNT = 'INVALID_AMOUNT',
  INVALID_VALUE = 'INVALID_VALUE',
  TOO_LONG = 'TOO_LONG',
  DUPLICATE_IN_BATCH = 'DUPLICATE_IN_BATCH',
  OWNED_BY_OTHER_UNIT = 'OWNED_BY_OTHER_UNIT',
  CORRECTED_BY_OBJECTION = 'CORRECTED_BY_OBJECTION',
  RECORD_REVOKED = 'RECORD_REVOKED',
  LAWFULLY_NOT_PUNISHED = 'LAWFULLY_NOT_PUNISHED',
  NOT_LEGALLY_EFFECTIVE = 'NOT_LEGALLY_EFFECTIVE',
}
registerEnumType(RowReason, {
  name: 'RecordRowReason',
  valuesConfig: {
    DUPLICATE_IN_BATCH: {
      deprecationReason: 'no longer produced: a decision repeated in one batch is applied in order (a correction)',
    },
    OWNED_BY_OTHER_UNIT: { description: 'the decision (deciding authority + number) is recorded by another unit' },
    CORRECTED_BY_OBJECTION: {
      description: 'the row would put back a field that an upheld objection, a repair or a revocation decided',
    },
  },
});

@ObjectType()
export class RecordRowProblem {
  @Field({ description: 'Input field at fault, e.g. creditCode' })
  field: string;

  @Field(() => RowReason)
  code: RowReason;

  @Field()
  message: string;
}
