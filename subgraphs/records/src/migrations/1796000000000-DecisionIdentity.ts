import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One record per decision: its identity becomes the deciding authority's credit code plus the
 * decision number (was: the submitting unit plus the number). Run `pnpm records:check duplicates`
 * first: existing duplicates make this migration fail, and must be resolved by revocation.
 */
export class DecisionIdentity1796000000000 implements MigrationInterface {
  name = 'DecisionIdentity1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE UNIQUE INDEX `ux_record_authority_decision` ON `violation_record` (`decidingAuthorityCode`, `decisionNumber`)',
    );
    await q.query('DROP INDEX `ux_record_unit_decision` ON `violation_record`');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE UNIQUE INDEX `ux_record_unit_decision` ON `violation_record` (`sourceUnitCode`, `decisionNumber`)',
    );
    await q.query('DROP INDEX `ux_record_authority_decision` ON `violation_record`');
  }
}
