import {
  badUserInput,
  checkResidentId,
  hasControlCharacters,
  maskIdNumber,
  ReportChannel,
  Role,
  type Principal,
} from '@credit/shared';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';

/** Who came to the window for the subject (三(四) offline channels: the window checks who asks). */
export enum PresenterBasis {
  LEGAL_REPRESENTATIVE = 'LEGAL_REPRESENTATIVE',
  AUTHORISED_AGENT = 'AUTHORISED_AGENT',
}
registerEnumType(PresenterBasis, {
  name: 'PresenterBasis',
  description: '法定代表人（负责人、经营者）本人 / 受托代理人（持授权委托书）',
});

export enum IdDocumentType {
  RESIDENT_ID_CARD = 'RESIDENT_ID_CARD',
  PASSPORT = 'PASSPORT',
  OTHER_ID = 'OTHER_ID',
}
registerEnumType(IdDocumentType, { name: 'IdDocumentType', description: '居民身份证 / 护照 / 其他有效身份证件' });

@InputType({
  description:
    'What a service window operator checked before issuing: who came for the subject, on what basis, with which identity document. Required at a SERVICE_WINDOW; operators only',
})
export class WindowAuthorizationInput {
  @Field(() => PresenterBasis)
  basis: PresenterBasis;

  @Field({ description: 'The person at the window, as on the identity document' })
  personName: string;

  @Field(() => IdDocumentType)
  idDocumentType: IdDocumentType;

  @Field({ description: 'Checked (a resident ID card by its check character) and stored masked' })
  idDocumentNumber: string;

  @Field(() => String, {
    nullable: true,
    description: "The power of attorney's number or date as written on it: required for an AUTHORISED_AGENT only",
  })
  powerOfAttorney?: string | null;
}

@ObjectType({ description: 'The authorisation a window operator confirmed before issuing (who came and how)' })
export class WindowAuthorization {
  @Field(() => PresenterBasis)
  basis: PresenterBasis;

  @Field()
  personName: string;

  @Field(() => IdDocumentType)
  idDocumentType: IdDocumentType;

  @Field({ description: 'Masked: the first and last four characters' })
  idDocumentNumber: string;

  @Field(() => String, { nullable: true })
  powerOfAttorney: string | null;

  @Field({ description: 'operator:… who confirmed it' })
  confirmedBy: string;
}

/** As stored with the report (the document number already masked). */
export type StoredWindowAuthorization = Omit<WindowAuthorization, never>;

const FIELD = 'input.windowAuthorization';
const OTHER_DOCUMENT = /^[A-Za-z0-9-]{5,30}$/;

function line(value: string | null | undefined, field: string, max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw badUserInput(`${FIELD}.${field}`, 'is required');
  if (Array.from(text).length > max) throw badUserInput(`${FIELD}.${field}`, `must be at most ${max} characters`);
  if (hasControlCharacters(text)) throw badUserInput(`${FIELD}.${field}`, 'must not contain control characters');
  return text;
}

/**
 * The window's record of who asked for the subject: required from an operator at a SERVICE_WINDOW
 * (a terminal reads the card itself), refused from anyone else; only the masked number is kept.
 */
export function windowAuthorizationOf(
  p: Principal,
  actor: string,
  channel: ReportChannel,
  input: WindowAuthorizationInput | null | undefined,
): StoredWindowAuthorization | null {
  if (p.role !== Role.OPERATOR) {
    if (input) throw badUserInput(FIELD, 'only an operator records the authorisation checked at a window');
    return null;
  }
  if (!input) {
    if (channel === ReportChannel.SERVICE_WINDOW)
      throw badUserInput(
        FIELD,
        'is required at a service window: who came for the subject, and with what identity document',
      );
    return null;
  }
  const personName = line(input.personName, 'personName', 50);
  const number = line(input.idDocumentNumber, 'idDocumentNumber', 30).toUpperCase();
  if (input.idDocumentType === IdDocumentType.RESIDENT_ID_CARD) {
    const check = checkResidentId(number);
    if (!check.valid) throw badUserInput(`${FIELD}.idDocumentNumber`, check.message!, { problem: check.problem });
  } else if (!OTHER_DOCUMENT.test(number)) {
    throw badUserInput(`${FIELD}.idDocumentNumber`, 'must be 5 to 30 letters, digits or hyphens');
  }
  const agent = input.basis === PresenterBasis.AUTHORISED_AGENT;
  if (!agent && input.powerOfAttorney?.trim())
    throw badUserInput(`${FIELD}.powerOfAttorney`, 'is for an authorised agent only');
  return {
    basis: input.basis,
    personName,
    idDocumentType: input.idDocumentType,
    idDocumentNumber: maskIdNumber(number),
    powerOfAttorney: agent ? line(input.powerOfAttorney, 'powerOfAttorney', 60) : null,
    confirmedBy: actor,
  };
}
