import './globals.css';
import Header from '../components/Header';
import SessionRenewal from '../components/SessionRenewal';
import { currentUser } from '../lib/server-api';

// Every page depends on the visitor's session: never prerender or cache one.
export const dynamic = 'force-dynamic';

export const metadata = {
  title: { default: 'Ticketing', template: '%s · Ticketing' },
  description: 'Buy and sell tickets for concerts, sports and more.',
};

export const viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <Header currentUser={user} />
        <SessionRenewal signedIn={Boolean(user)} />
        <main id="main" className="container main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
