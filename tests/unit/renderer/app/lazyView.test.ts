// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { h, type Component } from 'vue';
import { lazyView, retryWait } from '../../../../src/renderer/src/app/lazyView';

const Loaded: Component = { render: () => h('h1', 'Gradient descent') };
/** The view inside a shell, as App.vue shows it. */
const inShell = (view: Component) => mount({ render: () => h('main', [h(view)]) });

/** Lets every pending retry run: each wait elapses, then the loader's promise settles. */
async function waitOutRetries(tries: number): Promise<void> {
  for (let k = 0; k < tries; k++) {
    await flushPromises();
    await vi.runOnlyPendingTimersAsync();
  }
  await flushPromises();
}

describe('a view loaded on first opening', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('is tried again while the server is away, and shows once a try succeeds', async () => {
    vi.useFakeTimers();
    let tries = 0;
    const view = lazyView('Gradient descent', () => (++tries <= 3 ? Promise.reject(new Error('Failed to fetch dynamically imported module')) : Promise.resolve(Loaded)));
    const wrapper = inShell(view);
    await waitOutRetries(5);
    expect(tries).toBe(4);
    expect(wrapper.find('h1').text()).toBe('Gradient descent');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  it('says in words that it could not be loaded, and what to do, when the server never comes back', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let tries = 0;
    const view = lazyView('Gradient descent', () => { tries++; return Promise.reject(new Error('Failed to fetch dynamically imported module')); });
    const wrapper = inShell(view);
    await waitOutRetries(20);
    const alert = wrapper.find('[role="alert"]');
    expect(alert.text()).toContain('The Gradient descent view could not be loaded (Failed to fetch dynamically imported module)');
    expect(alert.text()).toContain('reload the page');
    let budget = 1;
    while (retryWait(budget) !== null) budget++;
    expect(tries).toBe(budget);
  });

  it('gives up after about half a minute of waiting', () => {
    let total = 0;
    for (let attempt = 1; retryWait(attempt) !== null; attempt++) total += retryWait(attempt)!;
    expect(total).toBeGreaterThanOrEqual(25_000);
    expect(total).toBeLessThanOrEqual(60_000);
  });
});
