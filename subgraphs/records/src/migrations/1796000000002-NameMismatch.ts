import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Records whose subject name differs from the registered one, listed as a quality warning. */
export class NameMismatch1796000000002 implements MigrationInterface {
  name = 'NameMismatch1796000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `record_name_mismatch` (`recordId` varchar(26) NOT NULL, `sourceUnitCode` varchar(32) NOT NULL, `decisionNumber` varchar(100) NOT NULL, `creditCode` varchar(18) NOT NULL, `submittedName` varchar(200) NOT NULL, `registeredName` varchar(200) NOT NULL, `seenAt` datetime(6) NOT NULL, INDEX `ix_name_mismatch_unit_seen` (`sourceUnitCode`, `seenAt`), PRIMARY KEY (`recordId`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `record_name_mismatch`');
  }
}
