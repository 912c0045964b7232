import { maskIdNumber } from '@credit/shared';

/** A natural person's ID, inside an actor string such as `subject:520102…`, masked for whoever may not see it. */
export const maskActor = (actor: string, masked: boolean): string =>
  masked && actor.startsWith('subject:') ? `subject:${maskIdNumber(actor.slice('subject:'.length))}` : actor;
