// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../src/renderer/src/api';
import CsvImport from '../../../../src/renderer/src/playground/CsvImport.vue';
import { usePlaygroundStore } from '../../../../src/renderer/src/playground/playgroundStore';
import { fakeApi } from '../fakeApi';

beforeEach(() => {
  setApi(fakeApi({ 'runs.list': () => [] }).api);
  setActivePinia(createPinia());
});

async function paste(text: string) {
  const wrapper = mount(CsvImport, { attachTo: document.body });
  const area = wrapper.find('textarea');
  await area.setValue(text);
  await area.trigger('change');
  return wrapper;
}

describe('the CSV import panel', () => {
  it('shows only the pickers for a file or text until there is something to read', () => {
    const wrapper = mount(CsvImport);
    expect(wrapper.find('input[type="file"]').exists()).toBe(true);
    expect(wrapper.find('table').exists()).toBe(false);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('offers the columns, previews raw → scaled values and trains on the table when asked', async () => {
    const wrapper = await paste('temperature,people,energy\n-5,20,200\n5,30,127\n10,50,150\n20,10,100\n15,40,110\n');
    const inputs = wrapper.findAll('fieldset input[type="checkbox"]');
    expect(inputs.map((i) => (i.element as HTMLInputElement).checked)).toEqual([true, true, false]);
    expect(wrapper.find('table').text()).toContain('127 → 0.27');
    const use = wrapper.findAll('button').find((b) => b.text() === 'Use this data')!;
    await use.trigger('click');
    const spec = usePlaygroundStore().spec;
    expect(spec.dataset).toMatchObject({ kind: 'inline', task: 'regression', inputNames: ['temperature', 'people'], outputNames: ['energy'], scaling: 'min-max' });
    expect(spec.layers.at(-1)).toEqual({ units: 1, activation: 'linear' });
    expect(wrapper.findAll('button').find((b) => b.text() === 'Training on this table')!.attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('drops a column from the inputs when it is unticked', async () => {
    const wrapper = await paste('a,b,c\n1,2,3\n4,5,6\n');
    await wrapper.findAll('fieldset input[type="checkbox"]')[0].setValue(false);
    expect(wrapper.findAll('th').map((th) => th.text())).toEqual(['b', 'c']);
    wrapper.unmount();
  });

  it('shows the parser’s message naming row and column, and offers nothing to train on', async () => {
    const wrapper = await paste('x1,x2,y\n0.1,0.2,0\n0.3,,1\n');
    expect(wrapper.find('[role="alert"]').text()).toBe("row 3, column 'x2': empty cell");
    expect(wrapper.findAll('button').some((b) => b.text() === 'Use this data')).toBe(false);
    wrapper.unmount();
  });
});
