import Link from 'next/link';

/** Links between the pages of a list the API pages with a cursor. */
export default function Pager({ basePath, cursor, next, label }) {
  if (!cursor && !next) return null;
  return (
    <nav className="pager" aria-label={label}>
      {cursor ? <Link href={basePath}>First page</Link> : <span />}
      {next ? <Link href={`${basePath}?cursor=${encodeURIComponent(next)}`}>Next page</Link> : null}
    </nav>
  );
}
