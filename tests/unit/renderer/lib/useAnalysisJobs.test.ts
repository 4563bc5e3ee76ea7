// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import type { AnalysisJobStatus } from '../../../../src/shared/api/analysisDto';
import { setApi } from '../../../../src/renderer/src/api';
import { useAnalysisJobs, type AnalysisJobs, type AnalysisJobsOptions } from '../../../../src/renderer/src/lib/useAnalysisJobs';
import JobProgress from '../../../../src/renderer/src/ui/JobProgress.vue';
import { fakeApi, type FakeApi } from '../fakeApi';

const job = (jobId: number, over: Partial<AnalysisJobStatus> = {}): AnalysisJobStatus => ({
  jobId, runId: 1, kind: 'landscape', status: 'queued', done: 0, total: 0, error: null, artifactId: null, createdAt: jobId, ...over,
});

let fake: FakeApi;
beforeEach(() => {
  fake = fakeApi({
    'landscape.compute': () => job(7),
    'jobs.cancel': ({ jobId }) => job(jobId, { status: 'cancelled' }),
    'jobs.list': () => [job(3, { status: 'running', runId: 2 }), job(4, { status: 'done' }), job(5, { kind: 'featureVis', status: 'running' })],
  });
  setApi(fake.api);
});

/** The composable inside a component, as a view uses it (it stops listening on unmount). */
function withJobs(options: Omit<AnalysisJobsOptions, 'onDone'>) {
  const done: AnalysisJobStatus[] = [];
  let jobs!: AnalysisJobs;
  const wrapper = mount(defineComponent({ setup: () => { jobs = useAnalysisJobs({ ...options, onDone: (s) => done.push(s) }); return () => h('div'); } }));
  return { jobs, done, wrapper };
}

describe('analysis jobs', () => {
  it('follows a started job to its end, once, even when an event overtakes the answer', async () => {
    const { jobs, done, wrapper } = withJobs({});
    fake.emit('job.progress', job(7, { status: 'running' })); // not started yet: not followed
    const status = await jobs.start(() => fake.api.landscape.compute({ runId: 1, settings: { mode: 'pathPlane' } }));
    expect(status.jobId).toBe(7);
    expect(jobs.active.value).toBe(true);
    fake.emit('job.progress', job(7, { status: 'running', done: 5, total: 10 }));
    expect(jobs.latest.value).toMatchObject({ status: 'running', done: 5 });
    fake.emit('job.progress', job(7, { status: 'done', done: 10, total: 10, artifactId: 12 }));
    fake.emit('job.progress', job(7, { status: 'done', done: 10, total: 10, artifactId: 12 }));
    expect(done.map((s) => s.artifactId)).toEqual([12]);
    expect(jobs.active.value).toBe(false);
    fake.emit('job.progress', job(8, { status: 'done' })); // somebody else's job
    expect(done).toHaveLength(1);
    wrapper.unmount();
  });

  it('with a kind, follows every job of it and adopts the unfinished ones; cancel and failures end a job', async () => {
    const { jobs, done, wrapper } = withJobs({ kind: 'landscape' });
    await jobs.adoptActive();
    expect([...jobs.jobs.keys()]).toEqual([3]);
    expect(jobs.activeFor(2)?.jobId).toBe(3);
    fake.emit('job.progress', job(9, { status: 'done', artifactId: 1 }));
    fake.emit('job.progress', job(10, { kind: 'featureVis', status: 'done' }));
    expect(done.map((s) => s.jobId)).toEqual([9]);
    await jobs.cancel(3);
    expect(jobs.jobs.get(3)?.status).toBe('cancelled');
    fake.emit('job.progress', job(3, { status: 'done', runId: 2 })); // the first final state wins
    expect(jobs.jobs.get(3)?.status).toBe('cancelled');
    fake.emit('job.progress', job(11, { status: 'failed', error: 'out of memory' }));
    expect(jobs.latestFor(1)?.status).toBe('failed');
    expect(jobs.error.value).toBe('out of memory');
    wrapper.unmount();
  });

  it('keeps a refused start in error', async () => {
    const { jobs, wrapper } = withJobs({});
    await expect(jobs.start(() => Promise.reject(new Error('no checkpoint')))).rejects.toThrow('no checkpoint');
    expect(jobs.error.value).toBe('no checkpoint');
    wrapper.unmount();
  });
});

describe('the job progress', () => {
  it('shows what the job does and offers Cancel only while it runs', async () => {
    const w = mount(JobProgress, { props: { job: job(1), label: '#1 xor' } });
    expect(w.get('[role="status"]').text()).toBe('#1 xor: waiting for a free worker');
    expect(w.get('[data-job-status]').attributes('data-job-status')).toBe('queued');
    await w.get('button').trigger('click');
    expect(w.emitted('cancel')).toHaveLength(1);
    await w.setProps({ job: job(1, { status: 'running', done: 3, total: 4 }) });
    expect(w.get('[role="status"]').text()).toBe('#1 xor: 75%');
    expect(w.get('[role="progressbar"]').attributes('aria-label')).toBe('#1 xor progress');
    await w.setProps({ job: job(1, { status: 'done', done: 4, total: 4 }) });
    expect(w.get('[role="status"]').text()).toBe('#1 xor: done');
    expect(w.find('button').exists()).toBe(false);
  });
});
