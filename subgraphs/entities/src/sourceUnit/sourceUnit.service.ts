import { badUserInput } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { findRegion } from '../region/regionCatalogue';
import { SourceUnitEntity } from './sourceUnit.entity';
import { SourceUnit } from './sourceUnit.type';

const toSourceUnit = (e: SourceUnitEntity): SourceUnit =>
  Object.assign(new SourceUnit(), {
    code: e.code,
    name: e.name,
    regionCode: e.regionCode,
    domainCodes: e.domainCodes,
    active: e.active,
    creditCode: e.creditCode,
  });

/** Responsible for the register of source units and the domains each may report. */
export class SourceUnitService {
  constructor(private readonly db: DataSource) {}

  async list(filter: { domainCode?: string | null; regionCode?: string | null }): Promise<SourceUnit[]> {
    if (filter.regionCode && !findRegion(filter.regionCode))
      throw badUserInput('regionCode', `unknown region ${filter.regionCode}`);
    const qb = this.db.getRepository(SourceUnitEntity).createQueryBuilder('u').orderBy('u.code', 'ASC');
    if (filter.regionCode) qb.andWhere('u.regionCode = :region', { region: filter.regionCode });
    const rows = await qb.getMany();
    // The domain list is a JSON column; filtering 100-odd units in memory beats a per-dialect JSON query.
    return rows.filter((u) => !filter.domainCode || u.domainCodes.includes(filter.domainCode)).map(toSourceUnit);
  }
}
