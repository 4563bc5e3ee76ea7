// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { reactive } from 'vue';
import LandscapeSettingsForm from '../../../../src/renderer/src/landscape/LandscapeSettingsForm.vue';
import { initialForm, toSettings } from '../../../../src/renderer/src/landscape/settingsForm';

const selectLabelled = (w: ReturnType<typeof mount>, label: string) => {
  const field = w.findAll('.field').find((f) => f.get('label').text() === label);
  if (!field) throw new Error(`no field "${label}"`);
  return field.get('select');
};

describe('the landscape settings form', () => {
  it('shows the fields of the chosen mode and resets its range and resolution', async () => {
    const form = reactive(initialForm());
    const w = mount(LandscapeSettingsForm, { props: { modelValue: form, otherRunOptions: [{ value: '', label: 'none' }, { value: '4', label: '#4 other' }] } });
    expect(w.text()).toContain('Margin around the path');
    expect(w.text()).not.toContain('Direction normalization');

    await selectLabelled(w, 'Mode').setValue('interpolation');
    expect(form).toMatchObject({ mode: 'interpolation', resolution: 81, rangeMin: -0.5, rangeMax: 1.5 });
    expect(w.text()).toContain('Range from');
    await selectLabelled(w, 'From → to').setValue('runToRun');
    await selectLabelled(w, 'Other run (same network)').setValue('4');
    expect(toSettings(form)).toMatchObject({ mode: 'interpolation', endpoints: 'runToRun', otherRunId: 4, range: [-0.5, 1.5] });

    await selectLabelled(w, 'Mode').setValue('surface');
    expect(form).toMatchObject({ resolution: 51, rangeMin: -1, rangeMax: 1 });
    expect(w.text()).toContain('Direction normalization');
    expect(w.text()).toContain('Move the biases too');
    // what a filter is, for dense and conv layers alike, and what the other choices scale
    expect(w.text()).toContain('Each filter, a unit’s incoming weights or a conv kernel (one output channel), gets the trained filter’s norm.');
    await selectLabelled(w, 'Direction normalization').setValue('layer');
    expect(w.text()).toContain('Each layer’s weights get the trained layer’s norm.');
    expect(w.text()).not.toContain('a conv kernel');
  });
});
