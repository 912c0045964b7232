import {
  actorOf,
  auditAct,
  badUserInput,
  conflict,
  hasControlCharacters,
  newUlid,
  NO_CATALOGUE_CHANGES,
  notFound,
  ReportScenario,
  type CatalogueChanges,
  type ServiceContext,
} from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainEntity } from '../domain/domain.entity';
import { toDomain } from '../domain/domain.service';
import { SubstitutionMatterEntity, SubstitutionMatterRevisionEntity, type MatterValue } from './substitution.entity';
import {
  SubstitutionMatter,
  SubstitutionMatterRevision,
  type ChangeSubstitutionMatterInput,
  type DefineSubstitutionMatterInput,
} from './substitution.type';

const MATTER_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const SCENARIOS = new Set<string>(Object.values(ReportScenario));
/** The fields a revision records, in the order the history lists them. */
const TRACKED = ['name', 'scenario', 'domainCodes', 'acceptingOfficeType', 'legalBasis', 'active'] as const;
type Tracked = (typeof TRACKED)[number];

export interface MatterFilter {
  scenario?: ReportScenario | null;
  domainCode?: string | null;
  includeInactive?: boolean;
}

/**
 * Responsible for the substitution catalogue (应替尽替): which matters need a certificate, which domains'
 * certificates the report replaces for each, who accepts it and on what legal basis. The lead department
 * edits it; every edit is a new version with its revision and an audit row in one transaction, and is
 * published as a catalogue change so that reports sees it on its next request.
 */
export class SubstitutionService {
  constructor(
    private readonly db: DataSource,
    private readonly changes: CatalogueChanges = NO_CATALOGUE_CHANGES,
  ) {}

  async list(filter: MatterFilter): Promise<SubstitutionMatter[]> {
    const qb = this.db
      .getRepository(SubstitutionMatterEntity)
      .createQueryBuilder('m')
      .orderBy('m.scenario', 'ASC')
      .addOrderBy('m.code', 'ASC');
    if (filter.scenario) qb.andWhere('m.scenario = :scenario', { scenario: filter.scenario });
    if (!filter.includeInactive) qb.andWhere('m.active = :active', { active: true });
    const domainCode = filter.domainCode?.trim().toUpperCase();
    // The domain list is a short JSON column; a catalogue of some hundred matters filters in memory.
    const rows = (await qb.getMany()).filter((m) => !domainCode || m.domainCodes.includes(domainCode));
    return this.toMatters(rows);
  }

  async get(rawCode: string): Promise<SubstitutionMatter> {
    const code = (rawCode ?? '').trim().toUpperCase();
    const row = await this.db.getRepository(SubstitutionMatterEntity).findOneBy({ code });
    if (!row) throw notFound('substitution matter', code || '(empty)');
    return (await this.toMatters([row]))[0];
  }

  async history(code: string): Promise<SubstitutionMatterRevision[]> {
    const rows = await this.db
      .getRepository(SubstitutionMatterRevisionEntity)
      .find({ where: { matterCode: code }, order: { version: 'DESC' } });
    return rows.map((r) =>
      Object.assign(new SubstitutionMatterRevision(), {
        version: r.version,
        kind: r.kind,
        actor: r.actor,
        reason: r.reason,
        at: r.at.toISOString(),
        changes: Object.entries(r.changes).map(([field, c]) => ({
          field,
          from: c.from === null || c.from === undefined ? null : JSON.stringify(c.from),
          to: c.to === null || c.to === undefined ? null : JSON.stringify(c.to),
        })),
      }),
    );
  }

