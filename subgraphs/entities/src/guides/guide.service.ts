import {
  auditAct,
  badUserInput,
  CHANNEL_ZH,
  hasControlCharacters,
  notFound,
  ReportChannel,
  SERVICE_CHANNELS,
  type ServiceContext,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import { DEFAULT_GUIDES } from './defaultGuides';
import { ServiceGuideEntity } from './guide.entity';
import { ServiceGuide, type UpdateServiceGuideInput } from './guide.type';

/** `SERVICE_WINDOW` <-> `service-window`: the page's path segment. */
export const channelSlug = (channel: string): string => channel.toLowerCase().replaceAll('_', '-');
export const channelFromSlug = (slug: string): ReportChannel | undefined => {
  const c = slug.trim().toUpperCase().replaceAll('-', '_') as ReportChannel;
  return SERVICE_CHANNELS.includes(c) ? c : undefined;
};

const toGuide = (e: ServiceGuideEntity): ServiceGuide =>
  Object.assign(new ServiceGuide(), {
    channel: e.channel as ReportChannel,
    channelName: CHANNEL_ZH[e.channel as ReportChannel],
    title: e.title,
    summary: e.summary,
    steps: e.steps,
    materials: e.materials,
    access: e.access,
    contact: e.contact,
    pagePath: `/guides/${channelSlug(e.channel)}`,
    version: e.version,
    updatedAt: e.updatedAt.toISOString(),
  });

/**
 * Responsible for the service guides (办事指南) of the five channels: published as data and as pages,
 * edited by the lead department (audited, versioned).
 */
export class GuideService {
  constructor(private readonly db: DataSource) {}

  /** Gives every channel without a guide its default one; returns how many were added. */
  async ensureGuides(): Promise<number> {
    const repo = this.db.getRepository(ServiceGuideEntity);
    const have = new Set((await repo.find({ select: { channel: true } })).map((g) => g.channel));
    const missing = SERVICE_CHANNELS.filter((c) => !have.has(c));
    if (missing.length)
      await repo.insert(missing.map((channel) => ({ channel, ...DEFAULT_GUIDES[channel], version: 1 })));
    return missing.length;
  }

  async list(): Promise<ServiceGuide[]> {
    const rows = await this.db.getRepository(ServiceGuideEntity).find();
    return SERVICE_CHANNELS.flatMap((c) => rows.filter((r) => r.channel === c)).map(toGuide);
  }

  async get(channel: ReportChannel): Promise<ServiceGuide> {
    const row = await this.db.getRepository(ServiceGuideEntity).findOneBy({ channel });
    if (!row) throw notFound('service guide', channel);
    return toGuide(row);
  }

  async update(ctx: ServiceContext, channel: ReportChannel, input: UpdateServiceGuideInput): Promise<ServiceGuide> {
    if (!SERVICE_CHANNELS.includes(channel)) throw badUserInput('channel', `${channel} has no service guide`);
    const patch: Partial<ServiceGuideEntity> = {};
    if (input.title != null) patch.title = text('input.title', input.title, 200);
    if (input.summary != null) patch.summary = text('input.summary', input.summary, 1000);
    if (input.steps != null) patch.steps = list('input.steps', input.steps);
    if (input.materials != null) patch.materials = list('input.materials', input.materials);
    if (input.access != null) patch.access = text('input.access', input.access, 500);
    if (input.contact != null) patch.contact = text('input.contact', input.contact, 200);
    if (Object.keys(patch).length === 0) throw badUserInput('input', 'name at least one field to change');
    const saved = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(ServiceGuideEntity);
      const row = await repo.findOneBy({ channel });
      if (!row) throw notFound('service guide', channel);
      await repo.update({ channel }, { ...patch, version: row.version + 1 });
      await auditAct(tx, ctx, {
        action: 'guide.update',
        target: `${channel} v${row.version + 1} ${Object.keys(patch).sort().join(',')}`,
      });
      return repo.findOneByOrFail({ channel });
    });
    return toGuide(saved);
  }
}

function text(field: string, raw: string, max: number): string {
  const v = raw.trim();
  if (!v || Array.from(v).length > max) throw badUserInput(field, `must be 1 to ${max} characters`);
  if (hasControlCharacters(v)) throw badUserInput(field, 'must not contain control characters');
  return v;
}

function list(field: string, raw: string[]): string[] {
  if (raw.length === 0 || raw.length > 30) throw badUserInput(field, 'must list 1 to 30 items');
  const items = raw.map((item, i) => text(`${field}[${i}]`, item, 300));
  // The whole list is one column: keep it within what the column holds on every database.
  if (JSON.stringify(items).length > 60_000) throw badUserInput(field, 'is too long');
  return items;
}
