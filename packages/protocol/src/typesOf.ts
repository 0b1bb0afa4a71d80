/** The `type` of every member of a union discriminated on `type`, in the union's order. */
export function typesOf<T extends string>(union: {
  options: readonly { shape: { type: { value: T } } }[];
}): T[] {
  return union.options.map((option) => option.shape.type.value);
}
