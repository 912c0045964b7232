import { ROLE, term } from '../api/terms';

const PREFIX_ROLE: Record<string, string> = {
  subject: 'SUBJECT',
  operator: 'OPERATOR',
  partner: 'PARTNER',
  unit: 'SOURCE_UNIT',
  service: 'SERVICE',
};

/** Who acted, by role (`lead_department:…` -> 信用主管部门): the actor's id is for the audit trail, not the page. */
export function actorZh(actor: string): string {
  const prefix = actor.split(':')[0];
  return term(ROLE, PREFIX_ROLE[prefix] ?? prefix.toUpperCase());
}
