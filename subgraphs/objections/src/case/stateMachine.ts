import { conflict, forbidden, type Role } from '@credit/shared';

/** One act of a case workflow: the states it starts from (none: it creates the case), its result, who may. */
export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  /** Roles that may perform it; ownership (own subject, own unit) is checked by the service. */
  roles: readonly Role[];
  /** Verb for messages: "cannot accept". */
  verb: string;
}

/**
 * A case workflow as one table (objections, complaints): the role check (FORBIDDEN naming who may)
 * and the state check (CONFLICT naming the current state). Acts listed in `systemActs` are
 * performed by the platform itself, never by a caller.
 */
export class CaseStateMachine<A extends string, S extends string> {
  constructor(
    /** "an objection", "a complaint": for messages. */
    private readonly noun: string,
    readonly transitions: Readonly<Record<A, Transition<S>>>,
    private readonly systemActs: readonly A[] = [],
  ) {}

  roleMay(action: A, role: Role | 'SYSTEM'): boolean {
    return role === 'SYSTEM' ? this.systemActs.includes(action) : this.transitions[action].roles.includes(role);
  }

  assertRoleMay(action: A, role: Role | 'SYSTEM'): void {
    if (this.roleMay(action, role)) return;
    const t = this.transitions[action];
    throw forbidden(
      `role ${role} may not ${t.verb} ${this.noun}${t.roles.length ? ` (only ${t.roles.join(', ')})` : ''}`,
    );
  }

  /** The next state, or CONFLICT naming the current one; the caller then compares-and-sets on the status. */
  next(item: { number: string; status: S }, action: A): S {
    const t = this.transitions[action];
    if (!t.from.includes(item.status)) {
      const noun = this.noun.replace(/^(an?) /, '');
      throw conflict(`${noun} ${item.number} is in state ${item.status}; cannot ${t.verb} it`, {
        currentState: item.status,
        allowedFrom: [...t.from],
      });
    }
    return t.to;
  }
}
