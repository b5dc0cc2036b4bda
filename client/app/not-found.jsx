import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="panel narrow" aria-labelledby="nf-heading">
      <h1 id="nf-heading">Not found</h1>
      <p>There is nothing here. The ticket or order may not exist, or the link is wrong.</p>
      <p>
        <Link href="/">Back to the tickets</Link>
      </p>
    </section>
  );
}
