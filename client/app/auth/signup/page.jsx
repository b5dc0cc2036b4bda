import Link from 'next/link';
import AuthForm from '../../../components/AuthForm';

export const metadata = { title: 'Sign up' };

export default function SignUpPage() {
  return (
    <section className="panel narrow" aria-labelledby="signup-heading">
      <h1 id="signup-heading">Sign up</h1>
      <AuthForm mode="signup" />
      <p className="muted">
        Already have an account? <Link href="/auth/signin">Sign in</Link>
      </p>
    </section>
  );
}
