import { useId, useState, type ChangeEvent } from "react";

/**
 * One text input with its error: the value, the error shown under it, and the props that tie the
 * input to that error (`aria-invalid`, `aria-describedby`) for `<input {...inputProps} />` and
 * `<FieldError id={errorId} … />`.
 */
export function useTextField() {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>();
  const inputId = useId();
  const errorId = useId();
  const inputProps = {
    id: inputId,
    value,
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(event.target.value),
    "aria-invalid": error !== undefined,
    "aria-describedby": error !== undefined ? errorId : undefined,
  };
  return { value, setValue, error, setError, inputProps, errorId };
}
