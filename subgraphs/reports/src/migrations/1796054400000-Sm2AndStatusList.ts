import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SM2 signature and key of each report, and its bit in the revocation status list (issue 17). */
export class Sm2AndStatusList1796054400000 implements MigrationInterface {
  name = 'Sm2AndStatusList1796054400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE `credit_report` ADD `sm2Signature` varchar(128) NULL, ADD `sm2KeyId` varchar(64) NULL, ADD `statusListIndex` int NULL',
    );
    await q.query('CREATE UNIQUE INDEX `ux_report_status_list_index` ON `credit_report` (`statusListIndex`)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX `ux_report_status_list_index` ON `credit_report`');
    await q.query(
      'ALTER TABLE `credit_report` DROP COLUMN `statusListIndex`, DROP COLUMN `sm2KeyId`, DROP COLUMN `sm2Signature`',
    );
  }
}
