import type { ConsoleRoute } from '../router/route';

export const ADMIN_ROUTES: ConsoleRoute[] = [];
