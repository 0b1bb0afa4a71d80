import type { ReactNode } from "react";

/** One section of the inspector: a titled region (`inspector-<name>`), its intro, then its content. */
export function InspectorSection(props: {
  name: string;
  title: string;
  intro: string;
  className?: string;
  children: ReactNode;
}) {
  const headingId = `inspector-${props.name}`;
  const className = ["inspector-section", props.className].filter(Boolean).join(" ");
  return (
    <section aria-labelledby={headingId} className={className}>
      <h3 id={headingId}>{props.title}</h3>
      <p className="inspector-intro">{props.intro}</p>
      {props.children}
    </section>
  );
}
