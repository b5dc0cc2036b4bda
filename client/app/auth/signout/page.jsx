import SignOut from '../../../components/SignOut';

export const metadata = { title: 'Sign out' };

export default function SignOutPage() {
  return (
    <section className="panel narrow" aria-labelledby="signout-heading">
      <h1 id="signout-heading">Sign out</h1>
      <SignOut />
    </section>
  );
}
