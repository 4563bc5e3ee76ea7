// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { setApi } from '../../../../src/renderer/src/api';
import App from '../../../../src/renderer/src/App.vue';
import StatusBadge from '../../../../src/renderer/src/ui/StatusBadge.vue';
import { VIEWS } from '../../../../src/renderer/src/app/nav';
import { parseHash, startRouter } from '../../../../src/renderer/src/app/router';
import { fakeApi } from '../fakeApi';

describe('the app shell', () => {
  it('lists exactly the views that are built, in order', async () => {
    setApi(fakeApi({
      'app.info': () => ({ version: '0.1.0', mode: 'browser', dataDir: '/data', cores: 2, maxConcurrentJobs: 1 }),
      'datasets.list': () => [],
      'runs.list': () => [],
    }).api);
    startRouter('playground');
    const wrapper = mount(App, { global: { plugins: [createPinia()], stubs: { KeepAlive: true } } });
    await flushPromises();
    const links = wrapper.findAll('nav a');
    expect(links.map((a) => a.text())).toEqual(VIEWS.map((v) => v.label));
    expect(links.map((a) => a.attributes('href'))).toEqual(VIEWS.map((v) => `#/${v.id}`));
    expect(links.slice(0, 2).map((a) => a.attributes('href'))).toEqual(['#/playground', '#/runs']);
    expect(wrapper.find('nav a[aria-current="page"]').text()).toBe('Playground');
    expect(wrapper.text()).toContain('v0.1.0 · browser');
    wrapper.unmount();
  });

  it('reads the view and its parameter from the address hash', () => {
    expect(parseHash('#/runs/12', 'playground')).toEqual({ view: 'runs', param: '12' });
    expect(parseHash('', 'playground')).toEqual({ view: 'playground', param: null });
  });

  it('names a run status in words for screen readers', () => {
    const badge = mount(StatusBadge, { props: { status: 'diverged' } });
    expect(badge.attributes('aria-label')).toBe('status: diverged');
    expect(badge.classes()).toContain('badge--diverged');
  });
});
