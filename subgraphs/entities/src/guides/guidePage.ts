import { CHANNEL_ZH, decodePath, SERVICE_CHANNELS, type RouteHandler } from '@credit/shared';
import { channelFromSlug, channelSlug, type GuideService } from './guide.service';
import type { ServiceGuide } from './guide.type';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Guide text is edited by people: every value reaches the page escaped. */
const esc = (v: unknown): string => String(v ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

const STYLE = `body{font-family:system-ui,"PingFang SC","Noto Sans SC",sans-serif;padding:16px;max-width:720px;margin:auto;color:#1f2933}
h1{font-size:1.3em}h2{font-size:1.05em;margin-top:1.4em}li{margin:4px 0}nav a{margin-right:12px}.meta{font-size:.85em;color:#52606d}`;

function page(title: string, body: string): string {
  const nav = SERVICE_CHANNELS.map((c) => `<a href="/guides/${channelSlug(c)}">${esc(CHANNEL_ZH[c])}</a>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body><nav>${nav}</nav>${body}</body></html>`;
}

export function guideHtml(g: ServiceGuide): string {
  const items = (xs: string[], tag: 'ol' | 'ul') => `<${tag}>${xs.map((x) => `<li>${esc(x)}</li>`).join('')}</${tag}>`;
  return page(
    g.title,
    `<h1>${esc(g.title)}</h1><p>${esc(g.summary)}</p>
<h2>办理流程</h2>${items(g.steps, 'ol')}
<h2>所需材料</h2>${items(g.materials, 'ul')}
<h2>办理地点和时间</h2><p>${esc(g.access)}</p>
<h2>咨询投诉</h2><p>${esc(g.contact)}</p>
<p class="meta">办理渠道：${esc(g.channelName)} · 第 ${esc(g.version)} 版 · 更新于 ${esc(g.updatedAt.slice(0, 10))}</p>`,
  );
}

function guideIndex(guides: ServiceGuide[]): string {
  const rows = guides.map((g) => `<li><a href="${esc(g.pagePath)}">${esc(g.channelName)}：${esc(g.title)}</a></li>`);
  return page('专项信用报告办事指南', `<h1>专项信用报告办事指南</h1><ul>${rows.join('')}</ul>`);
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // Guides change rarely but must not outlive an edit for long.
  'cache-control': 'public, max-age=60',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
};

/** `GET /guides` (index) and `GET /guides/<channel>` (one guide), simple Chinese HTML. */
export function guideRoutes(guides: GuideService): Record<string, RouteHandler> {
  const index: RouteHandler = async (_req, res) => {
    res.writeHead(200, HEADERS);
    res.end(guideIndex(await guides.list()));
  };
  const one: RouteHandler = async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const slug = decodePath(url.pathname.slice('/guides/'.length));
    const channel = slug === undefined ? undefined : channelFromSlug(slug);
    if (!channel) {
      res.writeHead(404, HEADERS);
      res.end(page('未找到', '<h1>未找到该渠道的办事指南</h1><p><a href="/guides">全部办事指南</a></p>'));
      return;
    }
    res.writeHead(200, HEADERS);
    res.end(guideHtml(await guides.get(channel)));
  };
  return { '/guides': index, '/guides/*': one };
}
