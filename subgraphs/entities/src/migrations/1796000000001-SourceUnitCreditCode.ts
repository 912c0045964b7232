import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The register of source units records each unit's own credit code (register managed through GraphQL). */
export class SourceUnitCreditCode1796000000001 implements MigrationInterface {
  name = 'SourceUnitCreditCode1796000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `source_unit` ADD `creditCode` varchar(18) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `source_unit` DROP COLUMN `creditCode`');
  }
}
