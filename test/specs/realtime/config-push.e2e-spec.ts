import { CONFIG_CENTER_ENDPOINTS as E, type ConfigSnapshot } from '@switchboard/shared';
import { describe, expect, inject, it } from 'vitest';
import { call, nacosForm, uniqueId } from '../../support/api';
import { connect, subscribe, waitForEvent } from '../../support/realtime';
import { eventually } from '../../support/wait';

const baseUrl = inject('baseUrl');

describe('socket.io topic config', () => {
  it('should answer with the content and md5, then push published and deleted', async () => {
    const key = { namespaceId: 'public', group: 'DEFAULT_GROUP', dataId: uniqueId('live') };
    const socket = await connect(baseUrl);
    try {
      const empty = await subscribe(socket, { kind: 'config', ...key });
      expect((empty as { snapshot: ConfigSnapshot }).snapshot).toEqual({ config: null });
      const published = waitForEvent(socket, 'config.published', (e) => e.key.dataId === key.dataId, 10_000);
      await nacosForm(baseUrl, 'POST', '/nacos/v1/cs/configs', { dataId: key.dataId, group: key.group, content: 'hello=world' });
      const [event] = await published;
      expect(event.config).toMatchObject({ ...key, content: 'hello=world', version: 1 });
      const listeners = await call(baseUrl, E.listListeners, { params: key });
      expect(listeners.body).toEqual([expect.objectContaining({ transport: 'socket', md5: event.config.md5, upToDate: true })]);
      const deleted = waitForEvent(socket, 'config.deleted', (e) => e.key.dataId === key.dataId, 10_000);
      await call(baseUrl, E.deleteConfig, { params: key });
      expect((await deleted)[0].version).toBe(2);
      socket.disconnect();
      // The server forgets the listener once it sees the connection close.
      await eventually(async () => expect((await call(baseUrl, E.listListeners, { params: key })).body).toEqual([]));
    } finally {
      socket.disconnect();
    }
  });
});
