import { type FormEvent, useId, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage, fieldErrors, trpc } from '../lib/trpc';
import { useMe } from './session';
import { Logo } from '../layout/Logo';

type Mode = 'sign-in' | 'sign-up';

const COPY = {
  'sign-in': { title: 'Welcome back', action: 'Sign in', busy: 'Signing in…', other: 'New to Stepwise?', otherLink: 'Create an account', otherTo: '/sign-up' },
  'sign-up': { title: 'Create your account', action: 'Create account', busy: 'Creating your account…', other: 'Already have an account?', otherLink: 'Sign in', otherTo: '/sign-in' },
} as const;

/** Sign-in and sign-up: one form, two modes. Errors are shown next to the field they are about. */
export function AuthPage({ mode }: { mode: Mode }) {
  const copy = COPY[mode];
  const { user, refresh } = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = trpc.auth.signIn.useMutation();
  const signUp = trpc.auth.signUp.useMutation();
  const mutation = mode === 'sign-in' ? signIn : signUp;
  const ids = { email: useId(), password: useId(), error: useId() };
  const next = params.get('next')?.startsWith('/') ? params.get('next')! : '/chat';

  if (user) return <Navigate to={next} replace />;

  const errors = mutation.error ? fieldErrors(mutation.error) : {};
  const emailError = errors.email?.join('. ');
  const passwordError = errors.password?.join('. ');
  const formError = mutation.error && !emailError && !passwordError ? errorMessage(mutation.error) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(
      { email, password },
      {
        onSuccess: async () => {
          await refresh();
          navigate(next, { replace: true });
        },
      },
    );
  };

  return (
    <main className="auth">
      <div className="auth-panel">
        <Logo />
        <h1>{copy.title}</h1>
        <p className="muted">Turn money goals into step-by-step plans you can run, review and finish.</p>
        <form onSubmit={submit} noValidate aria-describedby={formError ? ids.error : undefined}>
          <div className="field">
            <label htmlFor={ids.email}>Email</label>
            <input
              id={ids.email}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={emailError ? true : undefined}
              aria-describedby={emailError ? `${ids.email}-error` : undefined}
              required
              autoFocus
            />
            {emailError && (
              <p className="field-error" id={`${ids.email}-error`}>
                {emailError}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={ids.password}>Password</label>
            <input
              id={ids.password}
              type="password"
              autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={passwordError ? true : undefined}
              aria-describedby={passwordError ? `${ids.password}-error` : mode === 'sign-up' ? `${ids.password}-hint` : undefined}
              required
            />
            {mode === 'sign-up' && !passwordError && (
              <p className="hint" id={`${ids.password}-hint`}>
                At least 12 characters, mixing two kinds: lower-case, upper-case, digits or symbols.
              </p>
            )}
            {passwordError && (
              <p className="field-error" id={`${ids.password}-error`}>
                {passwordError}
              </p>
            )}
          </div>
          {formError && (
            <p className="form-error" role="alert" id={ids.error}>
              {formError}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-block" disabled={mutation.isPending}>
            {mutation.isPending ? copy.busy : copy.action}
          </button>
        </form>
        <p className="auth-switch">
          {copy.other} <Link to={copy.otherTo + (params.get('next') ? `?next=${encodeURIComponent(next)}` : '')}>{copy.otherLink}</Link>
        </p>
      </div>
    </main>
  );
}
