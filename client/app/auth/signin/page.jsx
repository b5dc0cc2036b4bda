import Link from 'next/link';
import AuthForm from '../../../components/AuthForm';

export const metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <section className="panel narrow" aria-labelledby="signin-heading">
      <h1 id="signin-heading">Sign in</h1>
      <AuthForm mode="signin" />
      <p className="muted">
        New here? <Link href="/auth/signup">Create an account</Link>
      </p>
    </section>
  );
}
