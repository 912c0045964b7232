import type { ConsoleRoute } from '../router/route';

export const PUBLIC_ROUTES: ConsoleRoute[] = [];
