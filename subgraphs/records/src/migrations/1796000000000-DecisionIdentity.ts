import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One record per decision: its identity becomes the deciding authority's credit code plus the
 * decision number (was: the submitting unit plus the number). Run `pnpm records:check duplicates`
 * first: existing duplicates make this migration fail, and must be resolved by revocation.
 */
export class DecisionIdentity1796000000000 implements MigrationInterface {
  name = 'DecisionIdentity1796000000000';

  async up(q: QueryRunner): Promise<void> {
    const [{ n }] = (await q.query(
      'SELECT COUNT(*) AS n FROM (SELECT 1 FROM `violation_record` GROUP BY `decidingAuthorityCode`, `decisionNumber` HAVING COUNT(*) > 1) d',
    )) as { n: number | string }[];
    if (Number(n) > 0) {
      throw new Error(
        `${n} decision(s) are held by more than one record: list them with \`pnpm records:check duplicates\`, revoke the extra copies, then start again`,
      );
    }
    await q.query(
      'CREATE UNIQUE INDEX `ux_record_authority_decision` ON `violation_record` (`decisionNumber`, `decidingAuthorityCode`)',
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
