'use client';

export default function ErrorPage({ reset }) {
  return (
    <section className="panel narrow" aria-labelledby="err-heading">
      <h1 id="err-heading">Something went wrong</h1>
      <p>The page could not be loaded. The service may be starting up; try again in a moment.</p>
      <button type="button" className="button primary" onClick={() => reset()}>
        Try again
      </button>
    </section>
  );
}