  async define(ctx: ServiceContext, input: DefineSubstitutionMatterInput): Promise<SubstitutionMatter> {
    const code = (input.code ?? '').trim().toUpperCase();
    if (!MATTER_CODE.test(code))
      throw badUserInput('input.code', 'must be 2-32 letters, digits or hyphens, e.g. BID-CONSTRUCTION');
    const values = {
      name: this.text('input.name', input.name, 200),
      scenario: this.scenario('input.scenario', input.scenario),
      domainCodes: await this.domainCodes('input.domainCodes', input.domainCodes),
      acceptingOfficeType: this.text('input.acceptingOfficeType', input.acceptingOfficeType, 100),
      legalBasis: this.text('input.legalBasis', input.legalBasis, 500),
      active: true,
    };
    const saved = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(SubstitutionMatterEntity);
      if (await repo.existsBy({ code }))
        throw conflict(`matter ${code} is already in the catalogue`, { field: 'input.code' });
      await repo.insert({ code, ...values, version: 1 });
      const changes = Object.fromEntries(TRACKED.map((f) => [f, { from: null, to: values[f] }]));
      await this.revise(tx, ctx, code, 1, 'DEFINE', changes, null);
      return repo.findOneByOrFail({ code });
    });
    await this.changes.publish();
    return (await this.toMatters([saved]))[0];
  }

  async change(
    ctx: ServiceContext,
    rawCode: string,
    input: ChangeSubstitutionMatterInput,
  ): Promise<SubstitutionMatter> {
    const wanted: Partial<Record<Tracked, MatterValue>> = {};
    if (input.name != null) wanted.name = this.text('input.name', input.name, 200);
    if (input.scenario != null) wanted.scenario = this.scenario('input.scenario', input.scenario);
    if (input.domainCodes != null) wanted.domainCodes = await this.domainCodes('input.domainCodes', input.domainCodes);
    if (input.acceptingOfficeType != null)
      wanted.acceptingOfficeType = this.text('input.acceptingOfficeType', input.acceptingOfficeType, 100);
    if (input.legalBasis != null) wanted.legalBasis = this.text('input.legalBasis', input.legalBasis, 500);
    if (Object.keys(wanted).length === 0) throw badUserInput('input', 'name at least one field to change');
    return this.update(ctx, rawCode, wanted, 'CHANGE', this.reason(input.reason));
  }

  async setActive(ctx: ServiceContext, rawCode: string, active: boolean, reason?: string | null) {
    return this.update(ctx, rawCode, { active }, active ? 'ACTIVATE' : 'DEACTIVATE', this.reason(reason));
  }

  private async update(
    ctx: ServiceContext,
    rawCode: string,
    wanted: Partial<Record<Tracked, MatterValue>>,
    kind: string,
    reason: string | null,
  ): Promise<SubstitutionMatter> {
    const code = (rawCode ?? '').trim().toUpperCase();
    let changed = false;
    const saved = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(SubstitutionMatterEntity);
      // Locked, so that two editors' versions are numbered one after the other.
      const row = await repo.findOne({ where: { code }, lock: lockFor(tx) });
      if (!row) throw notFound('substitution matter', code || '(empty)');
      const changes: Record<string, { from: MatterValue; to: MatterValue }> = {};
      for (const f of TRACKED) {
        if (!(f in wanted)) continue;
        if (JSON.stringify(row[f]) !== JSON.stringify(wanted[f])) changes[f] = { from: row[f], to: wanted[f] ?? null };
      }
      // Saving the same values again is no new version.
      if (Object.keys(changes).length === 0) return row;
      changed = true;
      const version = row.version + 1;
      const patch = Object.fromEntries(
        Object.entries(changes).map(([f, c]) => [f, c.to]),
      ) as Partial<SubstitutionMatterEntity>;
      await repo.update({ code }, { ...patch, version });
      await this.revise(tx, ctx, code, version, kind, changes, reason);
      return repo.findOneByOrFail({ code });
    });
    if (changed) await this.changes.publish();
    return (await this.toMatters([saved]))[0];
  }

  private async revise(
    tx: EntityManager,
    ctx: ServiceContext,
    code: string,
    version: number,
    kind: string,
    changes: Record<string, { from: MatterValue; to: MatterValue }>,
    reason: string | null,
  ): Promise<void> {
    await tx.getRepository(SubstitutionMatterRevisionEntity).insert({
      id: newUlid(),
      matterCode: code,
      version,
      kind,
      changes,
      actor: actorOf(ctx.principal),
      reason,
    });
    await auditAct(tx, ctx, {
      action: `substitution.${kind.toLowerCase()}`,
      target: `${code} v${version} ${Object.keys(changes).join(',')}`,
    });
  }

  private async toMatters(rows: SubstitutionMatterEntity[]): Promise<SubstitutionMatter[]> {
    const codes = [...new Set(rows.flatMap((r) => r.domainCodes))];
    const domains = codes.length
      ? await this.db
          .getRepository(DomainEntity)
          .createQueryBuilder('d')
          .where('d.code IN (:...codes)', { codes })
          .orderBy('d.sortOrder', 'ASC')
          .getMany()
      : [];
    return rows.map((r) =>
      Object.assign(new SubstitutionMatter(), {
        code: r.code,
        name: r.name,
        scenario: r.scenario as ReportScenario,
        domainCodes: r.domainCodes,
        domains: domains.filter((d) => r.domainCodes.includes(d.code)).map(toDomain),
        acceptingOfficeType: r.acceptingOfficeType,
        legalBasis: r.legalBasis,
        active: r.active,
        version: r.version,
        updatedAt: r.updatedAt.toISOString(),
      }),
    );
  }

  private text(field: string, raw: string | null | undefined, max: number): string {
    const v = raw?.trim() ?? '';
    if (!v || Array.from(v).length > max) throw badUserInput(field, `must be 1 to ${max} characters`);
    if (hasControlCharacters(v)) throw badUserInput(field, 'must not contain control characters');
    return v;
  }

  private reason(raw: string | null | undefined): string | null {
    return raw == null || raw.trim() === '' ? null : this.text('reason', raw, 500);
  }

  private scenario(field: string, raw: string): ReportScenario {
    if (!SCENARIOS.has(raw)) throw badUserInput(field, `unknown scenario "${raw}"`);
    return raw as ReportScenario;
  }

  private async domainCodes(field: string, raw: string[]): Promise<string[]> {
    const codes = [...new Set((raw ?? []).map((d) => d.trim().toUpperCase()).filter(Boolean))];
    if (codes.length === 0) throw badUserInput(field, 'must list at least one domain');
    const rows = await this.db
      .getRepository(DomainEntity)
      .createQueryBuilder('d')
      .where('d.code IN (:...codes)', { codes })
      .orderBy('d.sortOrder', 'ASC')
      .getMany();
    const known = new Map(rows.map((d) => [d.code, d]));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw badUserInput(field, `unknown domain ${unknown.join(', ')}`, { unknown });
    const inactive = codes.filter((c) => !known.get(c)!.active);
    if (inactive.length) throw badUserInput(field, `domain ${inactive.join(', ')} is no longer reported`, { inactive });
    // Stored in the plan's order, so that equal lists compare equal.
    return rows.map((d) => d.code);
  }
}

/** SQLite serialises writers itself and has no row locks. */
const lockFor = (tx: EntityManager) =>
  tx.connection.options.type === 'better-sqlite3' ? undefined : ({ mode: 'pessimistic_write' } as const);
