import { badUserInput, hasControlCharacters, maskPersonName } from '@credit/shared';

export interface Contact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

// Mainland mobile numbers, and landlines with their area code (0851-8xxxxxxx).
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/** A filer's contact details, checked; `required`: an anonymous filer must give a phone or an e-mail. */
export function checkedContact(
  input: { name?: string | null; phone?: string | null; email?: string | null } | null | undefined,
  required: boolean,
  base = 'input.contact',
): Contact | null {
  const name = input?.name?.trim() || null;
  const phone = input?.phone?.replace(/[\s()]/g, '') || null;
  const email = input?.email?.trim().toLowerCase() || null;
  if (!phone && !email) {
    if (required)
      throw badUserInput(base, 'an anonymous filer must give a phone number or an e-mail address to be answered');
    if (!name) return null;
  }
  if (name && (Array.from(name).length > 50 || hasControlCharacters(name)))
    throw badUserInput(`${base}.name`, 'must be at most 50 characters without control characters');
  if (phone && !MOBILE.test(phone) && !LANDLINE.test(phone))
    throw badUserInput(`${base}.phone`, 'must be a mainland mobile number (11 digits) or a landline with area code');
  if (email && (email.length > 100 || !EMAIL.test(email)))
    throw badUserInput(`${base}.email`, 'must be an e-mail address such as name@example.com');
  return { name, phone, email };
}

/** 138****5678, 0851****5678 */
export const maskPhone = (phone: string): string =>
  phone.length <= 7
    ? '*'.repeat(phone.length)
    : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;

/** z***@example.com */
export const maskEmail = (email: string): string => {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
};

export const maskContact = (c: Contact): Contact => ({
  name: c.name ? maskPersonName(c.name) : null,
  phone: c.phone ? maskPhone(c.phone) : null,
  email: c.email ? maskEmail(c.email) : null,
});
