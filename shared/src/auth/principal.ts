import { z } from 'zod';

export const Role = {
  SUBJECT: 'SUBJECT',
  OPERATOR: 'OPERATOR',
  PARTNER: 'PARTNER',
  SOURCE_UNIT: 'SOURCE_UNIT',
  LEAD_DEPARTMENT: 'LEAD_DEPARTMENT',
  ANALYST: 'ANALYST',
  SERVICE: 'SERVICE',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role);

const base = { sub: z.string().min(1) };
/** The claims each role must carry (architecture.md, "Roles and access"). */
const principalSchema = z.discriminatedUnion('role', [
  z.object({ ...base, role: z.literal(Role.SUBJECT), creditCode: z.string().length(18) }),
  z.object({ ...base, role: z.literal(Role.OPERATOR), operatorId: z.string().min(1), channel: z.string().optional() }),
  z.object({
    ...base,
    role: z.literal(Role.PARTNER),
    partnerId: z.string().min(1),
    province: z.string().min(2),
    // What a partner may do beyond verifying reports (PartnerScope); none by default.
    scopes: z.array(z.string()).optional(),
  }),
  z.object({
    ...base,
    role: z.literal(Role.SOURCE_UNIT),
    unitCode: z.string().min(1),
    domains: z.array(z.string()).default([]),
  }),
  z.object({ ...base, role: z.literal(Role.LEAD_DEPARTMENT) }),
  z.object({ ...base, role: z.literal(Role.ANALYST) }),
  z.object({ ...base, role: z.literal(Role.SERVICE), service: z.string().min(1) }),
]);
export type Principal = z.infer<typeof principalSchema>;
export type PrincipalOf<R extends Role> = Extract<Principal, { role: R }>;

/**
 * Scopes a PARTNER token may carry. The national credit platform is a partner platform like other
 * provinces' (architecture.md), so it is a PARTNER with a scope, not a role of its own.
 */
export const PartnerScope = {
  /** 全国信用信息共享平台: reads the feed of out-of-province subjects active in Guizhou. */
  NATIONAL_FEED: 'national-feed',
} as const;
export type PartnerScope = (typeof PartnerScope)[keyof typeof PartnerScope];

export const hasPartnerScope = (p: Principal | undefined, scope: PartnerScope): boolean =>
  p?.role === Role.PARTNER && (p.scopes ?? []).includes(scope);

/** Turns verified JWT claims into a principal, or explains which claim is missing. */
export function principalFromClaims(claims: Record<string, unknown>): { principal?: Principal; problem?: string } {
  const parsed = principalSchema.safeParse(claims);
  if (parsed.success) return { principal: parsed.data };
  return { problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'role'}: ${i.message}`).join('; ') };
}

export const isOwner = (p: Principal | undefined, creditCode: string): boolean =>
  p?.role === Role.SUBJECT && p.creditCode === creditCode;

/** A read of a subject's detail is audited unless the subject itself reads it (查询留痕). */
export const isAuditedRead = (p: Principal | undefined, creditCode: string): boolean => !isOwner(p, creditCode);

/** Personal data is shown unmasked to its owner, the lead department and internal services only. */
export const canSeePersonalData = (p: Principal | undefined, creditCode: string): boolean =>
  p !== undefined && (p.role === Role.LEAD_DEPARTMENT || p.role === Role.SERVICE || isOwner(p, creditCode));

/** A stable "who" for audit entries and logs. */
export function actorOf(p: Principal | undefined): string {
  if (!p) return 'anonymous';
  switch (p.role) {
    case Role.SUBJECT:
      return `subject:${p.creditCode}`;
    case Role.OPERATOR:
      return `operator:${p.operatorId}`;
    case Role.PARTNER:
      return `partner:${p.province}/${p.partnerId}`;
    case Role.SOURCE_UNIT:
      return `unit:${p.unitCode}`;
    case Role.SERVICE:
      return `service:${p.service}`;
    default:
      return `${p.role.toLowerCase()}:${p.sub}`;
  }
}
