/**
 * A form's error, announced when it appears (`role="alert"`); the field it is about points at
 * `id` with `aria-describedby`. Renders nothing while there is no error.
 */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (error === undefined) return null;
  return (
    <p id={id} role="alert" className="field-error">
      {error}
    </p>
  );
}
