import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The canonical snapshot text in parts of at most SNAPSHOT_PART_CHARS UTF-16 units: a MySQL TEXT
 * holds 65,535 bytes, and one such unit is at most 3 bytes of UTF-8. Joined in `seq` order the
 * parts are exactly the text that was hashed and signed.
 */
@Entity('credit_report_snapshot')
export class SnapshotPartEntity {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  reportNumber: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  text: string;
}

export const SNAPSHOT_PART_CHARS = 20_000;

/** Splits on code-point boundaries so that no part ends inside a surrogate pair. */
export function splitSnapshot(text: string, size = SNAPSHOT_PART_CHARS): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(i, end));
    i = end;
  }
  return parts.length ? parts : [''];
}
