'use client';
import { useEffect, useRef, useState } from 'react';
import ErrorList from './ErrorList';
import { apiRequest } from '../lib/api';

/** Signs the visitor out as soon as it is shown, then reloads the home page. */
export default function SignOut({ navigate = (url) => window.location.replace(url) }) {
  const [errors, setErrors] = useState([]);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    apiRequest('POST', '/api/users/signout', {}).then((result) => {
      if (result.ok) navigate('/');
      else setErrors(result.errors);
    });
  }, [navigate]);
  return (
    <div>
      <p role="status">Signing you out…</p>
      <ErrorList errors={errors} title="Could not sign out" />
    </div>
  );
}
