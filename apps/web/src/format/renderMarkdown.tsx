import type { ReactNode } from "react";
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Nodes } from "mdast";
import { segmentsToReact } from "./segments.js";

/**
 * Markdown as React elements: bold, italic, code, fenced code, quotes, lists and line breaks.
 * Only CommonMark's parser runs (no HTML extension): raw HTML arrives as an `html` node and is shown
 * as the text it is; a link's target is never used (a `javascript:` URL stays inert text), but plain
 * http(s) URLs and mentions in the text are linked and marked as everywhere else.
 */
export function renderMarkdown(text: string, myName: string): ReactNode {
  return render(fromMarkdown(text), myName, "m");
}

function children(node: { children: Nodes[] }, myName: string, key: string): ReactNode[] {
  return node.children.map((child, i) => render(child, myName, `${key}.${i}`));
}

function render(node: Nodes, myName: string, key: string): ReactNode {
  switch (node.type) {
    case "root":
      return <div className="formatted">{children(node, myName, key)}</div>;
    case "paragraph":
      return <p key={key}>{children(node, myName, key)}</p>;
    case "text":
      return <span key={key}>{segmentsToReact(node.value, myName)}</span>;
    case "strong":
      return <strong key={key}>{children(node, myName, key)}</strong>;
    case "emphasis":
      return <em key={key}>{children(node, myName, key)}</em>;
    case "inlineCode":
      return <code key={key}>{node.value}</code>;
    case "code":
      return (
        <pre key={key}>
          <code>{node.value}</code>
        </pre>
      );
    case "blockquote":
      return <blockquote key={key}>{children(node, myName, key)}</blockquote>;
    case "list":
      return node.ordered ? (
        <ol key={key} start={node.start ?? undefined}>
          {children(node, myName, key)}
        </ol>
      ) : (
        <ul key={key}>{children(node, myName, key)}</ul>
      );
    case "listItem":
      return <li key={key}>{children(node, myName, key)}</li>;
    case "break":
      return <br key={key} />;
    case "link":
    case "linkReference":
      // The label only: the target is not followed (links come from the plain-text autolinker).
      return <span key={key}>{children(node, myName, key)}</span>;
    case "html":
      return <span key={key}>{node.value}</span>;
    case "heading":
      // A heading marker in chat is more often a literal "#": shown as a paragraph of its text.
      return <p key={key}>{children(node, myName, key)}</p>;
    case "thematicBreak":
      return <hr key={key} />;
    default:
      // Images, definitions and anything newer: their plain source text, never markup.
      return "value" in node && typeof node.value === "string" ? (
        <span key={key}>{node.value}</span>
      ) : "children" in node ? (
        <span key={key}>{children(node as { children: Nodes[] }, myName, key)}</span>
      ) : null;
  }
}
