import type { ConsoleRoute } from '../router/route';

export const PARTNER_ROUTES: ConsoleRoute[] = [];
