// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import JobProgress from '../../../../src/renderer/src/ui/JobProgress.vue';
import type { AnalysisJobStatus } from '../../../../src/shared/api/analysisDto';

const job = (over: Partial<AnalysisJobStatus>): AnalysisJobStatus => ({
  jobId: 1, runId: 1, kind: 'landscape', status: 'running', done: 0, total: 0, error: null, artifactId: null, createdAt: 0, ...over,
});

describe('an analysis job\'s progress bar', () => {
  it('is a progressbar named for the job, with its value, its bounds and the same words as the line above it', () => {
    const wrapper = mount(JobProgress, { props: { job: job({ done: 12, total: 51 }), label: '#3 spiral' } });
    const bar = wrapper.get('[role="progressbar"]');
    expect(bar.attributes('aria-label')).toBe('#3 spiral progress');
    expect(bar.attributes('aria-valuemin')).toBe('0');
    expect(bar.attributes('aria-valuemax')).toBe('51');
    expect(bar.attributes('aria-valuenow')).toBe('12');
    expect(bar.attributes('aria-valuetext')).toBe('12 of 51 · 24%');
    expect(wrapper.get('.job__fill').attributes('style')).toContain(`width: ${(12 / 51) * 100}%`);
  });

  it('has no value while queued, before the worker says how much there is to do, and says it is waiting', () => {
    const wrapper = mount(JobProgress, { props: { job: job({ status: 'queued' }), label: '#3 spiral' } });
    const bar = wrapper.get('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBeUndefined();
    expect(bar.attributes('aria-valuemax')).toBeUndefined();
    expect(bar.attributes('aria-valuetext')).toBe('waiting for a free worker');
    expect(wrapper.get('[role="status"]').text()).toBe('#3 spiral: waiting for a free worker');
  });
});
