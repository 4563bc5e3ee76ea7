import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from '../../../../src/renderer/src/api/ApiError';
import { wrapPreloadApi } from '../../../../src/renderer/src/api/electronClient';
import { fakeApi } from '../fakeApi';

describe('API errors from either transport', () => {
  it('keeps code and issues of the plain error object the preload rejects with', () => {
    const err = toApiError({ code: 'bad-request', message: 'invalid', issues: [{ path: 'spec.loss', message: 'bad' }] });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'bad-request', issues: [{ path: 'spec.loss', message: 'bad' }] });
  });

  it("strips Electron's 'Error invoking remote method' prefix from a message", () => {
    const err = toApiError(new Error("Error invoking remote method 'app:runs.get': Error: run 3 does not exist"));
    expect(err.message).toBe('run 3 does not exist');
    expect(err.code).toBe('internal');
  });

  it('wraps the preload so its rejections become ApiErrors', async () => {
    const preload = fakeApi({ 'runs.get': () => Promise.reject({ code: 'not-found', message: 'run 3 does not exist' }) });
    const api = wrapPreloadApi(preload.api);
    await expect(api.runs.get({ id: 3 })).rejects.toMatchObject({ name: 'ApiError', code: 'not-found' });
  });
});
