import type { ConsoleRoute } from '../router/route';

export const KIOSK_ROUTES: ConsoleRoute[] = [];
