'use client';
import { useCallback, useState } from 'react';
import { apiRequest } from '../lib/api';

/**
 * One API request at a time for a form: `send(method, path, body)` resolves to the result of
 * `apiRequest`, and `errors` holds the API's errors of the last failed request.
 */
export function useRequest() {
  const [errors, setErrors] = useState([]);
  const [pending, setPending] = useState(false);
  const send = useCallback(async (method, path, body) => {
    setPending(true);
    setErrors([]);
    const result = await apiRequest(method, path, body);
    setPending(false);
    if (!result.ok) setErrors(result.errors);
    return result;
  }, []);
  return { send, errors, pending };
}
