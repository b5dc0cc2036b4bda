'use client';
import { useCallback, useState } from 'react';
import { apiRequest, apiRequestRetrying } from '../lib/api';

/**
 * One API request at a time for a form: `send(method, path, body)` resolves to the result of
 * `apiRequest`, and `errors` holds the API's errors of the last failed request. With
 * `{ retry: true }` a 503 with `Retry-After` is asked again a few times first (`apiRequestRetrying`).
 */
export function useRequest() {
  const [errors, setErrors] = useState([]);
  const [pending, setPending] = useState(false);
  const send = useCallback(async (method, path, body, { retry = false } = {}) => {
    setPending(true);
    setErrors([]);
    const result = await (retry ? apiRequestRetrying(method, path, body) : apiRequest(method, path, body));
    setPending(false);
    if (!result.ok) setErrors(result.errors);
    return result;
  }, []);
  return { send, errors, pending };
}
