import Link from 'next/link';

// The site header: sign up / sign in when signed out; sell / my orders / sign out when signed in.
export default function Header({ currentUser }) {
  const links = currentUser
    ? [
        { href: '/tickets/new', label: 'Sell a ticket' },
        { href: '/orders', label: 'My orders' },
        { href: '/auth/signout', label: 'Sign out', prefetch: false },
      ]
    : [
        { href: '/auth/signup', label: 'Sign up' },
        { href: '/auth/signin', label: 'Sign in' },
      ];
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link href="/" className="brand">
          Ticketing
        </Link>
        <nav aria-label="Main">
          <ul className="nav-links">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href} prefetch={l.prefetch}>
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {currentUser ? (
        <div className="container">
          <p className="signed-in-as">
            Signed in as <strong>{currentUser.email}</strong>
          </p>
        </div>
      ) : null}
    </header>
  );
}
