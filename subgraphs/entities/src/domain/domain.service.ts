import {
  auditAct,
  badUserInput,
  conflict,
  NO_CATALOGUE_CHANGES,
  notFound,
  type CatalogueChanges,
  type ServiceContext,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import catalogue from '../catalogue/domains.json';
import { DomainEntity } from './domain.entity';
import { Domain } from './domain.type';

const CODE = /^D\d{2,3}$/;

export const toDomain = (e: DomainEntity): Domain =>
  Object.assign(new Domain(), {
    code: e.code,
    nameZh: e.nameZh,
    nameEn: e.nameEn,
    active: e.active,
    sortOrder: e.sortOrder,
  });

/**
 * Responsible for the domain catalogue: listing, extension and deactivation by the lead department.
 * Every write publishes a catalogue change after its commit: other subgraphs see it on their next request.
 */
export class DomainService {
  constructor(
    private readonly db: DataSource,
    private readonly changes: CatalogueChanges = NO_CATALOGUE_CHANGES,
  ) {}

  async list(includeInactive: boolean): Promise<Domain[]> {
    const rows = await this.db.getRepository(DomainEntity).find({
      where: includeInactive ? {} : { active: true },
      order: { sortOrder: 'ASC' },
    });
    return rows.map(toDomain);
  }

  async byCodes(codes: readonly string[]): Promise<Map<string, DomainEntity>> {
    if (codes.length === 0) return new Map();
    const rows = await this.db
      .getRepository(DomainEntity)
      .createQueryBuilder('d')
      .where('d.code IN (:...codes)', { codes: [...codes] })
      .getMany();
    return new Map(rows.map((r) => [r.code, r]));
  }

  async add(ctx: ServiceContext, input: { code: string; nameZh: string; nameEn: string }): Promise<Domain> {
    const code = input.code.trim().toUpperCase();
    if (!CODE.test(code))
      throw badUserInput('input.code', `must look like D44 (D and 2-3 digits), got "${input.code}"`);
    if (!input.nameZh.trim() || input.nameZh.length > 100)
      throw badUserInput('input.nameZh', 'must be 1-100 characters');
    if (!input.nameEn.trim() || input.nameEn.length > 200)
      throw badUserInput('input.nameEn', 'must be 1-200 characters');
    const added = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(DomainEntity);
      if (await repo.findOneBy({ code })) throw conflict(`domain ${code} already exists`, { field: 'input.code' });
      const max = await repo
        .createQueryBuilder('d')
        .select('MAX(d.sortOrder)', 'max')
        .getRawOne<{ max: number | null }>();
      const row = repo.create({
        code,
        nameZh: input.nameZh.trim(),
        nameEn: input.nameEn.trim(),
        active: true,
        sortOrder: Number(max?.max ?? 0) + 1,
      });
      await repo.insert(row);
      // The catalogue's history is its audit trail (the console's /admin/domains shows it).
      await auditAct(tx, ctx, { action: 'domain.add', target: code });
      return toDomain(row);
    });
    await this.changes.publish();
    return added;
  }

  async setActive(ctx: ServiceContext, code: string, active: boolean): Promise<Domain> {
    const changed = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(DomainEntity);
      const row = await repo.findOneBy({ code });
      if (!row) throw notFound('domain', code);
      if (row.active === active) return { row, changed: false };
      row.active = active;
      await repo.save(row);
      await auditAct(tx, ctx, { action: active ? 'domain.activate' : 'domain.deactivate', target: code });
      return { row, changed: true };
    });
    if (changed.changed) await this.changes.publish();
    return toDomain(changed.row);
  }

  /** Loads the 43 domains of the plan on an empty database; existing rows are left alone. */
  async ensureCatalogue(): Promise<number> {
    const repo = this.db.getRepository(DomainEntity);
    if ((await repo.count()) > 0) return 0;
    await repo.insert(catalogue.domains.map((d, i) => ({ ...d, active: true, sortOrder: i + 1 })));
    await this.changes.publish();
    return catalogue.domains.length;
  }
}
