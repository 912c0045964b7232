/**
 * Names compared as people read them: brackets of either width and spacing do not count. Records
 * lists a record naming its subject otherwise than the register; reports warns of a recognised
 * external report that does.
 */
export const sameSubjectName = (a: string, b: string): boolean => {
  const norm = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '').trim();
  return norm(a) === norm(b);
};
