import type { ConsoleRoute } from '../router/route';

export const WINDOW_ROUTES: ConsoleRoute[] = [];
