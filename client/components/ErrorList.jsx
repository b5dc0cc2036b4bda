// The API's `errors[].message`s, shown inside the form whose request caused them.
export default function ErrorList({ errors, title = 'Something went wrong', id }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div className="alert" role="alert" id={id}>
      <p className="alert-title">{title}</p>
      <ul>
        {errors.map((e, i) => (
          <li key={`${i}-${e.message}`}>{e.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** The message of the first error about `field`, if any. */
export function fieldError(errors, field) {
  return errors?.find((e) => e.field === field)?.message;
}
