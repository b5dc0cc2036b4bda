'use client';
import ErrorList, { fieldError } from './ErrorList';
import { useRequest } from './useRequest';
import { useHydrated } from './useHydrated';

const MODES = {
  signup: { path: '/api/users/signup', button: 'Sign up', pending: 'Signing up…', password: 'new-password' },
  signin: { path: '/api/users/signin', button: 'Sign in', pending: 'Signing in…', password: 'current-password' },
};

/** Sign-up or sign-in form; on success the whole page reloads at `/` with the new session. */
export default function AuthForm({ mode, navigate = (url) => window.location.assign(url) }) {
  const m = MODES[mode];
  const hydrated = useHydrated();
  const { send, errors, pending } = useRequest();

  async function onSubmit(event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await send('POST', m.path, {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (result.ok) navigate('/');
  }

  const emailError = fieldError(errors, 'email');
  const passwordError = fieldError(errors, 'password');
  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-label={m.button}>
      <div className="field">
        <label htmlFor={`${mode}-email`}>Email</label>
        <input
          id={`${mode}-email`}
          name="email"
          type="email"
          autoComplete="email"
          aria-invalid={emailError ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={`${mode}-password`}>Password</label>
        <input
          id={`${mode}-password`}
          name="password"
          type="password"
          autoComplete={m.password}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={mode === 'signup' ? `${mode}-password-hint` : undefined}
        />
        {mode === 'signup' ? (
          <p className="hint" id={`${mode}-password-hint`}>
            4 to 20 characters.
          </p>
        ) : null}
      </div>
      <ErrorList errors={errors} title={`Could not ${m.button.toLowerCase()}`} />
      <button type="submit" className="button primary" disabled={pending || !hydrated}>
        {pending ? m.pending : m.button}
      </button>
    </form>
  );
}
