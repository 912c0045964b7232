import { isoDate, yearsAgo } from '../api/terms';
import type { Place } from '../router/router';

/** Records a history page shows. */
export const PAGE_SIZE = 50;

/**
 * A history page as its query string holds it, so a reload, a shared link or the back button opens
 * the same records: the filters, and `after`, the cursors that ended each earlier page ('.'-joined;
 * cursors are base64url). The API pages by cursor only: the trail is what gives "上一页" and the
 * position of the first record shown.
 */
export interface HistoryPlace {
  from: string;
  to: string;
  domain: string;
  category: string;
  trail: string[];
}

export function readHistoryPlace(place: Place): HistoryPlace {
  return {
    from: place.search.get('from') || yearsAgo(5),
    to: place.search.get('to') || isoDate(),
    domain: place.search.get('domain') ?? '',
    category: place.search.get('category') ?? '',
    trail: (place.search.get('after') ?? '').split('.').filter(Boolean),
  };
}

/** The first record's position on the page (1-based). */
export const firstShown = (h: HistoryPlace) => h.trail.length * PAGE_SIZE + 1;
