import { describe, expect, it } from 'vitest';
import { formatW3cDateTime, parseW3cDateTime } from './w3c-datetime.ts';
import { toXml } from './spark-xml.ts';
import { formatOfUrl, splitFormat } from './georeport-routes.ts';
import { envApiKeyHashes, hashApiKey, hashListed } from './api-keys.ts';
import { presentServiceRequest, type PublicRequestRow } from './presenter.ts';

describe('GeoReport v2 formats', () => {
  it('writes W3C datetimes in China time and reads them only with a time zone', () => {
    expect(formatW3cDateTime(new Date('2024-09-30T16:30:05.123Z'))).toBe('2024-10-01T00:30:05+08:00');
    expect(parseW3cDateTime('2010-01-01T00:00:00Z')?.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3cDateTime('2010-04-14T06:37:38-08:00')?.toISOString()).toBe('2010-04-14T14:37:38.000Z');
    expect(parseW3cDateTime('2024-10-01T08:00+08:00')?.toISOString()).toBe('2024-10-01T00:00:00.000Z');
    expect(parseW3cDateTime('2024-10-01T08:00:00.5+08:00')?.toISOString()).toBe('2024-10-01T00:00:00.500Z');
    expect(parseW3cDateTime('2024-10-01')?.toISOString()).toBe('2024-09-30T16:00:00.000Z');
    for (const bad of ['2024-10-01T08:00:00', '2024-02-30T00:00:00Z', '2024-13-01', 'yesterday', '2024-10-01T24:00:00Z', '2024-10-01T08:00:00+25:00', '']) expect(parseW3cDateTime(bad), bad).toBeNull();
  });

  it('renders lists as repeated elements (Spark convention), escapes text and drops characters XML forbids', () => {
    expect(toXml('errors', [{ code: 400, description: 'a < b & c > "d"\u0000\u000b' }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors>\n  <error>\n    <code>400</code>\n    <description>a &lt; b &amp; c &gt; "d"</description>\n  </error>\n</errors>\n',
    );
    expect(toXml('service_requests', [])).toBe('<?xml version="1.0" encoding="utf-8"?>\n<service_requests></service_requests>\n');
    expect(toXml('service_definition', { service_code: 'x', attributes: [], note: null })).toContain('<attributes></attributes>\n  <note></note>');
    expect(() => toXml('unknown_list', [1])).toThrow(/no item name/);
  });

  it('takes the format from the extension, XML when there is none', () => {
    expect(formatOfUrl('/open311/v2/services.json?jurisdiction_id=x')).toBe('json');
    expect(formatOfUrl('/open311/v2/services?format=.json')).toBe('xml');
    expect(splitFormat('urban.lights.json')).toEqual({ id: 'urban.lights', format: 'json' });
    expect(splitFormat('urban.lights')).toEqual({ id: 'urban.lights', format: 'xml' });
    expect(splitFormat('JC20240101-000001.xml')).toEqual({ id: 'JC20240101-000001', format: 'xml' });
  });

  it('keeps only hashes of the keys from the environment and compares them in constant time', () => {
    const hashes = envApiKeyHashes(' a1 ,, b2 ,');
    expect(hashes).toEqual([hashApiKey('a1'), hashApiKey('b2')]);
    expect(hashListed(hashApiKey('b2'), hashes)).toBe(true);
    expect(hashListed(hashApiKey('c3'), hashes)).toBe(false);
    expect(envApiKeyHashes(undefined)).toEqual([]);
  });

  it('serves media_url as posted and the spec’s fields only, closed at the closing time', () => {
    const row: PublicRequestRow = {
      code: 'JC20241001-000001',
      status: 'reviewed',
      description: '路灯不亮',
      replyText: '已修复',
      serviceCode: 'lights',
      serviceName: '路灯',
      unitName: '青山镇',
      address: '村口',
      latitude: 30.25,
      longitude: 120.16,
      resolveBy: null,
      createdAt: new Date('2024-10-01T01:00:00Z'),
      updatedAt: new Date('2024-10-03T01:00:00Z'),
      closedAt: new Date('2024-10-02T01:00:00Z'),
      mediaUrl: 'https://img.example.org/a.jpg',
    };
    const r = presentServiceRequest(row);
    expect(r).toMatchObject({ status: 'closed', media_url: 'https://img.example.org/a.jpg', updated_datetime: '2024-10-02T09:00:00+08:00', expected_datetime: null });
    expect(Object.keys(r).filter((k) => /email|device|account|phone|name$/.test(k))).toEqual(['service_name']);
    expect(presentServiceRequest({ ...row, mediaUrl: null }).media_url).toBeNull();
    expect(toXml('service_requests', [r])).toContain('<media_url>https://img.example.org/a.jpg</media_url>');
  });
});
