import {
  auditAct,
  badUserInput,
  checkCreditCode,
  conflict,
  hasControlCharacters,
  notFound,
  NO_CATALOGUE_CHANGES,
  type CatalogueChanges,
  type ServiceContext,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import type { DomainService } from '../domain/domain.service';
import { findRegion } from '../region/regionCatalogue';
import { SourceUnitEntity } from './sourceUnit.entity';
import { SourceUnit, type ChangeSourceUnitInput, type RegisterSourceUnitInput } from './sourceUnit.type';

const UNIT_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

const toSourceUnit = (e: SourceUnitEntity): SourceUnit =>
  Object.assign(new SourceUnit(), {
    code: e.code,
    name: e.name,
    regionCode: e.regionCode,
    domainCodes: e.domainCodes,
    active: e.active,
    creditCode: e.creditCode,
  });

/**
 * Responsible for the register of source units and the domains each may report: the authority on
 * who may submit what (a token can only narrow it). Every change is audited and effective at once.
 */
export class SourceUnitService {
  constructor(
    private readonly db: DataSource,
    private readonly domains?: DomainService,
    // Published after every register write, so that readers elsewhere drop their copy of the register.
    private readonly changes: CatalogueChanges = NO_CATALOGUE_CHANGES,
  ) {}

  async list(filter: { domainCode?: string | null; regionCode?: string | null }): Promise<SourceUnit[]> {
    if (filter.regionCode && !findRegion(filter.regionCode))
      throw badUserInput('regionCode', `unknown region ${filter.regionCode}`);
    const qb = this.db.getRepository(SourceUnitEntity).createQueryBuilder('u').orderBy('u.code', 'ASC');
    if (filter.regionCode) qb.andWhere('u.regionCode = :region', { region: filter.regionCode });
    const rows = await qb.getMany();
    // The domain list is a JSON column; filtering 100-odd units in memory beats a per-dialect JSON query.
    return rows.filter((u) => !filter.domainCode || u.domainCodes.includes(filter.domainCode)).map(toSourceUnit);
  }

  async register(ctx: ServiceContext, input: RegisterSourceUnitInput): Promise<SourceUnit> {
    const code = input.code?.trim().toUpperCase() ?? '';
    if (!UNIT_CODE.test(code)) throw badUserInput('input.code', 'must be 2-32 letters, digits or hyphens, e.g. GZ-D07');
    const row = Object.assign(new SourceUnitEntity(), {
      code,
      name: this.name('input.name', input.name),
      creditCode: this.creditCode('input.creditCode', input.creditCode),
      regionCode: this.region('input.regionCode', input.regionCode),
      domainCodes: await this.domainCodes('input.domainCodes', input.domainCodes),
      active: true,
    });
    const saved = await this.db.transaction(async (tx) => {
      if (await tx.getRepository(SourceUnitEntity).existsBy({ code }))
        throw conflict(`source unit ${code} is already registered`, { field: 'input.code' });
      await tx.getRepository(SourceUnitEntity).insert(row);
      await auditAct(tx, ctx, { action: 'sourceUnit.register', target: code });
      return row;
    });
    await this.changes.publish();
    return toSourceUnit(saved);
  }

  async change(ctx: ServiceContext, rawCode: string, input: ChangeSourceUnitInput): Promise<SourceUnit> {
    const changes: Partial<SourceUnitEntity> = {};
    if (input.name != null) changes.name = this.name('input.name', input.name);
    if (input.creditCode != null) changes.creditCode = this.creditCode('input.creditCode', input.creditCode);
    if (input.regionCode != null) changes.regionCode = this.region('input.regionCode', input.regionCode);
    if (input.domainCodes != null) changes.domainCodes = await this.domainCodes('input.domainCodes', input.domainCodes);
    if (Object.keys(changes).length === 0) throw badUserInput('input', 'name at least one field to change');
    return this.update(ctx, rawCode, changes, 'sourceUnit.change');
  }

  async setActive(ctx: ServiceContext, rawCode: string, active: boolean): Promise<SourceUnit> {
    return this.update(ctx, rawCode, { active }, active ? 'sourceUnit.activate' : 'sourceUnit.deactivate');
  }

  private async update(
    ctx: ServiceContext,
    rawCode: string,
    changes: Partial<SourceUnitEntity>,
    action: string,
  ): Promise<SourceUnit> {
    const code = rawCode.trim().toUpperCase();
    const saved = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(SourceUnitEntity);
      const row = await repo.findOneBy({ code });
      if (!row) throw notFound('source unit', code);
      Object.assign(row, changes);
      await repo.update({ code }, changes);
      await auditAct(tx, ctx, { action, target: `${code} ${Object.keys(changes).sort().join(',')}` });
      return row;
    });
    await this.changes.publish();
    return toSourceUnit(saved);
  }

  private name(field: string, raw: string): string {
    const v = raw?.trim() ?? '';
    if (!v || Array.from(v).length > 200) throw badUserInput(field, 'must be 1 to 200 characters');
    if (hasControlCharacters(v)) throw badUserInput(field, 'must not contain control characters');
    return v;
  }

  private creditCode(field: string, raw: string): string {
    const check = checkCreditCode(raw?.trim().toUpperCase() ?? '');
    if (!check.valid) throw badUserInput(field, `invalid credit code (GB 32100): ${check.message}`);
    return raw.trim().toUpperCase();
  }

  private region(field: string, raw: string): string {
    const v = raw?.trim() ?? '';
    if (!/^52\d{4}$/.test(v) || !findRegion(v)) throw badUserInput(field, `must be a Guizhou region code, got "${v}"`);
    return v;
  }

  private async domainCodes(field: string, raw: string[]): Promise<string[]> {
    const codes = [...new Set((raw ?? []).map((d) => d.trim().toUpperCase()).filter(Boolean))];
    if (codes.length === 0) throw badUserInput(field, 'must list at least one domain');
    const known = this.domains ? await this.domains.byCodes(codes) : new Map();
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw badUserInput(field, `unknown domain ${unknown.join(', ')}`, { unknown });
    return codes;
  }
}
