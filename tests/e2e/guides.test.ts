import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, startPlatform, type Platform } from '../platform';

// Service guides (办事指南) per channel: public data and public pages through the gateway, edited by
// the lead department.
let p: Platform;
let base: string;
let lead: string;
beforeAll(async () => {
  p = await startPlatform([entities]);
  base = p.gatewayUrl.replace(/\/graphql$/, '');
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
});
afterAll(() => p.stop());

const GUIDES = '{ serviceGuides { channel channelName title steps materials pagePath version } }';
const UPDATE = `mutation($c: ReportChannel!, $i: UpdateServiceGuideInput!) { updateServiceGuide(channel: $c, input: $i) { channel title steps version } }`;

describe('service guides through the gateway', () => {
  it('serves a guide for each of the five channels as data and as a page, without a token', async () => {
    const r = await gql(p.gatewayUrl, GUIDES, {});
    expect(r.errors).toBeUndefined();
    const guides = r.data!.serviceGuides;
    expect(guides.map((g: { channel: string }) => g.channel)).toEqual([
      'WEBSITE',
      'GOV_SERVICE_PORTAL',
      'PUBLIC_RESOURCE_TRADING',
      'SERVICE_WINDOW',
      'SELF_SERVICE_TERMINAL',
    ]);
    const window = guides.find((g: { channel: string }) => g.channel === 'SERVICE_WINDOW');
    expect(window).toMatchObject({ channelName: '政务服务窗口', pagePath: '/guides/service-window', version: 1 });
    expect(window.steps.length).toBeGreaterThan(2);

    const page = await fetch(`${base}/guides/service-window`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(window.title);
    expect(html).toContain('办理流程');
    const index = await (await fetch(`${base}/guides`)).text();
    for (const g of guides) expect(index).toContain(g.pagePath);
    const missing = await fetch(`${base}/guides/fax`);
    expect(missing.status).toBe(404);
  });

  it('is edited by the lead department only, validated, audited and shown escaped at once', async () => {
    const input = {
      title: '政务服务窗口办理指南（<script>alert(1)</script>）',
      steps: ['取号', '出示证件', '打印报告'],
    };
    expect(errorCode(await gql(p.gatewayUrl, UPDATE, { c: 'SERVICE_WINDOW', i: input }))).toBe('UNAUTHENTICATED');
    const analyst = await tokenFor({ role: 'ANALYST' });
    expect(errorCode(await gql(p.gatewayUrl, UPDATE, { c: 'SERVICE_WINDOW', i: input }, analyst))).toBe('FORBIDDEN');
    const operator = await tokenFor({ role: 'OPERATOR', operatorId: 'w1', channel: 'SERVICE_WINDOW' });
    expect(errorCode(await gql(p.gatewayUrl, UPDATE, { c: 'SERVICE_WINDOW', i: input }, operator))).toBe('FORBIDDEN');
    const empty = await gql(p.gatewayUrl, UPDATE, { c: 'SERVICE_WINDOW', i: { steps: [] } }, lead);
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.steps' });
    const blankStep = await gql(
      p.gatewayUrl,
      UPDATE,
      { c: 'SERVICE_WINDOW', i: { title: 'ok', steps: ['a', ' '] } },
      lead,
    );
    expect(blankStep.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.steps[1]' });
    const partner = await gql(p.gatewayUrl, UPDATE, { c: 'PARTNER_API', i: input }, lead);
    expect(partner.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'channel' });
    // The refused edits changed nothing.
    const before = await gql(p.gatewayUrl, '{ serviceGuide(channel: SERVICE_WINDOW) { version } }', {});
    expect(before.data!.serviceGuide.version).toBe(1);

    const r = await gql(p.gatewayUrl, UPDATE, { c: 'SERVICE_WINDOW', i: input }, lead);
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateServiceGuide).toMatchObject({ version: 2, steps: input.steps });
    const html = await (await fetch(`${base}/guides/SERVICE_WINDOW`)).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<li>出示证件</li>');

    const trail = await gql(
      p.gatewayUrl,
      'query { auditTrail(filter: { action: "guide.update", first: 5 }) { entries { actor target } } }',
      {},
      lead,
    );
    expect(trail.data!.auditTrail.entries[0]).toMatchObject({ target: 'SERVICE_WINDOW v2 steps,title' });
  });
});
