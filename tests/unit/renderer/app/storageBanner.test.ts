// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { nextTick } from 'vue';
import { setApi } from '../../../../src/renderer/src/api';
import StorageBanner from '../../../../src/renderer/src/app/StorageBanner.vue';
import { fakeApi } from '../fakeApi';

describe('the storage banner', () => {
  it('says the disk is full with the free space, and goes when writing works again', async () => {
    const fake = fakeApi({});
    setApi(fake.api);
    const wrapper = mount(StorageBanner);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    fake.emit('app.storage', { ok: false, code: 'storage-full', message: 'disk full: 0.4 MB free in /data' });
    await nextTick();
    expect(wrapper.find('[role="alert"]').text()).toContain('disk full: 0.4 MB free in /data');
    fake.emit('app.storage', { ok: true, code: null, message: null });
    await nextTick();
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
